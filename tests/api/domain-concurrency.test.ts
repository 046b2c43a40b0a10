// Optimistic concurrency: a PATCH with a stale version (If-Match header or body `version`) answers 409
// with the current entity in details.current and changes nothing; without a version the write applies.
import { describe, expect, it } from 'vitest'
import { type Domain, domainApp, type Json, rows } from '../helpers/domain'

interface Case {
  entity: string
  table: string
  /** Creates the entity; answers its id and the path to PATCH it. */
  make: (d: Domain) => Promise<{ id: number; path: string; read: () => Promise<Json> }>
  field: string
}

const CASES: Case[] = [
  {
    entity: 'requirement',
    table: 'requirements',
    field: 'title',
    make: async (d) => {
      const p = await d.product()
      const r = await d.requirement(p.id)
      return { id: r.id, path: `/requirements/${r.id}`, read: () => d.ok('GET', `/requirements/${r.id}`) }
    },
  },
  {
    entity: 'task',
    table: 'tasks',
    field: 'title',
    make: async (d) => {
      const p = await d.product()
      const t = await d.task({ productId: p.id })
      return { id: t.id, path: `/tasks/${t.id}`, read: () => d.ok('GET', `/tasks/${t.id}`) }
    },
  },
  {
    entity: 'iteration',
    table: 'iterations',
    field: 'name',
    make: async (d) => {
      const p = await d.product()
      const it = await d.iteration(p.id)
      return { id: it.id, path: `/iterations/${it.id}`, read: () => d.ok('GET', `/iterations/${it.id}`) }
    },
  },
  {
    entity: 'customer',
    table: 'customers',
    field: 'name',
    make: async (d) => {
      const c = await d.customer()
      return { id: c.id, path: `/customers/${c.id}`, read: () => d.ok('GET', `/customers/${c.id}`) }
    },
  },
  {
    entity: 'module',
    table: 'modules',
    field: 'name',
    make: async (d) => {
      const p = await d.product()
      const m = await d.module(p.id)
      const read = async () => {
        const tree = await d.ok('GET', `/products/${p.id}/modules`)
        const { children: _, ...node } = tree.items.find((x: { id: number }) => x.id === m.id)
        return node
      }
      return { id: m.id, path: `/modules/${m.id}`, read }
    },
  },
  {
    entity: 'release',
    table: 'releases',
    field: 'name',
    make: async (d) => {
      const p = await d.product()
      const r = await d.release(p.id)
      const read = async () =>
        (await d.ok('GET', `/products/${p.id}/releases`)).items.find((x: { id: number }) => x.id === r.id)
      return { id: r.id, path: `/releases/${r.id}`, read }
    },
  },
  {
    entity: 'product',
    table: 'products',
    field: 'name',
    make: async (d) => {
      const p = await d.product()
      return { id: p.id, path: `/products/${p.id}`, read: () => d.ok('GET', `/products/${p.id}`) }
    },
  },
]

const rowOf = async (d: Domain, table: string, id: number) =>
  (await rows(d.t, table)).find((r) => r.id === id)

/** details.current is the current entity: every field it shares with a fresh read is equal. */
function expectCurrent(current: Json, fresh: Json, label: string) {
  expect(current, label).toBeTypeOf('object')
  expect(current.id, label).toBe(fresh.id)
  expect(current.version, label).toBe(fresh.version)
  const shared = Object.keys(current).filter((k) => k in fresh)
  expect(shared.length, label).toBeGreaterThan(3)
  for (const key of shared) expect(current[key], `${label}: ${key}`).toEqual(fresh[key])
}

describe('optimistic concurrency on PATCH', () => {
  it.each(CASES)(
    '$entity: a stale version answers 409 with the current entity; no version means last writer wins',
    async (c) => {
      const d = await domainApp()
      const { id, path, read } = await c.make(d)
      const v1 = (await read()).version as number

      // No version: the write applies.
      const blind = await d.api('PATCH', path, { [c.field]: 'Second writer' })
      expect(blind.status).toBe(200)
      expect(blind.body[c.field]).toBe('Second writer')
      expect(blind.body.version).toBe(v1 + 1)

      // Stale in the If-Match header, then in the body: 409, current entity, nothing written.
      const row = await rowOf(d, c.table, id)
      for (const [how, body, headers] of [
        ['If-Match', { [c.field]: 'Lost update' }, { 'if-match': String(v1) }],
        ['body version', { [c.field]: 'Lost update', version: v1 }, {}],
      ] as const) {
        const res = await d.api('PATCH', path, body, d.owner, headers)
        expect(res.status, how).toBe(409)
        expect(res.body.error.code, how).toBe('conflict')
        const fresh = await read()
        expect(fresh[c.field], how).toBe('Second writer')
        expectCurrent(res.body.error.details?.current, fresh, `${c.entity} ${how}`)
        expect(await rowOf(d, c.table, id), how).toEqual(row)
      }

      // The current version, either way, applies.
      const viaHeader = await d.api('PATCH', path, { [c.field]: 'Third' }, d.owner, {
        'if-match': String(v1 + 1),
      })
      expect(viaHeader.status).toBe(200)
      expect(viaHeader.body.version).toBe(v1 + 2)
      const viaBody = await d.api('PATCH', path, { [c.field]: 'Fourth', version: v1 + 2 })
      expect(viaBody.status).toBe(200)
      expect(viaBody.body.version).toBe(v1 + 3)
      expect((await read())[c.field]).toBe('Fourth')
    },
  )

  it('a future version is as stale as a past one', async () => {
    const d = await domainApp()
    const p = await d.product()
    const r = await d.requirement(p.id)
    const res = await d.api('PATCH', `/requirements/${r.id}`, { title: 'x' }, d.owner, { 'if-match': '99' })
    expect(res.status).toBe(409)
    expect(res.body.error.details.current.title).toBe('A requirement')
  })

  it('moving a task with a stale version answers 409 and leaves it in its column', async () => {
    const d = await domainApp()
    const p = await d.product()
    const t = await d.task({ productId: p.id })
    await d.ok('PATCH', `/tasks/${t.id}`, { title: 'edited elsewhere' })
    const row = await rowOf(d, 'tasks', t.id)
    const res = await d.api('POST', `/tasks/${t.id}/move`, { status: 'doing' }, d.owner, {
      'if-match': String(t.version),
    })
    expect(res.status).toBe(409)
    expect(res.body.error.details.current).toMatchObject({
      id: t.id,
      status: 'todo',
      title: 'edited elsewhere',
    })
    expect(await rowOf(d, 'tasks', t.id)).toEqual(row)
  })

  it('refuses an If-Match that is not a version number (400)', async () => {
    const d = await domainApp()
    const p = await d.product()
    const r = await d.requirement(p.id)
    const res = await d.api('PATCH', `/requirements/${r.id}`, { title: 'x' }, d.owner, { 'if-match': 'abc' })
    expect(res.status).toBe(400)
    expect((await d.ok('GET', `/requirements/${r.id}`)).title).toBe('A requirement')
  })
})
