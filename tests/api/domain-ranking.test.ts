// The ranked backlog: random rank moves keep a strict total order, put the item exactly next to its
// anchor and write one requirement row each; bad anchors answer 400 and change nothing.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type Domain, domainApp, snapshot } from '../helpers/domain'

interface RankRow {
  id: number
  rank: string
  version: number
}

const backlogRows = (d: Domain, productId: number) =>
  d.t.sql<RankRow>('select id, rank, version from requirements where product_id = ? order by rank', [
    productId,
  ])

/** The backlog as the API lists it: rank order, up to 500. */
async function listed(d: Domain, productId: number): Promise<{ id: number; rank: string }[]> {
  return (await d.ok('GET', `/products/${productId}/requirements?limit=500`)).items
}

function expectStrictOrder(ranks: readonly string[], label: string) {
  for (let i = 1; i < ranks.length; i++) {
    // JS string comparison is code-unit order, the same as SQLite's binary collation for these keys.
    expect(ranks[i - 1]! < ranks[i]!, `${label}: rank ${i - 1} < rank ${i}`).toBe(true)
  }
  expect(new Set(ranks).size, `${label}: unique ranks`).toBe(ranks.length)
}

describe('ranking the backlog', () => {
  it('1,000 random moves keep a strict total order, place each item next to its anchor and write one row each', async () => {
    const d = await domainApp()
    const p = await d.product()
    const ids: number[] = []
    for (let i = 0; i < 30; i++) ids.push((await d.requirement(p.id, { title: `Backlog item ${i}` })).id)
    // A second product's backlog must never be touched by moves in the first.
    const other = await d.product('SRM')
    for (let i = 0; i < 3; i++) await d.requirement(other.id, { title: `Other ${i}` })
    const otherBefore = JSON.stringify(await backlogRows(d, other.id))

    // The expected order, moved in step with the server.
    let model = [...ids]
    expect((await listed(d, p.id)).map((r) => r.id)).toEqual(model)

    const moves = fc.sample(
      fc.record({
        item: fc.integer({ min: 0, max: ids.length - 1 }),
        anchor: fc.integer({ min: 0, max: ids.length - 2 }),
        side: fc.constantFrom('beforeId', 'afterId'),
      }),
      { numRuns: 1000, seed: 20261102 },
    )
    const headers = { ...d.owner.headers, origin: 'http://localhost', 'content-type': 'application/json' }
    let previous = await backlogRows(d, p.id)
    for (const [n, move] of moves.entries()) {
      const item = ids[move.item]!
      const anchor = ids.filter((id) => id !== item)[move.anchor]!
      const res = await d.t.app.request(`http://localhost${d.base}/requirements/${item}/rank`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ [move.side]: anchor }),
      })
      const label = `move ${n}: ${item} ${move.side} ${anchor}`
      expect(res.status, label).toBe(200)
      await res.body?.cancel()

      model = model.filter((id) => id !== item)
      model.splice(model.indexOf(anchor) + (move.side === 'afterId' ? 1 : 0), 0, item)

      const now = await backlogRows(d, p.id)
      expect(
        now.map((r) => r.id),
        label,
      ).toEqual(model)
      expectStrictOrder(
        now.map((r) => r.rank),
        label,
      )
      // Exactly one row written: the moved one (new rank, version + 1); every other row identical.
      const byId = new Map(previous.map((r) => [r.id, r]))
      const changed = now.filter((r) => {
        const was = byId.get(r.id)!
        return was.rank !== r.rank || was.version !== r.version
      })
      expect(
        changed.map((r) => r.id),
        label,
      ).toEqual([item])
      expect(changed[0]!.version, label).toBe(byId.get(item)!.version + 1)
      previous = now
    }

    const list = await listed(d, p.id)
    expect(list.map((r) => r.id)).toEqual(model)
    expectStrictOrder(
      list.map((r) => r.rank),
      'listed',
    )
    expect(JSON.stringify(await backlogRows(d, other.id))).toBe(otherBefore)
  }, 60_000)

  it('moves an item to the very top and the very bottom of the backlog', async () => {
    const d = await domainApp()
    const p = await d.product()
    const [a, b, c] = [await d.requirement(p.id), await d.requirement(p.id), await d.requirement(p.id)]
    await d.ok('POST', `/requirements/${c.id}/rank`, { beforeId: a.id })
    expect((await listed(d, p.id)).map((r) => r.id)).toEqual([c.id, a.id, b.id])
    await d.ok('POST', `/requirements/${c.id}/rank`, { afterId: b.id })
    expect((await listed(d, p.id)).map((r) => r.id)).toEqual([a.id, b.id, c.id])
    // A new requirement lands at the bottom.
    const e = await d.requirement(p.id)
    expect((await listed(d, p.id)).map((r) => r.id)).toEqual([a.id, b.id, c.id, e.id])
  })

  it('refuses to rank relative to another product’s item, itself, or with both/neither anchors (400, nothing written)', async () => {
    const d = await domainApp()
    const p = await d.product()
    const other = await d.product('SRM')
    const a = await d.requirement(p.id)
    const b = await d.requirement(p.id)
    const foreign = await d.requirement(other.id)
    const before = await snapshot(d.t)
    const bodies: [string, unknown][] = [
      ['another product (before)', { beforeId: foreign.id }],
      ['another product (after)', { afterId: foreign.id }],
      ['itself (before)', { beforeId: a.id }],
      ['itself (after)', { afterId: a.id }],
      ['both anchors', { beforeId: b.id, afterId: b.id }],
      ['neither anchor', {}],
      ['an anchor that does not exist', { beforeId: 999999 }],
    ]
    for (const [label, body] of bodies) {
      const res = await d.api('POST', `/requirements/${a.id}/rank`, body)
      expect(res.status, label).toBe(400)
      expect(res.body.error.code, label).toBe('invalid_input')
    }
    expect(await snapshot(d.t)).toBe(before)
  })

  it('answers 404 for ranking a requirement that does not exist', async () => {
    const d = await domainApp()
    const p = await d.product()
    const a = await d.requirement(p.id)
    const res = await d.api('POST', '/requirements/999999/rank', { beforeId: a.id })
    expect(res.status).toBe(404)
    expect(res.body.error.code).toBe('not_found')
  })
})
