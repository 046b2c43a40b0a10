// The facts of one event, read once right after its commit and shared by every webhook that gets it:
// who did what to which item (its key, title and status), with the change from the activity row.
import type { Db } from '../../../db/client'
import type { KeelEvent } from '../../lib/events'
import { factsRepo } from './repo'

export interface EventFacts {
  event: string
  action: string
  workspaceId: number
  productId: number | null
  productKey: string | null
  entity: {
    type: string
    id: number
    key: string | null
    title: string | null
    status: string | null
  }
  actor: { id: number | null; name: string | null }
  occurredAt: string
  /** For asks: the customer who asked. */
  customerName: string | null
  /** For comments and asks: the key of the requirement or task they belong to. */
  parentKey: string | null
  /** For comments: the start of the text. */
  excerpt: string | null
  /** A link to the item in Keel, when the public URL is configured. */
  url: string | null
}

type Snapshot = Record<string, unknown> | null | undefined

const str = (v: unknown) => (typeof v === 'string' ? v : null)
const num = (v: unknown) => (typeof v === 'number' ? v : null)

export async function gatherFacts(
  db: Db,
  event: KeelEvent,
  occurredAt: string,
  publicUrl?: string,
): Promise<EventFacts> {
  const change = await factsRepo.lastChange(db, event.workspaceId, event.entityType, event.id)
  // A deleted item is gone from its table: its last state is in the activity row's `before`.
  const last: Snapshot = change?.after ?? change?.before
  const product = event.productId === null ? undefined : await factsRepo.productKey(db, event.productId)
  const keyOf = (number: number | null) => (product && number !== null ? `${product.key}-${number}` : null)
  const facts: EventFacts = {
    event: event.type,
    action: event.type.slice(event.type.indexOf('.') + 1),
    workspaceId: event.workspaceId,
    productId: event.productId,
    productKey: product?.key ?? null,
    entity: { type: event.entityType, id: event.id, key: null, title: null, status: null },
    actor: {
      id: event.actorId,
      name: event.actorId === null ? null : ((await factsRepo.userName(db, event.actorId)) ?? null),
    },
    occurredAt,
    customerName: null,
    parentKey: null,
    excerpt: null,
    url: null,
  }
  const itemOf = async (type: 'requirement' | 'task', id: number) =>
    type === 'requirement' ? await factsRepo.requirement(db, id) : await factsRepo.task(db, id)

  if (event.entityType === 'requirement' || event.entityType === 'task') {
    const row = await itemOf(event.entityType, event.id)
    const before = change?.before
    facts.entity.key = keyOf(row?.number ?? num(before?.number))
    facts.entity.title = row?.title ?? str(before?.title)
    facts.entity.status = row?.status ?? str(before?.status)
  } else if (event.entityType === 'comment') {
    const comment = await factsRepo.comment(db, event.id)
    const parentType = (comment?.entityType ?? str(last?.entityType)) as 'requirement' | 'task' | null
    const parentId = comment?.entityId ?? num(last?.entityId)
    const parent = parentType && parentId !== null ? await itemOf(parentType, parentId) : undefined
    facts.parentKey = keyOf(parent?.number ?? null)
    facts.entity.key = facts.parentKey
    facts.entity.title = parent?.title ?? null
    const body = comment?.body ?? str(last?.body) ?? ''
    facts.excerpt = body.length > 140 ? `${body.slice(0, 139)}…` : body
  } else if (event.entityType === 'ask') {
    const ask = await factsRepo.ask(db, event.id)
    const requirementId = ask?.requirementId ?? num(last?.requirementId)
    const requirement = requirementId === null ? undefined : await factsRepo.requirement(db, requirementId)
    const customerId = num(last?.customerId)
    facts.customerName =
      ask?.customer ?? (customerId === null ? null : ((await factsRepo.customerName(db, customerId)) ?? null))
    facts.parentKey = keyOf(requirement?.number ?? null)
    facts.entity.key = facts.parentKey
    facts.entity.title = requirement?.title ?? null
  } else {
    facts.entity.title = (await factsRepo.name(db, event.entityType, event.id)) ?? str(last?.name) ?? null
    facts.entity.status = str(last?.status)
  }
  if (publicUrl && facts.entity.key) {
    facts.url = `${new URL(publicUrl).origin}/w/${event.workspaceId}/i/${facts.entity.key}`
  }
  return facts
}
