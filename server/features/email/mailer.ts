// Sending one email over SMTP (nodemailer), configured by KEEL_SMTP_URL and KEEL_MAIL_FROM. The outbox
// (outbox.ts) decides what to send and when; this only hands a finished email to the server.
import { createTransport } from 'nodemailer'
import type { Mailer } from '../../lib/mailer'

/** What an SMTP address may be: smtp:// (STARTTLS when offered) or smtps:// (TLS from the start). */
export const SMTP_URL = /^smtps?:\/\/[^/\s]+\/?(\?.*)?$/

/**
 * A mailer for `url`; each send waits at most `timeoutMs` for the server at each step. A connection per
 * email (no pool): Keel sends a few emails a minute, and nothing stays open between them.
 */
export function smtpMailer(url: string, from: string, timeoutMs = 30_000): Mailer {
  const transport = createTransport({
    url,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  } as Parameters<typeof createTransport>[0])
  return {
    from,
    async send(email) {
      await transport.sendMail({
        from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html,
        headers: email.headers,
      })
    },
    close: () => transport.close(),
  }
}
