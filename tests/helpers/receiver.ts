// A real HTTP receiver on 127.0.0.1 for webhook tests: records every request and answers as told.
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Received {
  method: string
  /** Path and query string. */
  url: string
  headers: IncomingHttpHeaders
  body: string
}

export type Responder = (req: Received, index: number) => { status: number; body?: string }

export async function startReceiver(respond: Responder = () => ({ status: 200, body: 'ok' })) {
  const requests: Received[] = []
  let responder = respond
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const received = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      }
      requests.push(received)
      const answer = responder(received, requests.length - 1)
      res.writeHead(answer.status, { 'content-type': 'text/plain; charset=utf-8' })
      res.end(answer.body ?? '')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hook`,
    port,
    requests,
    respondWith(next: Responder) {
      responder = next
    },
    /** Waits until at least `n` requests arrived (or fails after `ms`). */
    async waitFor(n: number, ms = 10_000) {
      const until = Date.now() + ms
      while (requests.length < n) {
        if (Date.now() > until) throw new Error(`expected ${n} requests, got ${requests.length}`)
        await new Promise((r) => setTimeout(r, 10))
      }
      return requests
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>

/** Polls `check` until it returns a truthy value (or fails after `ms`). */
export async function eventually<T>(check: () => T | Promise<T>, ms = 10_000): Promise<NonNullable<T>> {
  const until = Date.now() + ms
  for (;;) {
    const value = await check()
    if (value) return value as NonNullable<T>
    if (Date.now() > until) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 15))
  }
}
