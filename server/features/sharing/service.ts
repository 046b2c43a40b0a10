// Share links: a read-only roadmap anyone with the link may read, narrowed to one customer if asked.
// A customer's view shows only what that customer asked for and what ships to them: never other
// customers, internal notes, comments, goals or other products.
import { type AskGroup, askGroupOf, CONSIDERING_STATUSES } from '../../../domain/asks'
import type { AppDeps, ServiceContext } from '../../lib/context'
import { newToken, sha256 } from '../../lib/crypto'
import { AppError, forbidden, invalid, notFound } from '../../lib/errors'
import { maySee } from '../../lib/permissions'
import { scopeOf, write } from '../../lib/write'
import { customerRepo } from '../customers/repo'
import { iterationRepo } from '../iterations/repo'
import { productRepo } from '../products/repo'
import { getProduct } from '../products/service'
import { releaseRepo } from '../releases/repo'
import { roadmapRepo } from '../roadmap/repo'
import { type ShareLinkRow, shareRepo } from './repo'

/** The links, with the customer each is narrowed to named only for those who may see customers. */
export async function listShareLinks(ctx: ServiceContext) {
  const links = await shareRepo.list(ctx.deps.db, ctx.membership.workspaceId, ctx.membership.productIds)
  return maySee(ctx.membership.permissions, 'customer')
    ? links
    : links.map((link) => ({ ...link, customerName: null }))
}

export async function createShareLink(
  ctx: ServiceContext,
  input: {
    productId: number
    customerId?: number | null
    showConsidering?: boolean
    expiresAt?: string | null
    label?: string
  },
  origin: string,
) {
  // 128 random bits: unguessable, and short enough to paste into a chat.
  const token = newToken(16)
  const row = await write(scopeOf(ctx), async (tx, record) => {
    await getProduct(ctx, input.productId)
    // A link narrowed to a customer shows that customer's asks: only for those who may see customers.
    if (input.customerId != null && !maySee(ctx.membership.permissions, 'customer')) {
      throw forbidden('A link for one customer needs customer.view')
    }
    if (
      input.customerId != null &&
      !(await customerRepo.byId(ctx.deps.db, ctx.membership.workspaceId, input.customerId))
    ) {
      throw invalid('Unknown customer', { customerId: input.customerId })
    }
    const now = ctx.deps.clock.now()
    // Stored normalised (with milliseconds) so it compares correctly with other ISO timestamps.
    const expiresAt = input.expiresAt ? new Date(input.expiresAt).toISOString() : null
    if (expiresAt && expiresAt <= now.toISOString()) throw invalid('The expiry must be in the future')
    const created = await shareRepo.insert(tx, {
      workspaceId: ctx.membership.workspaceId,
      productId: input.productId,
      customerId: input.customerId ?? null,
      showConsidering: input.showConsidering ?? true,
      label: input.label ?? '',
      tokenHash: sha256(token),
      prefix: token.slice(0, 6),
      createdBy: ctx.user.id,
      createdAt: now.toISOString(),
      expiresAt,
    })
    const { tokenHash: _hash, ...safe } = created
    record({
      entityType: 'share_link',
      entityId: created.id,
      productId: input.productId,
      action: 'created',
      after: safe,
    })
    return safe
  })
  return { ...row, token, url: `${origin}/s/${token}`, calendarUrl: `${origin}/api/calendar/${token}.ics` }
}

export function revokeShareLink(ctx: ServiceContext, id: number) {
  return write(scopeOf(ctx), async (tx, record) => {
    const row = await shareRepo.byId(ctx.deps.db, ctx.membership.workspaceId, id)
    if (!row || row.revokedAt) throw notFound('Share link')
    await getProduct(ctx, row.productId)
    await shareRepo.revoke(tx, id, ctx.deps.clock.now().toISOString())
    record({ entityType: 'share_link', entityId: id, productId: row.productId, action: 'deleted' })
  })
}

/** The live link for a token, else 404 (unknown, revoked and expired links look the same). */
async function liveLink(deps: AppDeps, token: string, ip: string): Promise<ShareLinkRow> {
  const now = deps.clock.now()
  const key = `share-ip:${ip}`
  if ((await deps.shareThrottle.retryAfter(key, now.getTime())) > 0) {
    throw new AppError('rate_limited', 'Too many unknown links from this address; try again later')
  }
  const link = /^[A-Za-z0-9_-]{16,64}$/.test(token)
    ? await shareRepo.byTokenHash(deps.db, sha256(token))
    : undefined
  if (!link || link.revokedAt || (link.expiresAt && Date.parse(link.expiresAt) <= now.getTime())) {
    await deps.shareThrottle.fail(key, now.getTime())
    throw notFound('Link')
  }
  return link
}

/** What a share link shows. Built from an explicit allow-list of fields. */
export async function sharedRoadmap(deps: AppDeps, token: string, ip: string) {
  const link = await liveLink(deps, token, ip)
  const { db } = deps
  const product = await productRepo.byId(db, link.workspaceId, link.productId)
  if (!product) throw notFound('Link')
  const customer =
    link.customerId === null ? undefined : await customerRepo.byId(db, link.workspaceId, link.customerId)
  if (link.customerId !== null && !customer) throw notFound('Link')
  const requirements = customer
    ? (await shareRepo.customerRequirements(db, product.id, customer.id, link.showConsidering)).map((r) => ({
        ...forCustomer(r),
        group: askGroupOf(r),
      }))
    : (await roadmapRepo.requirements(db, product.id)).map(({ askCount: _a, moduleId: _m, ...r }) => ({
        ...r,
        promisedDate: null,
        group: null,
      }))
  const iterationsAll = await iterationRepo.list(db, product.id)
  const releasesAll = await releaseRepo.list(db, product.id)
  // A customer's view shows only the iterations and releases that carry their requirements.
  const usedIterations = new Set(requirements.map((r) => r.iterationId))
  const usedReleases = new Set([
    ...requirements.map((r) => r.releaseId),
    ...iterationsAll.filter((i) => usedIterations.has(i.id)).map((i) => i.releaseId),
  ])
  return {
    product: { key: product.key, name: product.name },
    customer: customer ? { name: customer.name } : null,
    // The customer page's counts, by the same rule (domain/asks), for this product.
    counts: customer ? countGroups(requirements.map((r) => r.group as AskGroup)) : null,
    expiresAt: link.expiresAt,
    iterations: iterationsAll
      .filter((i) => !customer || usedIterations.has(i.id))
      .map((i) => ({
        id: i.id,
        name: i.name,
        startDate: i.startDate,
        endDate: i.endDate,
        status: i.status,
        releaseId: i.releaseId,
      })),
    releases: releasesAll
      .filter((r) => !customer || usedReleases.has(r.id))
      .map((r) => ({
        id: r.id,
        name: r.name,
        targetDate: r.targetDate,
        status: r.status,
        releasedAt: r.releasedAt,
      })),
    requirements,
  }
}

/**
 * What a customer sees of a requirement not agreed yet (under consideration, or declined): that it is,
 * with its title and their promised date; not its real status, priority or any plan.
 */
function forCustomer<
  R extends {
    status: string
    priority: string
    iterationId: number | null
    releaseId: number | null
    targetDate: string | null
  },
>(r: R): R {
  const considering = (CONSIDERING_STATUSES as readonly string[]).includes(r.status)
  if (!considering && r.status !== 'rejected') return r
  return {
    ...r,
    status: considering ? 'considering' : 'declined',
    priority: '',
    iterationId: null,
    releaseId: null,
    targetDate: null,
  }
}

function countGroups(groups: readonly AskGroup[]) {
  const counts = { asks: groups.length, planned: 0, waiting: 0, delivered: 0, declined: 0 }
  for (const g of groups) counts[g]++
  return counts
}

/** The roadmap's iterations and releases as an iCalendar feed (RFC 5545, all-day events). */
export async function calendarFeed(deps: AppDeps, token: string, ip: string): Promise<string> {
  const view = await sharedRoadmap(deps, token, ip)
  const stamp = deps.clock
    .now()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')
  const day = (d: string) => d.replaceAll('-', '')
  const nextDay = (d: string) =>
    day(new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10))
  const events = [
    ...view.iterations.map((i) => ({
      uid: `iteration-${i.id}@keel`,
      summary: `${view.product.key} · ${i.name}`,
      start: day(i.startDate),
      end: nextDay(i.endDate),
    })),
    ...view.releases.map((r) => ({
      uid: `release-${r.id}@keel`,
      summary: `${view.product.key} · ${r.name}`,
      start: day(r.targetDate),
      end: nextDay(r.targetDate),
    })),
  ]
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Keel//Roadmap//EN',
    'CALSCALE:GREGORIAN',
    `X-WR-CALNAME:${escapeText(`${view.product.name}${view.customer ? ` · ${view.customer.name}` : ''}`)}`,
    ...events.flatMap((e) => [
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${e.start}`,
      `DTEND;VALUE=DATE:${e.end}`,
      `SUMMARY:${escapeText(e.summary)}`,
      'END:VEVENT',
    ]),
    'END:VCALENDAR',
  ]
  return `${lines.map(fold).join('\r\n')}\r\n`
}

/** RFC 5545 text escaping: backslash, semicolon, comma and newlines. */
export const escapeText = (text: string) =>
  text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')

/** Folds a content line at 75 octets without splitting a UTF-8 character. */
export function fold(line: string): string {
  const parts: string[] = []
  let current = ''
  let size = 0
  for (const ch of line) {
    const bytes = Buffer.byteLength(ch)
    if (size + bytes > (parts.length ? 74 : 75)) {
      parts.push(current)
      current = ''
      size = 0
    }
    current += ch
    size += bytes
  }
  parts.push(current)
  return parts.join('\r\n ')
}
