// A real SMTP server on loopback (the smtp-server package) that keeps what it receives, parsed by
// mailparser, and can refuse mail on demand: what the email tests send Keel's outbox to.
import { simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export interface Received {
  to: string
  from: string
  subject: string
  text: string
  html: string
  /** A header's value as sent (unfolded), '' when absent. */
  header(name: string): string
}

export interface Smtp {
  url: string
  received: Received[]
  /** Answers the next messages with a 4xx/5xx (`failing(n)`), or none (`failing(0)`). */
  failing(count: number): void
  /** Waits until `count` messages arrived (default 10 s), then answers all that arrived. */
  waitFor(count: number, ms?: number): Promise<Received[]>
  /** How many were refused so far. */
  refused(): number
  close(): Promise<void>
}

export async function startSmtp(): Promise<Smtp> {
  const received: Received[] = []
  const wakers = new Set<() => void>()
  let failNext = 0
  let refusedCount = 0
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        if (failNext > 0) {
          failNext--
          refusedCount++
          const err = Object.assign(new Error('Mailbox busy, try later'), { responseCode: 451 })
          callback(err)
          return
        }
        void simpleParser(Buffer.concat(chunks)).then((mail) => {
          const to = Array.isArray(mail.to) ? mail.to[0]?.text : mail.to?.text
          received.push({
            to: to ?? '',
            from: mail.from?.text ?? '',
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: typeof mail.html === 'string' ? mail.html : '',
            header: (name) => {
              const line = mail.headerLines.find((h) => h.key === name.toLowerCase())?.line ?? ''
              return line
                .slice(line.indexOf(':') + 1)
                .replace(/\r?\n\s+/g, ' ')
                .trim()
            },
          })
          for (const wake of wakers) wake()
          callback()
        }, callback)
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.server.address() as { port: number }).port
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    failing: (count) => {
      failNext = count
    },
    refused: () => refusedCount,
    waitFor(count, ms = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (received.length < count) return false
          clearTimeout(limit)
          wakers.delete(wake)
          resolve(received.slice())
          return true
        }
        const wake = () => void check()
        const limit = setTimeout(() => {
          wakers.delete(wake)
          reject(new Error(`expected ${count} emails, got ${received.length}`))
        }, ms)
        wakers.add(wake)
        check()
      })
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
