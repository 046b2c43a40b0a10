// Webhooks: outgoing notifications of a workspace's events to a URL (a generic receiver, or a Feishu,
// DingTalk or WeCom group robot). The secret is write-only; robot URLs carry their token in the query
// string, so answers show those values masked.
import type { WebhookPreset } from '../../../db/schema'
import type { ServiceContext } from '../../lib/context'
import { forbidden, invalid, notFound } from '../../lib/errors'
import { bookkeepingWrite, checkVersion, diff, scopeOf, write } from '../../lib/write'
import { canSeeProduct, getProduct } from '../products/service'
import { buildBody } from './formats'
import { type DeliveryRow, type WebhookRow, webhookRepo } from './repo'
import { checkWebhookUrl } from './targets'

export interface WebhookInput {
  name?: string
  url: string
  events: string[]
  secret?: string | null
  preset: WebhookPreset
  language: 'zh-CN' | 'en'
  productId?: number | null
  active?: boolean
}

/** The answer for a webhook: never its secret, and the URL's query values masked. */
export function publicWebhook(row: WebhookRow, last?: { status: string; createdAt: string }) {
  return {
    id: row.id,
    name: row.name,
    url: maskUrl(row.url),
    preset: row.preset,
    events: row.events,
    language: row.language,
    productId: row.productId,
    active: row.active,
    hasSecret: Boolean(row.secret),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
    lastDelivery: last ?? null,
  }
}

export function maskUrl(raw: string): string {
  try {
    const url = new URL(raw)
    const masked = [...url.searchParams].map(([key, value]) => [
      key,
      value.length > 6 ? `${value.slice(0, 4)}…` : '…',
    ])
    const query = masked.length ? `?${masked.map(([k, v]) => `${k}=${v}`).join('&')}` : ''
    return `${url.origin}${url.pathname}${query}`
  } catch {
    return raw
  }
}

/** What a webhook's activity row may show: never the URL (robot tokens) or the secret. */
const auditOf = (row: WebhookRow) => ({
  name: row.name,
  preset: row.preset,
  events: row.events,
  productId: row.productId,
  language: row.language,
  active: row.active,
})

function visible(ctx: ServiceContext, row: WebhookRow | undefined): row is WebhookRow {
  if (!row) return false
  if (ctx.membership.productIds === null) return true
  return row.productId !== null && canSeeProduct(ctx, row.productId)
}

async function webhookOrThrow(ctx: ServiceContext, id: number): Promise<WebhookRow> {
  const row = await webhookRepo.byId(ctx.deps.db, ctx.membership.workspaceId, id)
  if (!visible(ctx, row)) throw notFound('Webhook')
  return row
}

async function checkProduct(ctx: ServiceContext, productId: number | null | undefined) {
  if (productId != null) {
    try {
      await getProduct(ctx, productId)
    } catch {
      throw invalid('Unknown product', { field: 'productId' })
    }
  } else if (ctx.membership.productIds !== null) {
    throw forbidden('You may see only some products: choose one of them for this webhook')
  }
}

export async function listWebhooks(ctx: ServiceContext) {
  const { db } = ctx.deps
  const last = new Map<number, { status: string; createdAt: string }>()
  for (const d of await webhookRepo.lastDeliveries(db, ctx.membership.workspaceId)) {
    if (!last.has(d.webhookId)) last.set(d.webhookId, { status: d.status, createdAt: d.createdAt })
  }
  return (await webhookRepo.list(db, ctx.membership.workspaceId))
    .filter((row) => visible(ctx, row))
    .map((row) => publicWebhook(row, last.get(row.id)))
}

export async function createWebhook(ctx: ServiceContext, input: WebhookInput) {
  await checkProduct(ctx, input.productId)
  const url = await checkWebhookUrl(input.url, ctx.deps.webhooks?.allowPrivate ?? false)
  const now = ctx.deps.clock.now().toISOString()
  const row = await write(scopeOf(ctx), async (tx, record) => {
    const created = await webhookRepo.insert(tx, {
      workspaceId: ctx.membership.workspaceId,
      productId: input.productId ?? null,
      name: input.name ?? '',
      url: url.toString(),
      preset: input.preset,
      events: [...new Set(input.events)],
      secret: input.secret || null,
      language: input.language,
      active: input.active ?? true,
      createdBy: ctx.user.id,
      createdAt: now,
      updatedAt: now,
    })
    record({
      entityType: 'webhook',
      entityId: created.id,
      productId: created.productId,
      action: 'created',
      version: created.version,
      after: auditOf(created),
    })
    return created
  })
  return publicWebhook(row)
}

export async function updateWebhook(
  ctx: ServiceContext,
  id: number,
  input: Partial<WebhookInput>,
  expected: number | undefined,
) {
  const current = await webhookOrThrow(ctx, id)
  if (input.productId !== undefined) await checkProduct(ctx, input.productId)
  const url =
    input.url === undefined
      ? undefined
      : await checkWebhookUrl(input.url, ctx.deps.webhooks?.allowPrivate ?? false)
  const row = await write(scopeOf(ctx), async (tx, record) => {
    const before = await webhookOrThrow(ctx, id)
    checkVersion(before, expected ?? current.version)
    const after = await webhookRepo.update(tx, id, {
      ...(input.name !== undefined && { name: input.name }),
      ...(url && { url: url.toString() }),
      ...(input.events && { events: [...new Set(input.events)] }),
      // undefined keeps the secret; null or '' removes it.
      ...(input.secret !== undefined && { secret: input.secret || null }),
      ...(input.preset && { preset: input.preset }),
      ...(input.language && { language: input.language }),
      ...(input.productId !== undefined && { productId: input.productId }),
      ...(input.active !== undefined && { active: input.active }),
      updatedAt: ctx.deps.clock.now().toISOString(),
    })
    const changes = diff(auditOf(before), auditOf(after))
    if (before.url !== after.url) changes.after.url = 'changed'
    if (before.secret !== after.secret) changes.after.secret = 'changed'
    record({
      entityType: 'webhook',
      entityId: id,
      productId: after.productId,
      action: 'updated',
      version: after.version,
      ...changes,
    })
    return after
  })
  return publicWebhook(row)
}

export async function deleteWebhook(ctx: ServiceContext, id: number) {
  await write(scopeOf(ctx), async (tx, record) => {
    const row = await webhookOrThrow(ctx, id)
    await webhookRepo.delete(tx, id)
    record({
      entityType: 'webhook',
      entityId: id,
      productId: row.productId,
      action: 'deleted',
      before: auditOf(row),
    })
  })
}

export function publicDelivery(row: DeliveryRow) {
  return {
    id: row.id,
    webhookId: row.webhookId,
    event: row.event,
    status: row.status,
    attempts: row.attempts,
    responseStatus: row.responseStatus,
    responseBody: row.responseBody,
    error: row.error,
    body: row.body,
    createdAt: row.createdAt,
    lastAttemptAt: row.lastAttemptAt,
    nextAttemptAt: row.nextAttemptAt,
    deliveredAt: row.deliveredAt,
  }
}

export async function listDeliveries(ctx: ServiceContext, id: number, limit: number, cursor?: number) {
  await webhookOrThrow(ctx, id)
  const rows = await webhookRepo.deliveries(ctx.deps.db, id, limit, cursor)
  return {
    items: rows.map(publicDelivery),
    nextCursor: rows.length === limit ? String(rows.at(-1)!.id) : null,
  }
}

/** Sends a test message now and answers with its delivery (status, response, error). */
export async function sendTest(ctx: ServiceContext, id: number) {
  const hook = await webhookOrThrow(ctx, id)
  const now = ctx.deps.clock.now().toISOString()
  const body = buildBody(
    hook.preset,
    {
      event: 'webhook.test',
      action: 'test',
      workspaceId: hook.workspaceId,
      productId: hook.productId,
      productKey: hook.productId === null ? null : (await getProduct(ctx, hook.productId)).key,
      entity: { type: 'webhook', id: hook.id, key: null, title: hook.name || null, status: null },
      actor: { id: ctx.user.id, name: ctx.user.name },
      occurredAt: now,
      customerName: null,
      parentKey: null,
      excerpt: null,
      url: null,
    },
    hook.language,
  )
  // The delivery log is the worker's bookkeeping, no change to the workspace's data: not a write().
  const delivery = await bookkeepingWrite(
    ctx.deps.store,
    async (tx) =>
      await webhookRepo.insertDelivery(tx, {
        workspaceId: hook.workspaceId,
        webhookId: hook.id,
        event: 'webhook.test',
        body,
        createdAt: now,
      }),
  )
  await ctx.deps.webhooks?.deliverNow(delivery.id)
  return publicDelivery((await webhookRepo.delivery(ctx.deps.db, delivery.id)) ?? delivery)
}

/** Sends a delivery again now (any status), with the same body; answers with its new state. */
export async function retryDelivery(ctx: ServiceContext, id: number, deliveryId: number) {
  await webhookOrThrow(ctx, id)
  const delivery = await webhookRepo.delivery(ctx.deps.db, deliveryId)
  if (!delivery || delivery.webhookId !== id) throw notFound('Delivery')
  await ctx.deps.webhooks?.deliverNow(deliveryId)
  return publicDelivery((await webhookRepo.delivery(ctx.deps.db, deliveryId)) ?? delivery)
}
