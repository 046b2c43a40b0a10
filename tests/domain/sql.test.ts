// The shared SQL pieces: versioned updates, workspace-scoped reads by id, and the bulk writes of imports,
// whose statements come from the drizzle tables (column names, defaults, JSON and boolean encoding).
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../db/client'
import { externalRefs, products, requirements, workspaces } from '../../db/schema'
import { rowInserter, rowUpdater, updateVersioned, workspaceRowById } from '../../server/lib/sql'

async function world() {
  const db = openDatabase({ path: ':memory:' })
  const client = db.$client
  const workspace = rowInserter(db, workspaces)
  const product = rowInserter(db, products)
  const ws = await workspace({ name: 'Acme', createdAt: 'now' })
  const other = await workspace({ name: 'Other', createdAt: 'now' })
  const productId = await product({
    workspaceId: ws,
    key: 'MES',
    name: 'MES',
    createdAt: 'now',
    updatedAt: 'now',
  })
  const row = (id: number) => client.prepare('select * from requirements where id = ?').get(id)
  return { db, client, ws, other, productId, row }
}

const requirement = (workspaceId: number, productId: number) => ({
  workspaceId,
  productId,
  number: 1,
  title: 'Trace lots',
  rank: 'a0',
  createdAt: 'now',
  updatedAt: 'now',
})

describe('bulk writes from the schema', () => {
  it('writes a row under its column names, encodes JSON and booleans, and leaves defaults to the schema', async () => {
    const { db, ws, productId, row } = await world()
    const insert = rowInserter(db, requirements)
    const id = await insert({
      ...requirement(ws, productId),
      acceptanceCriteria: [{ text: 'Scans', done: false }],
      pinned: true,
    })
    expect(row(id)).toMatchObject({
      workspace_id: ws,
      title: 'Trace lots',
      acceptance_criteria: '[{"text":"Scans","done":false}]',
      pinned: 1,
      priority: 'P2',
      value: 5,
      version: 1,
    })
  })

  it('leaves out what is no column of the table, the record’s own id included', async () => {
    const { db, ws, productId, row } = await world()
    const file = { ...requirement(ws, productId), id: 9999, key: 'MES-1' }
    const id = await rowInserter(db, requirements)(file)
    expect(id).not.toBe(9999)
    expect(row(id)).toMatchObject({ title: 'Trace lots' })
  })

  it('upserts on the columns it is given', async () => {
    const { db, client, ws, productId } = await world()
    const ref = rowInserter(db, externalRefs, {
      onConflict: { target: ['productId', 'source', 'entityType', 'externalKey'], update: ['entityId'] },
    })
    const key = { workspaceId: ws, productId, source: 'jira', entityType: 'task', externalKey: 'P-1' }
    await ref({ ...key, entityId: 1, createdAt: 'now' })
    await ref({ ...key, entityId: 2, createdAt: 'later' })
    expect(client.prepare('select entity_id, created_at from external_refs').all()).toEqual([
      { entity_id: 2, created_at: 'now' },
    ])
  })

  it('updates fields by their columns and bumps the version; an unknown field is an error', async () => {
    const { db, ws, productId, row } = await world()
    const id = await rowInserter(db, requirements)(requirement(ws, productId))
    const update = rowUpdater(db, requirements)
    await update(id, { targetDate: '2026-12-01', acceptanceCriteria: [{ text: 'Done', done: true }] })
    expect(row(id)).toMatchObject({
      target_date: '2026-12-01',
      acceptance_criteria: '[{"text":"Done","done":true}]',
      version: 2,
    })
    await expect(update(id, { nonsense: 1 } as never)).rejects.toThrow(/no writable column "nonsense"/)
  })
})

describe('versioned updates and reads by id', () => {
  it('updateVersioned sets the values, bumps the version and answers the row', async () => {
    const { db, ws, productId } = await world()
    const after = await updateVersioned(db, products, productId, { name: 'Execution' })
    expect(after).toMatchObject({ id: productId, workspaceId: ws, name: 'Execution', version: 2 })
  })

  it('a record of another workspace reads as absent', async () => {
    const { db, ws, other, productId } = await world()
    const byId = workspaceRowById(products)
    expect(await byId(db, ws, productId)).toMatchObject({ key: 'MES' })
    expect(await byId(db, other, productId)).toBeUndefined()
  })
})
