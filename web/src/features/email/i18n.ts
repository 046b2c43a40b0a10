// The words of email in English (Chinese: i18n-zh.ts): the unsubscribe page behind the link in every
// notification email, and the instance owners' outbox; wired into the app dictionaries as `email.*`.
export const emailEn = {
  unsubscribe: {
    title: 'Stop emails from Keel',
    scopeEmail:
      'This link stops the notification emails you chose to get at once: assignments, mentions, comments and the other kinds you set to “Email at once”.',
    scopeDigest: 'This link stops your daily digest email.',
    inboxStays: 'Those notifications keep arriving in your Keel inbox. Nothing changes until you confirm.',
    submitEmail: 'Stop notification emails',
    submitDigest: 'Stop the daily digest',
    doneTitle: 'Unsubscribed',
    doneEmail: 'Keel sends you no more notification emails; those notifications arrive in your inbox only.',
    doneDigest: 'Keel sends you no more daily digests; those notifications arrive in your inbox only.',
    preferences: 'Choose which emails you get',
    invalidTitle: 'This unsubscribe link is not valid',
    invalidBody:
      'It may have been cut short when copied, or changed. Sign in to Keel and choose which emails you get in your notification preferences.',
  },
  outbox: {
    title: 'Email',
    intro:
      'Notifications, daily digests, password reset links and invitations leave through an outbox. A refused email is tried again after 1 min, 5 min, 30 min, 2 h and 6 h; one that still fails stays here with its error until you retry it.',
    status: 'Email is',
    on: 'On',
    off: 'Off',
    sender: 'Sends as {{ from }}',
    links: 'Links in emails lead to {{ url }}',
    offBody:
      'Keel sends no email now: notifications reach inboxes only, invite links are passed on by hand, and a forgotten password needs a reset link from an instance owner. To turn email on, set KEEL_SMTP_URL on the server (e.g. smtp://user:password@mail.example.com:587), with KEEL_MAIL_FROM and KEEL_PUBLIC_URL, and restart Keel.',
    noPublicUrl:
      'KEEL_PUBLIC_URL is not set, so links in emails lead to the address Keel listens on, which people may not reach. Set it to the address people open Keel at (this page is at {{ origin }}) and restart Keel.',
    counts: 'Emails by status',
    statuses: { pending: 'Waiting', sent: 'Sent', failed: 'Failed', skipped: 'Skipped' },
    countsNote: 'Sent and skipped emails are kept 30 days; failed ones until retried.',
    testTitle: 'Send a test email',
    testTo: 'To',
    testSubmit: 'Send test email',
    testQueued: 'A test email to {{ to }} is queued. Whether it went out shows below within a few seconds.',
    testOff: 'Turn email on first (KEEL_SMTP_URL) to send a test email.',
    filter: 'Show',
    filters: {
      open: 'Failed and waiting',
      failed: 'Failed',
      pending: 'Waiting',
      sent: 'Sent',
      skipped: 'Skipped',
      all: 'All emails',
    },
    listLabel: 'Emails in the outbox',
    columns: {
      status: 'Status',
      kind: 'Kind',
      to: 'To',
      subject: 'Subject',
      attempts: 'Attempts',
      error: 'Last error',
      actions: 'Actions',
    },
    kinds: { notifications: 'Notifications', digest: 'Daily digest', message: 'Message' },
    subjectLater: 'Written when sent',
    queuedAt: 'Queued {{ time }}',
    sentAt: 'Sent {{ time }}',
    nextAttempt: 'Next attempt {{ time }}',
    lastTried: 'Last tried {{ time }}',
    retry: 'Retry',
    retryLabel: 'Send the email to {{ to }} again',
    notFailed:
      'This email was sent, or had nothing left to say, in the meantime: only failed or waiting emails are retried.',
    emailOffRetry: 'Email is off on this Keel: set KEEL_SMTP_URL first.',
    loadMore: 'Load more',
    polling: 'Refreshes every 5 seconds while emails are waiting.',
    emptyTitle: 'Nothing waiting or failed',
    emptyBody:
      'Every email Keel queued has gone out. When a mail server refuses one, it shows here with the server’s answer, and you can retry it once the cause is fixed. Send a test email to check the setup.',
    emptyOffTitle: 'No emails',
    emptyOffBody:
      'With email off, Keel queues none. Once KEEL_SMTP_URL is set, every email waits here until it is sent, and any that fail stay here to retry.',
    emptyFiltered: 'No emails with this status.',
  },
}
