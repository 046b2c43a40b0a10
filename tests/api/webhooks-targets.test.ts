// Where a webhook may point: only public unicast addresses unless KEEL_WEBHOOK_ALLOW_PRIVATE is set. Every
// special-purpose range (loopback, private, link-local, CGNAT, documentation, NAT64, 6to4, Teredo, IPv4
// embedded in IPv6, integer IPv4 forms…) is refused when the webhook is saved, and again at delivery, on
// the address the system resolver actually answers.
import type { LookupAddress } from 'node:dns'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { guardedLookup, RefusedTarget } from '../../server/features/webhooks/send'
import { addressRange, isPublicAddress } from '../../server/features/webhooks/targets'
import { makeApp } from '../helpers/app'
import { rows, withWorkspace } from '../helpers/domain'
import { type Receiver, startReceiver } from '../helpers/receiver'

/** URL hosts that must be refused, as typed into a webhook URL, and what each is. */
const REFUSED_HOSTS: [host: string, what: string][] = [
  ['127.0.0.1', 'loopback'],
  ['127.8.9.10', 'loopback 127.0.0.0/8'],
  ['[::1]', 'IPv6 loopback'],
  ['10.1.2.3', 'private 10/8'],
  ['172.16.0.1', 'private 172.16/12'],
  ['172.31.255.255', 'private 172.16/12, last address'],
  ['192.168.1.20', 'private 192.168/16'],
  ['169.254.169.254', 'link-local (cloud metadata)'],
  ['[fe80::1]', 'IPv6 link-local'],
  ['[fc00::1]', 'unique-local fc00::/7'],
  ['[fd12:3456::1]', 'unique-local fd00::/8'],
  ['100.64.0.1', 'carrier-grade NAT'],
  ['100.127.255.254', 'carrier-grade NAT, top'],
  ['198.18.0.1', 'benchmarking 198.18/15'],
  ['198.19.255.254', 'benchmarking 198.18/15, top'],
  ['0.0.0.0', 'this host'],
  ['0.1.2.3', '0.0.0.0/8'],
  ['[::]', 'IPv6 unspecified'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast (SSDP)'],
  ['[ff02::1]', 'IPv6 multicast'],
  ['255.255.255.255', 'broadcast'],
  ['240.0.0.1', 'reserved 240/4'],
  ['192.0.0.1', 'IETF protocol assignments 192.0.0/24'],
  ['192.0.2.1', 'documentation TEST-NET-1'],
  ['198.51.100.1', 'documentation TEST-NET-2'],
  ['203.0.113.1', 'documentation TEST-NET-3'],
  ['[2001:db8::1]', 'IPv6 documentation'],
  ['[64:ff9b::10.0.0.1]', 'NAT64 well-known prefix with a private IPv4'],
  ['[64:ff9b::7f00:1]', 'NAT64 well-known prefix with loopback'],
  ['[64:ff9b:1::a00:1]', 'NAT64 local-use 64:ff9b:1::/48'],
  ['[::127.0.0.1]', 'IPv4-compatible loopback'],
  ['[::10.0.0.1]', 'IPv4-compatible private'],
  ['[::ffff:127.0.0.1]', 'IPv4-mapped loopback'],
  ['[::ffff:10.0.0.1]', 'IPv4-mapped private'],
  ['[::ffff:169.254.169.254]', 'IPv4-mapped link-local'],
  ['[::ffff:0:127.0.0.1]', 'IPv4-translated (RFC 6145)'],
  ['[2002:7f00:1::1]', '6to4 embedding loopback'],
  ['[2002:a00:1::]', '6to4 embedding a private address'],
  ['[2001::1]', 'Teredo'],
  ['[2001:0:4136:e378:8000:63bf:3fff:fdd2]', 'Teredo (RFC 4380 example)'],
  ['[100::1]', 'IPv6 discard prefix'],
  ['[fec0::1]', 'deprecated site-local'],
  ['[4000::1]', 'IPv6 outside global unicast 2000::/3'],
  ['2130706433', 'decimal integer 127.0.0.1'],
  ['0x7f.1', 'hex and short form of 127.0.0.1'],
  ['0x7f000001', 'hex integer 127.0.0.1'],
  ['0177.0.0.1', 'octal 127.0.0.1'],
  ['127.1', 'short form of 127.0.0.1'],
  ['012.0.0.1', 'octal 10.0.0.1'],
]

/** Public unicast addresses, some just outside a refused range. */
const PUBLIC_HOSTS = [
  '93.184.215.14',
  '8.8.8.8',
  '1.1.1.1',
  '11.0.0.1',
  '100.63.255.255',
  '100.128.0.1',
  '172.32.0.1',
  '192.169.0.1',
  '198.20.0.1',
  '223.255.255.254',
  '[2606:4700:4700::1111]',
  '[2a00:1450:4001:82b::200e]',
  '[2001:4860:4860::8888]',
]

describe('classifying an address', () => {
  it.each(REFUSED_HOSTS)('refuses %s (%s)', (host) => {
    const address = new URL(`http://${host}/`).hostname
    expect(isPublicAddress(address)).toBe(false)
    expect(addressRange(address)).not.toBe('unicast')
  })

  it.each(PUBLIC_HOSTS)('allows the public address %s', (host) => {
    expect(isPublicAddress(new URL(`http://${host}/`).hostname)).toBe(true)
  })

  it('refuses what is not an address at all', () => {
    for (const text of ['', 'example.com', '1.2.3.4.5', '::g'])
      expect(isPublicAddress(text), text).toBe(false)
  })

  it('normalises integer, hex and octal IPv4 hosts to dotted decimal when parsing the URL', () => {
    for (const host of ['2130706433', '0x7f.1', '0x7f000001', '0177.0.0.1', '127.1']) {
      expect(new URL(`http://${host}/`).hostname, host).toBe('127.0.0.1')
    }
  })
})

let receiver: Receiver
beforeAll(async () => {
  receiver = await startReceiver()
})
afterAll(() => receiver.close())

async function setupApp(allowPrivate: boolean) {
  // A short time limit: a target that slipped through must not stall the test for long.
  const t = makeApp({ webhooks: { allowPrivate, retryDelaysMs: [20], timeoutMs: 300 } })
  const { owner, ws, userId } = await t.setup()
  return withWorkspace(t, owner, ws, userId)
}

describe('saving a webhook', () => {
  it('answers 400 for every special-purpose target, naming the option that allows it', async () => {
    const d = await setupApp(false)
    for (const [host, what] of [
      ...REFUSED_HOSTS,
      ['localhost', 'localhost'],
      ['hooks.localhost', '.localhost'],
    ]) {
      const url = `http://${host}:${receiver.port}/hook`
      const res = await d.api('POST', '/webhooks', { url, events: ['*'] })
      expect(res.status, `${url} (${what})`).toBe(400)
      expect(res.body.error.code, url).toBe('invalid_input')
      expect(res.body.error.details.reason, url).toBe('private_address')
      expect(res.body.error.message, url).toContain('KEEL_WEBHOOK_ALLOW_PRIVATE=1')
    }
    expect(await rows(d.t, 'webhooks')).toHaveLength(0)
  })

  it('accepts public unicast addresses', async () => {
    const d = await setupApp(false)
    for (const host of PUBLIC_HOSTS) {
      const res = await d.api('POST', '/webhooks', { url: `https://${host}/hook`, events: ['*'] })
      expect(res.status, host).toBe(201)
    }
  })

  it('accepts every special-purpose target when KEEL_WEBHOOK_ALLOW_PRIVATE is set', async () => {
    const d = await setupApp(true)
    for (const [host] of REFUSED_HOSTS) {
      const res = await d.api('POST', '/webhooks', { url: `http://${host}/hook`, events: ['*'] })
      expect(res.status, host).toBe(201)
    }
  })
})

describe('delivering to a webhook', () => {
  it('refuses every special-purpose target at send time, even one saved before (nothing is sent)', async () => {
    const d = await setupApp(false)
    const hook = await d.ok('POST', '/webhooks', { url: 'https://93.184.215.14/hook', events: ['*'] }, 201)
    for (const [host, what] of [...REFUSED_HOSTS, ['localhost', 'a name resolving to loopback']]) {
      // The saved target now leads elsewhere (as a re-pointed DNS name would).
      const url = new URL(`http://${host}:${receiver.port}/hook`).toString()
      await d.t.sql('update webhooks set url = ? where id = ?', [url, hook.id])
      const delivery = await d.ok('POST', `/webhooks/${hook.id}/test`)
      expect(delivery.status, `${url} (${what})`).toBe('failed')
      expect(delivery.error, `${url} (${what})`).toMatch(/private-network or special-purpose address/)
    }
    expect(receiver.requests).toHaveLength(0)
  })

  it('checks the address the resolver answers, whatever form the name had', async () => {
    const lookup = (hostname: string, allowPrivate = false) =>
      new Promise<LookupAddress[]>((resolve, reject) =>
        guardedLookup(allowPrivate)(hostname, { all: true }, (err, addresses) =>
          err ? reject(err) : resolve(addresses as unknown as LookupAddress[]),
        ),
      )
    // The system resolver turns these names into special addresses; node never sees them as literals.
    for (const name of [
      'localhost',
      '2130706433',
      '0x7f.1',
      '0177.0.0.1',
      '127.1',
      '012.0.0.1',
      '0x0a.0.0.1',
    ]) {
      const refused = await lookup(name).catch((err: unknown) => err)
      expect(refused, name).toBeInstanceOf(RefusedTarget)
      expect((refused as Error).message, name).toMatch(/private-network/)
      expect(await lookup(name, true), name).not.toHaveLength(0)
    }
    // Addresses the resolver hands back as they are.
    for (const [host] of REFUSED_HOSTS.filter(([host]) => host.startsWith('['))) {
      const address = host.slice(1, -1)
      expect(await lookup(address).catch((err: unknown) => err), address).toBeInstanceOf(RefusedTarget)
    }
    expect(await lookup('93.184.215.14')).toEqual([{ address: '93.184.215.14', family: 4 }])
  })
})
