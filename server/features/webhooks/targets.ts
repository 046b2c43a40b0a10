// Where a webhook may point: http(s) only, and only at public unicast addresses (server-side request
// forgery) unless the operator allows loopback, private and other special-purpose targets
// (KEEL_WEBHOOK_ALLOW_PRIVATE=1). Checked when a webhook is saved and again, on the address actually
// connected to, at every send (see send.ts), so a name that later resolves elsewhere (DNS rebinding) is
// refused too. Ranges come from ipaddr.js's tables of special-purpose addresses.
import { lookup } from 'node:dns/promises'
import { isIP } from 'node:net'
import ipaddr from 'ipaddr.js'
import { invalid } from '../../lib/errors'

// ipaddr.js (2.5) calls every IPv6 address outside its special ranges 'unicast', including the
// deprecated IPv4-compatible ::a.b.c.d (RFC 4291 §2.5.5.1, which some stacks route to the IPv4 address
// inside) and space never allocated. Only 2000::/3 is global unicast, so anything outside it is refused.
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3')

/**
 * The range an address belongs to: 'unicast' for a public address, else ipaddr.js's name for the special
 * range ('loopback', 'private', 'rfc6052', …), 'unallocated' for IPv6 outside 2000::/3, 'invalid' for
 * something that is not an address. IPv4-mapped IPv6 (::ffff:a.b.c.d) is judged by its IPv4 address.
 */
export function addressRange(address: string): string {
  const bare = address.replace(/^\[|\]$/g, '')
  if (!ipaddr.isValid(bare)) return 'invalid'
  const parsed = ipaddr.process(bare)
  const range = parsed.range()
  const outsideGlobalUnicast = parsed.kind() === 'ipv6' && !parsed.match(GLOBAL_UNICAST_V6)
  return range === 'unicast' && outsideGlobalUnicast ? 'unallocated' : range
}

/** True only for public unicast addresses: everything else needs KEEL_WEBHOOK_ALLOW_PRIVATE. */
export const isPublicAddress = (address: string) => addressRange(address) === 'unicast'

const isLocalName = (host: string) => host === 'localhost' || host.endsWith('.localhost')

const refuse = (host: string, range: string) =>
  invalid(
    `The webhook URL points at ${host}, which is not a public address (${range}); set KEEL_WEBHOOK_ALLOW_PRIVATE=1 to allow loopback, private-network and other special-purpose targets`,
    { field: 'url', reason: 'private_address', range },
  )

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
  // The WHATWG parser has already turned integer, hex and octal IPv4 forms (http://2130706433/,
  // http://0x7f.1/, http://0177.0.0.1/) into dotted decimal, and IPv6 into its compressed form.
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase()
  if (isIP(host)) {
    const range = addressRange(host)
    if (range !== 'unicast') throw refuse(host, range)
    return url
  }
  if (isLocalName(host)) throw refuse(host, 'loopback')
  let addresses: { address: string }[] = []
  try {
    addresses = await lookup(host, { all: true, verbatim: true })
  } catch {
    // An unknown name may exist later (or only inside the receiver's network); the send-time check
    // still refuses special addresses.
    return url
  }
  // The name, not what it resolves to: the answer should not map the server's own network.
  const refused = addresses.map((a) => addressRange(a.address)).find((range) => range !== 'unicast')
  if (refused) throw refuse(host, refused)
  return url
}
