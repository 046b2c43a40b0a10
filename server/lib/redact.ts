// Takes secrets out of a request path before it is written to a log: link tokens travel in the path (and
// sometimes the query), and a log line outlives the link and is read by more people than the link was for.

const REDACTED = '[redacted]'

/**
 * Matches `prefix` at the start of a path, whatever the case and however many slashes (a mistyped route
 * still carries a real token to its 404), and the secret segment after it, unless that is `except`.
 */
const secretAfter = (prefix: string, except?: string) =>
  new RegExp(`^(${prefix.replaceAll('/', '/+')})${except ? `(?!${except}(?:[/?#]|$))` : ''}[^/?#]+`, 'i')

/**
 * Paths whose segment after the prefix is a secret. Add one here when a route takes a secret in its path:
 * tests/api/log-redaction.test.ts fails for any API route or web page with a path parameter it does not know.
 */
const SECRET_SEGMENTS: readonly RegExp[] = [
  secretAfter('/api/share/'),
  secretAfter('/api/calendar/'), // <token>.ics
  secretAfter('/api/invites/'), // GET describes the invite, POST …/accept accepts it
  secretAfter('/api/auth/password-reset/', 'confirm'),
  secretAfter('/api/unsubscribe/'), // List-Unsubscribe, in every notification email's headers
  // The web app's pages for the same links, served by the SPA fallback.
  secretAfter('/invite/'),
  secretAfter('/s/'),
  secretAfter('/reset-password/'),
  secretAfter('/unsubscribe/'),
  secretAfter('/verify-email/'),
]

/** Query parameters named token or secret, or ending so (access_token, client_secret). */
const SECRET_PARAMETER = /([?&](?:[^&=#]*[_-])?(?:token|secret)=)[^&#]*/gi

/** The path (and query, if any) with every secret segment and parameter value replaced by [redacted]. */
export function redactPath(path: string): string {
  let redacted = path
  for (const pattern of SECRET_SEGMENTS) redacted = redacted.replace(pattern, `$1${REDACTED}`)
  return redacted.replace(SECRET_PARAMETER, `$1${REDACTED}`)
}
