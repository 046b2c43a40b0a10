// What sends an email: the app's dependencies hold one when email is on (features/email/mailer.ts makes it).

export interface Email {
  to: string
  subject: string
  text: string
  html: string
  headers?: Record<string, string>
}

export interface Mailer {
  /** The sender's address as configured (`Keel <keel@example.com>`). */
  readonly from: string
  /** Resolves when the SMTP server accepted the email; rejects with its answer otherwise. */
  send(email: Email): Promise<void>
  close(): void
}
