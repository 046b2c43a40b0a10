// A real HTTP receiver on 127.0.0.1 for webhook tests: records every request and answers as told. Waits
// resolve as a request arrives (bounded, never a fixed sleep).
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Received {
  method: string
  /** Path and query string. */
  url: string
  headers: IncomingHttpHeaders
  body: string
}

/** The answer to a request; `null` never answers (the connection hangs until the receiver closes). */
export type Responder = (req: Received, index: number) => { status: number; body?: string } | null

export async function startReceiver(respond: Responder = () => ({ status: 200, body: 'ok' })) {
  const requests: Received[] = []
  const arrived = new Set<() => void>()
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
      for (const wake of [...arrived]) wake()
      const answer = responder(received, requests.length - 1)
      if (!answer) return
      res.writeHead(answer.status, { 'content-type': 'text/plain; charset=utf-8' })
      res.end(answer.body ?? '')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  /** Resolves with `check()` once it is defined, checked on each request (or fails after `ms`). */
  function whenArrived<T>(check: () => T | undefined, ms: number, failure: () => string): Promise<T> {
    const now = check()
    if (now !== undefined) return Promise.resolve(now)
    return new Promise<T>((resolve, reject) => {
      const done = () => {
        clearTimeout(limit)
        arrived.delete(wake)
      }
      const wake = () => {
        const value = check()
        if (value === undefined) return
        done()
        resolve(value)
      }
      const limit = setTimeout(() => {
        done()
        reject(new Error(failure()))
      }, ms)
      arrived.add(wake)
    })
  }

  return {
    url: `http://127.0.0.1:${port}/hook`,
    port,
    requests,
    respondWith(next: Responder) {
      responder = next
    },
    /** Resolves once at least `n` requests arrived (or fails after `ms`). */
    waitFor(n: number, ms = 10_000) {
      return whenArrived(
        () => (requests.length >= n ? requests : undefined),
        ms,
        () => `expected ${n} requests, got ${requests.length}`,
      )
    },
    /** Resolves with the first request that passes `test`, once it arrived (or fails after `ms`). */
    waitForRequest(test: (req: Received) => boolean, ms = 10_000) {
      return whenArrived(
        () => requests.find(test),
        ms,
        () => `no matching request among ${requests.length}`,
      )
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
