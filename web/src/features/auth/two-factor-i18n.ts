// The words of two-factor authentication in English (Chinese: two-factor-i18n-zh.ts): the account card, its
// setup and recovery codes, the code step of logging in, the page of a Keel that requires it, and what the
// reset and invite pages say when they cannot log in. Wired in as `account.twoFactor.*`.
export const twoFactorEn = {
  title: 'Two-factor authentication',
  intro:
    'Logging in asks for a code from an authenticator app on your phone as well as your password, so a password alone does not open your account.',
  on: 'On',
  off: 'Off',
  statusOff: 'Off: logging in asks only for your password.',
  statusOn: 'On since {{ date }}.',
  codesLeft: '{{ count }} of 10 recovery codes left.',
  codesLow:
    'Only {{ count }} recovery codes left. Make new ones before they run out: they let you in if you lose your phone.',
  codesNone:
    'No recovery codes left. Make new ones now: without them, losing your phone locks you out of your account.',
  turnOn: 'Turn on',
  turnOff: 'Turn off',
  newCodes: 'New recovery codes',
  code: 'Code',
  codeHint: 'The 6-digit code from your authenticator app, or one of your recovery codes.',
  wrongCode: 'That code is not right, or that recovery code was already used.',
  setup: {
    scan: 'Scan this QR code with an authenticator app, such as Google Authenticator, Microsoft Authenticator, 1Password or Authy.',
    qrAlt: 'QR code that adds Keel to an authenticator app',
    manual: 'Cannot scan it? Enter this key in the app instead:',
    enterCode: 'Then enter the 6-digit code the app shows for Keel.',
    code: 'Code from the app',
    submit: 'Turn on',
    submitting: 'Checking…',
    wrongCode:
      'That code is not right. Enter the newest code the app shows, and check that the phone sets its clock automatically.',
    alreadyOn: 'Two-factor authentication is already on for this account.',
    done: 'Two-factor authentication is on. From now on, logging in asks for a code from the app.',
  },
  codes: {
    title: 'Your recovery codes',
    intro:
      'If you lose your phone, each code logs you in once in place of a code from the app. Keep them somewhere safe, such as a password manager. They are shown only now.',
    listLabel: 'Recovery codes',
    copy: 'Copy codes',
    download: 'Download .txt',
    saved: 'I have saved these codes',
    done: 'Done',
    fileName: 'keel-recovery-codes.txt',
    fileTitle: 'Keel recovery codes for {{ email }}',
    fileNote: 'Each code logs you in once in place of a code from your authenticator app. Made {{ date }}.',
  },
  regenerate: {
    intro: 'New codes replace the ones you have, which stop working. Enter a code from the app to make them.',
    submit: 'Make new codes',
  },
  disable: {
    intro:
      'Logging in will ask only for your password; your recovery codes and remembered browsers stop working. Enter a code from the app to turn it off.',
    submit: 'Turn off',
    required: 'This Keel requires two-factor authentication for every account, so it cannot be turned off.',
    done: 'Two-factor authentication is off.',
  },
  signIn: {
    title: 'Enter your code',
    intro: 'Open the authenticator app on your phone and enter the 6-digit code it shows for Keel.',
    introRecovery:
      'Enter one of the recovery codes you saved when you turned on two-factor authentication. Each works once.',
    code: 'Code from the app',
    recoveryCode: 'Recovery code',
    remember: 'Remember this browser for 30 days',
    rememberHint: 'Not on a shared computer.',
    submit: 'Log in',
    submitting: 'Checking…',
    useRecovery: 'Use a recovery code',
    useApp: 'Use a code from the app',
    back: 'Back',
    wrong: 'That code is not right. Enter the newest code the app shows.',
    wrongRecovery: 'That recovery code is not right, or was already used.',
    expired: 'The log-in timed out or had too many wrong codes. Enter your password again.',
    throttled: 'Too many wrong codes. Wait {{ minutes }} min and try again.',
    throttledSoon: 'Too many wrong codes. Wait a few minutes and try again.',
  },
  required: {
    title: 'Turn on two-factor authentication',
    intro:
      'This Keel requires two-factor authentication for every account. Set it up to continue; you need an authenticator app on your phone.',
    signedInAs: 'Logged in as {{ email }}.',
    continue: 'Continue to Keel',
  },
  afterReset:
    'Your new password is set. Two-factor authentication is on for this account: log in with the new password and a code from your authenticator app.',
  afterInvite:
    'You joined the workspace. Two-factor authentication is on for your account: log in with your password and a code from your authenticator app to open it.',
}
