// One HTTP POST to a webhook receiver: a time limit, the answer's start kept, and the address actually
// connected to checked against private networks and other special-purpose ranges (node's `lookup` hook
// runs on the very address the socket uses, so a DNS answer that changes between save and send cannot
// slip through).
import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import { request as httpRequest, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { isIP, type LookupFunction } from 'node:net'
import type { Timers } from '../../lib/clock'
import { addressRange, isPublicAddress } from './targets'

export const RESPONSE_BODY_LIMIT = 2048

export interface SendResult {
  status: number
  body: string
}

/** Thrown for a target Keel refuses to reach; never retried. */
export class RefusedTarget extends Error {}

/** The socket's name resolution, keeping only public addresses unless private targets are allowed. */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 4)
      const usable = allowPrivate ? addresses : addresses.filter((a) => isPublicAddress(a.address))
      if (usable.length === 0) {
        // The ranges, not the addresses: the delivery log should not map the server's own network.
        const ranges = [...new Set(addresses.map((a) => addressRange(a.address)))].join(', ')
        return callback(
          new RefusedTarget(
            `${hostname} resolves to a private-network or special-purpose address (${ranges})`,
          ),
          '',
          4,
        )
      }
      // Node asks for every address when it races IPv4 and IPv6 (autoSelectFamily), else for one.
      if (options.all) return (callback as (e: null, a: LookupAddress[]) => void)(null, usable)
      callback(null, usable[0]!.address, usable[0]!.family)
    })
  }
}

export function postWebhook(
  url: URL,
  body: string,
  headers: Record<string, string>,
  options: { timeoutMs: number; allowPrivate: boolean; signal: AbortSignal; timers: Timers },
): Promise<SendResult> {
  const host = url.hostname.replace(/^\[|\]$/g, '')
  // Node connects to an address literal without calling `lookup`, so it is judged here.
  if (!options.allowPrivate && isIP(host) && !isPublicAddress(host)) {
    return Promise.reject(
      new RefusedTarget(`${host} is a private-network or special-purpose address (${addressRange(host)})`),
    )
  }
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest
  const timeout = new AbortController()
  const timer = options.timers.setTimeout(() => timeout.abort(), options.timeoutMs)
  options.timers.unref(timer)
  const attempt = new Promise<SendResult>((resolve, reject) => {
    const signal = AbortSignal.any([options.signal, timeout.signal])
    const req = send(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'Keel-Webhook/1',
          ...headers,
        },
        lookup: guardedLookup(options.allowPrivate),
        signal,
      },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = []
        let size = 0
        res.on('data', (chunk: Buffer) => {
          if (size < RESPONSE_BODY_LIMIT) chunks.push(chunk)
          size += chunk.length
          // Enough read: the rest of a large answer is of no use to the log.
          if (size > RESPONSE_BODY_LIMIT * 4) res.destroy()
        })
        const done = () =>
          resolve({ status: res.statusCode ?? 0, body: truncate(Buffer.concat(chunks).toString('utf8')) })
        res.on('end', done)
        res.on('close', done)
        res.on('error', done)
      },
    )
    req.on('error', (err) => {
      if (timeout.signal.aborted) reject(new Error(`No answer within ${options.timeoutMs / 1000} s`))
      else if (options.signal.aborted) reject(new Error('Keel is shutting down'))
      else reject(err)
    })
    req.end(body)
  })
  return attempt.finally(() => options.timers.clearTimeout(timer))
}

/** Cut at the limit without splitting a character. */
export function truncate(text: string, limit = RESPONSE_BODY_LIMIT): string {
  if (Buffer.byteLength(text) <= limit) return text
  let out = ''
  let size = 0
  for (const ch of text) {
    size += Buffer.byteLength(ch)
    if (size > limit - 3) break
    out += ch
  }
  return `${out}…`
}
