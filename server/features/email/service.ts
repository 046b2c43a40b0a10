// Email: what goes into the outbox, and how an outbox row becomes an email when it is sent. Notification
// emails gather for a few minutes per person and item, and digests come once a day at the person's local
// hour; both are written at send time from the notifications then unread and unmailed, with permissions
// checked again. Messages (a reset link, an invitation, an address to confirm) are written when queued.
// Unsubscribe links are signed, not stored: they need no login and stop one kind of email.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { accessEpoch } from '../../../db/access-epoch'
import type { Db } from '../../../db/client'
import { notificationPath } from '../../../domain/links'
import { type EmailStatus, NOTIFICATION_KINDS, type NotificationChannel } from '../../../domain/vocabulary'
import type { AppDeps } from '../../lib/context'
import { conflict, notFound } from '../../lib/errors'
import { localDate, localHour, localMinute } from '../../lib/local-time'
import type { Email } from '../../lib/mailer'
import { visibleEntityTypes } from '../../lib/permissions'
import { membershipOf } from '../../lib/route'
import type { Language } from '../../lib/words'
import { bookkeepingWrite, type WriteFrame } from '../../lib/write'
import { authRepo } from '../auth/repo'
import { instanceRepo } from '../instance/repo'
import { updatePreferences } from '../notifications/preferences'
import { notificationRepo } from '../notifications/repo'
import { type EmailInsert, type EmailRow, emailRepo } from './repo'
import { digestEmail, type MailItem, notificationsEmail, type Rendered, testEmail } from './templates'

/** Changes to one item gather this long before their email goes: at most one email per item per wait. */
export const BATCH_MS = 2 * 60_000
/** How far back a digest looks (a day, and some slack for a missed run). */
const DIGEST_WINDOW_MS = 36 * 3_600_000

export const languageOf = (value: string | null | undefined): Language => (value === 'zh-CN' ? 'zh-CN' : 'en')

/** Where links in emails lead: KEEL_PUBLIC_URL, else the address the server listens on. */
export const originOf = (deps: AppDeps) =>
  deps.publicUrl ? new URL(deps.publicUrl).origin : deps.localOrigin

// --- what goes into the outbox

/** A finished message to one address, sent as soon as the outbox gets to it. */
export function messageRow(
  deps: AppDeps,
  to: string,
  rendered: Rendered,
  userId: number | null,
): EmailInsert {
  const now = deps.clock.now().toISOString()
  return { kind: 'message', toAddress: to, userId, ...rendered, nextAttemptAt: now, createdAt: now }
}

/** Queues messages inside the caller's write; the outbox is woken once it commits. */
export async function queueMessages(deps: AppDeps, frame: WriteFrame, rows: EmailInsert[]) {
  await emailRepo.enqueue(frame.level.tx, rows)
  frame.level.callbacks.push(() => deps.outbox?.wake())
}

interface Made {
  userId: number
  workspaceId: number
  entityType: string
  entityId: number
  channel: NotificationChannel
}

const batchKey = (m: Omit<Made, 'channel'>) => `n:${m.userId}:${m.workspaceId}:${m.entityType}:${m.entityId}`

/**
 * After notifications are written (the notifier, reminders), inside their transaction: one pending email
 * per person and item for those who chose email, due when the gathering wait ends.
 */
export async function queueNotificationEmails(deps: AppDeps, tx: Db, made: readonly Made[]) {
  if (!deps.mailer) return
  const wanted = made.filter((m) => m.channel === 'email')
  if (wanted.length === 0) return
  const now = deps.clock.now()
  const addresses = await authRepo.emailsOf(tx, [...new Set(wanted.map((m) => m.userId))])
  const due = new Date(now.getTime() + BATCH_MS).toISOString()
  const rows = new Map<string, EmailInsert>()
  for (const m of wanted) {
    const to = addresses.get(m.userId)
    const key = batchKey(m)
    if (!to || rows.has(key)) continue
    rows.set(key, {
      kind: 'notifications',
      toAddress: to,
      userId: m.userId,
      workspaceId: m.workspaceId,
      entityType: m.entityType,
      entityId: m.entityId,
      batchKey: key,
      nextAttemptAt: due,
      createdAt: now.toISOString(),
    })
  }
  await emailRepo.enqueue(tx, [...rows.values()])
}

/**
 * Queues today's digest for each person whose hour has come where they are and who has something waiting:
 * once a day per person, however often this runs and in however many processes.
 */
export async function queueDigests(deps: AppDeps) {
  if (!deps.mailer) return 0
  const now = deps.clock.now()
  const since = new Date(now.getTime() - DIGEST_WINDOW_MS).toISOString()
  let queued = 0
  for (const p of await emailRepo.digestCandidates(deps.db, since)) {
    const hour = localHour(now, p.timeZone)
    if (hour < p.digestHour) continue
    const today = localDate(now, p.timeZone)
    if (p.lastDigestOn !== null && p.lastDigestOn >= today) continue
    // Today's digest tells what came before today's hour; what came after waits for tomorrow's.
    const minutesPast = (hour - p.digestHour) * 60 + localMinute(now, p.timeZone)
    const digestTime = new Date(now.getTime() - minutesPast * 60_000 - (now.getTime() % 60_000))
    if (!(Date.parse(p.oldest) < digestTime.getTime())) continue
    const made = await bookkeepingWrite(deps.store, async (tx) => {
      if (!(await emailRepo.claimDigestDay(tx, p.userId, today))) return false
      await emailRepo.enqueue(tx, [
        {
          kind: 'digest',
          toAddress: p.email,
          userId: p.userId,
          batchKey: `d:${p.userId}`,
          nextAttemptAt: now.toISOString(),
          createdAt: now.toISOString(),
        },
      ])
      return true
    })
    if (made) queued++
  }
  if (queued > 0) deps.outbox?.wake()
  return queued
}

// --- unsubscribing

export type UnsubscribeScope = 'email' | 'digest'

const signature = (key: string, userId: number, scope: UnsubscribeScope) =>
  createHmac('sha256', key).update(`keel-unsubscribe\n${userId}\n${scope}`).digest('base64url').slice(0, 32)

/** The key, per database: read once (made by the first process that needs it), then never changed. */
const signingKeys = new WeakMap<AppDeps['store'], Promise<string>>()

function signingKey(deps: AppDeps): Promise<string> {
  let key = signingKeys.get(deps.store)
  if (!key) {
    key = emailRepo
      .signingKey(deps.db)
      .then(
        (found) =>
          found ??
          bookkeepingWrite(deps.store, (tx) =>
            emailRepo.makeSigningKey(tx, randomBytes(32).toString('base64url')),
          ),
      )
    // A failed read is not remembered.
    void key.catch(() => signingKeys.delete(deps.store))
    signingKeys.set(deps.store, key)
  }
  return key
}

export async function unsubscribeToken(deps: AppDeps, userId: number, scope: UnsubscribeScope) {
  return `${userId}.${scope}.${signature(await signingKey(deps), userId, scope)}`
}

/** Who and what a token stops, when it is genuine. */
export async function readUnsubscribeToken(deps: AppDeps, token: string) {
  const [id, scope, sig] = token.split('.')
  const userId = Number(id)
  if (!Number.isInteger(userId) || (scope !== 'email' && scope !== 'digest') || !sig) return null
  const expected = Buffer.from(signature(await signingKey(deps), userId, scope))
  const given = Buffer.from(sig)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
  return { userId, scope: scope as UnsubscribeScope }
}

// --- writing an email at send time

export interface Composed {
  email: Email
  /** The notifications it says, marked mailed once it is sent. */
  notificationIds: number[]
}

async function footerFor(deps: AppDeps, userId: number, scope: UnsubscribeScope) {
  const origin = originOf(deps)
  const token = await unsubscribeToken(deps, userId, scope)
  return {
    footer: {
      unsubscribeUrl: `${origin}/unsubscribe/${token}`,
      // Not a workspace's page: the person may have left the workspace the email was about.
      settingsUrl: `${origin}/account#account-notifications`,
    },
    headers: {
      'List-Unsubscribe': `<${origin}/api/unsubscribe/${token}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  }
}

/** What a person may still see of their unmailed notifications in one workspace, as items. */
async function itemsFor(
  deps: AppDeps,
  userId: number,
  workspaceId: number,
  query: { channel: 'email' | 'digest'; entity?: { type: string; id: number }; since?: string },
) {
  const m = await membershipOf(deps, workspaceId, userId, await accessEpoch(deps.db))
  if (!m) return { items: [] as MailItem[], ids: [] as number[] }
  const rows = await notificationRepo.list(deps.db, {
    workspaceId,
    userId,
    productIds: m.productIds,
    entityTypes: visibleEntityTypes(m.permissions),
    unread: true,
    unmailed: query.channel,
    entity: query.entity,
    since: query.since,
    limit: 200,
  })
  const origin = originOf(deps)
  const items = new Map<string, MailItem>()
  // Oldest first within an item; items by their latest change.
  for (const r of rows.slice().reverse()) {
    const key = `${r.entityType}:${r.entityId}`
    let item = items.get(key)
    if (!item) {
      const itemKey = r.productKey !== null && r.number !== null ? `${r.productKey}-${r.number}` : null
      const title =
        (r.entityType === 'member' ? r.memberName : r.entityType === 'product' ? r.productName : r.title) ??
        ''
      item = {
        key: itemKey,
        title,
        url: origin + notificationPath(workspaceId, { ...r, itemKey }),
        notifications: [],
      }
      items.set(key, item)
    }
    item.notifications.push({
      kind: r.kind,
      entityType: r.entityType,
      actorId: r.actorId,
      actorName: r.actorName,
      data: r.data,
      excerpt: r.excerpt,
      createdAt: r.createdAt,
    })
  }
  return { items: [...items.values()].reverse(), ids: rows.map((r) => r.id) }
}

/** An outbox row as the email to send now; null when there is nothing left to say (read, hidden, gone). */
export async function compose(deps: AppDeps, row: EmailRow): Promise<Composed | null> {
  if (row.kind === 'message') {
    if (row.subject === null || row.text === null || row.html === null) return null
    const email = { to: row.toAddress, subject: row.subject, text: row.text, html: row.html }
    return { email: row.headers ? { ...email, headers: row.headers } : email, notificationIds: [] }
  }
  if (row.userId === null) return null
  const user = await instanceRepo.account(deps.db, row.userId)
  if (!user) return null
  const lang = languageOf(user.emailLanguage)
  if (row.kind === 'notifications') {
    if (row.workspaceId === null || row.entityType === null || row.entityId === null) return null
    const { items, ids } = await itemsFor(deps, row.userId, row.workspaceId, {
      channel: 'email',
      entity: { type: row.entityType, id: row.entityId },
    })
    const [item] = items
    if (!item) return null
    const { footer, headers } = await footerFor(deps, row.userId, 'email')
    return {
      email: { to: user.email, ...notificationsEmail(lang, item, footer), headers },
      notificationIds: ids,
    }
  }
  const since = new Date(deps.clock.now().getTime() - DIGEST_WINDOW_MS).toISOString()
  const all: MailItem[] = []
  const ids: number[] = []
  let firstWorkspace: number | undefined
  for (const workspaceId of await emailRepo.workspacesWaiting(deps.db, row.userId, 'digest', since)) {
    const found = await itemsFor(deps, row.userId, workspaceId, { channel: 'digest', since })
    if (found.items.length === 0) continue
    firstWorkspace ??= workspaceId
    all.push(...found.items)
    ids.push(...found.ids)
  }
  if (firstWorkspace === undefined) return null
  const { footer, headers } = await footerFor(deps, row.userId, 'digest')
  const inbox = `${originOf(deps)}/w/${firstWorkspace}/inbox`
  return {
    email: { to: user.email, ...digestEmail(lang, all, inbox, footer), headers },
    notificationIds: ids,
  }
}

// --- unsubscribing and the admin view

/** Stops what an unsubscribe link names: its kinds of email go to the inbox instead. */
export async function unsubscribe(deps: AppDeps, token: string, apply: boolean) {
  const read = await readUnsubscribeToken(deps, token)
  if (!read) throw notFound('Unsubscribe link')
  const channels = (await notificationRepo.channelsOf(deps.db, [read.userId])).get(read.userId) ?? {}
  if (apply) {
    const patch = Object.fromEntries(
      NOTIFICATION_KINDS.filter((k) => channels[k] === read.scope).map((k) => [k, 'inbox' as const]),
    )
    await updatePreferences(deps, read.userId, patch)
  }
  return { scope: read.scope }
}

export async function outboxView(
  deps: AppDeps,
  statuses: readonly EmailStatus[],
  limit: number,
  before?: number,
) {
  const [items, counts] = await Promise.all([
    emailRepo.list(deps.db, statuses, limit, before),
    emailRepo.countByStatus(deps.db),
  ])
  const last = items.at(-1)
  return {
    emailOn: deps.mailer !== undefined,
    from: deps.mailer?.from ?? null,
    publicUrl: deps.publicUrl ?? null,
    counts: { pending: 0, sent: 0, failed: 0, skipped: 0, ...counts },
    items,
    nextCursor: items.length === limit && last ? String(last.id) : null,
  }
}

function assertEmailOn(deps: AppDeps): asserts deps is AppDeps & { mailer: NonNullable<AppDeps['mailer']> } {
  if (!deps.mailer) throw conflict('email_off', 'Email is off on this server (set KEEL_SMTP_URL)')
}

/** Sends a failed (or pending) email again now, from its first delay. */
export async function retryEmail(deps: AppDeps, id: number) {
  assertEmailOn(deps)
  const row = await emailRepo.byId(deps.db, id)
  if (!row) throw notFound('Email')
  if (row.status === 'sent' || row.status === 'skipped')
    throw conflict(
      'not_failed',
      'This email was sent or had nothing to say; only failed or waiting ones are retried',
    )
  if (row.kind === 'message' && row.text === null)
    throw conflict('not_failed', 'This email has no body to send')
  await bookkeepingWrite(deps.store, (tx) =>
    emailRepo.update(tx, id, {
      status: 'pending',
      attempts: 0,
      nextAttemptAt: deps.clock.now().toISOString(),
    }),
  )
  deps.outbox?.wake()
}

/** A test email to the given address, in the caller's language. */
export async function sendTest(deps: AppDeps, userId: number, to: string) {
  assertEmailOn(deps)
  const lang = languageOf((await authRepo.profile(deps.db, userId))?.emailLanguage)
  await bookkeepingWrite(deps.store, (tx) =>
    emailRepo.enqueue(tx, [messageRow(deps, to, testEmail(lang), userId)]),
  )
  deps.outbox?.wake()
}
