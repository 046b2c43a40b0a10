// The module tree of a product: functional areas that requirements and tasks belong to.
import type { ServiceContext } from '../../lib/context'
import { invalid } from '../../lib/errors'
import { checkVersion, recordUpdate, scopeOf, write } from '../../lib/write'
import { getProduct, visibleRow } from '../products/service'
import { type ModuleRow, moduleRepo } from './repo'

export interface ModuleNode extends ModuleRow {
  children: ModuleNode[]
}

/** Nests a flat list into a tree (roots first, children by name). */
export function buildTree(rows: readonly ModuleRow[]): ModuleNode[] {
  const nodes = new Map(rows.map((r) => [r.id, { ...r, children: [] as ModuleNode[] }]))
  const roots: ModuleNode[] = []
  for (const node of nodes.values()) {
    const parent = node.parentId === null ? undefined : nodes.get(node.parentId)
    if (parent) parent.children.push(node)
    else roots.push(node)
  }
  return roots
}

export async function moduleTree(ctx: ServiceContext, productId: number) {
  await getProduct(ctx, productId)
  return buildTree(await moduleRepo.list(ctx.deps.db, productId))
}

/** A module of this product the caller may see, else 404. */
export async function getModule(ctx: ServiceContext, id: number) {
  return visibleRow(ctx, await moduleRepo.byId(ctx.deps.db, ctx.membership.workspaceId, id), 'Module')
}

async function checkParent(
  ctx: ServiceContext,
  productId: number,
  parentId: number | null | undefined,
  movingId?: number,
) {
  if (parentId === null || parentId === undefined) return
  const parent = await moduleRepo.byId(ctx.deps.db, ctx.membership.workspaceId, parentId)
  if (!parent || parent.productId !== productId)
    throw invalid('The parent module is not in this product', { parentId })
  if (movingId === undefined) return
  // Walk up from the new parent: meeting the module itself means the move would make a cycle.
  const all = new Map((await moduleRepo.list(ctx.deps.db, productId)).map((m) => [m.id, m]))
  for (
    let at: ModuleRow | undefined = parent;
    at;
    at = at.parentId === null ? undefined : all.get(at.parentId)
  ) {
    if (at.id === movingId)
      throw invalid('A module cannot move under itself or its own descendants', { parentId })
  }
}

export function createModule(
  ctx: ServiceContext,
  productId: number,
  input: { name: string; parentId?: number | null },
) {
  return write(scopeOf(ctx), async (tx, record) => {
    await getProduct(ctx, productId)
    await checkParent(ctx, productId, input.parentId)
    const row = await moduleRepo.insert(tx, {
      workspaceId: ctx.membership.workspaceId,
      productId,
      parentId: input.parentId ?? null,
      name: input.name,
      createdAt: ctx.deps.clock.now().toISOString(),
    })
    record({
      entityType: 'module',
      entityId: row.id,
      productId,
      action: 'created',
      version: row.version,
      after: row,
    })
    return row
  })
}

export function updateModule(
  ctx: ServiceContext,
  id: number,
  input: { name?: string; parentId?: number | null },
  version: number | undefined,
) {
  return write(scopeOf(ctx), async (tx, record) => {
    const before = await getModule(ctx, id)
    checkVersion(before, version)
    await checkParent(ctx, before.productId, input.parentId, id)
    const after = await moduleRepo.update(tx, id, input)
    recordUpdate(
      record,
      'module',
      before,
      after,
      before.productId,
      input.parentId !== undefined ? 'moved' : 'updated',
    )
    return after
  })
}

export function deleteModule(ctx: ServiceContext, id: number) {
  return write(scopeOf(ctx), async (tx, record) => {
    const row = await getModule(ctx, id)
    await moduleRepo.delete(tx, id)
    record({ entityType: 'module', entityId: id, productId: row.productId, action: 'deleted', before: row })
  })
}
