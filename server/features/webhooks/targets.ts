// Where a webhook may point: http(s) only, and never at loopback, private, link-local or unique-local
// addresses (server-side request forgery) unless the operator allows it (KEEL_WEBHOOK_ALLOW_PRIVATE=1).
// Checked when a webhook is saved and again, on the address actually connected to, at every send (see
// send.ts), so a name that later resolves to a private address (DNS rebinding) is refused too.
import { lookup } from 'node:dns/promises'
import { BlockList, isIP } from 'node:net'
import { invalid } from '../../lib/errors'

const blocked = new BlockList()
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network", including 0.0.0.0 itself
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT, private in practice
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, including cloud metadata endpoints
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved and broadcast
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4')
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6')
}

/** True for addresses a webhook must not reach without KEEL_WEBHOOK_ALLOW_PRIVATE. */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '')
  const family = isIP(bare)
  if (family === 4) return blocked.check(bare, 'ipv4')
  if (family === 6) {
    // IPv4-mapped (::ffff:10.0.0.1) and IPv4-compatible forms reach the IPv4 address inside.
    const mapped = /^::(?:ffff:)?(\d+\.\d+\.\d+\.\d+)$/i.exec(bare)?.[1]
    if (mapped) return blocked.check(mapped, 'ipv4')
    const hexMapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(bare)
    if (hexMapped) {
      const high = Number.parseInt(hexMapped[1]!, 16)
      const low = Number.parseInt(hexMapped[2]!, 16)
      return blocked.check(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`, 'ipv4')
    }
    return blocked.check(bare, 'ipv6')
  }
  return true // not an address at all: refuse rather than guess
}

const isLocalName = (host: string) => host === 'localhost' || host.endsWith('.localhost')

/** Parses and checks a webhook URL when it is saved; 400 with a reason when it may not be used. */
export async function checkWebhookUrl(raw: string, allowPrivate: boolean): Promise<URL> {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw invalid('The webhook URL is not a valid URL', { field: 'url', reason: 'invalid_url' })
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalid('The webhook URL must start with http:// or https://', { field: 'url', reason: 'not_http' })
  }
  if (url.username || url.password) {
    throw invalid('Put credentials in the secret, not in the URL', { field: 'url', reason: 'credentials' })
  }
  if (allowPrivate) return url
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase()
  const refuse = () =>
    invalid(
      'The webhook URL points at a loopback or private-network address; set KEEL_WEBHOOK_ALLOW_PRIVATE=1 to allow it',
      { field: 'url', reason: 'private_address' },
    )
  if (isIP(host)) {
    if (isPrivateAddress(host)) throw refuse()
    return url
  }
  if (isLocalName(host)) throw refuse()
  let addresses: { address: string }[] = []
  try {
    addresses = await lookup(host, { all: true, verbatim: true })
  } catch {
    // An unknown name may exist later (or only inside the receiver's network); the send-time check
    // still refuses private addresses.
    return url
  }
  if (addresses.some((a) => isPrivateAddress(a.address))) throw refuse()
  return url
}
