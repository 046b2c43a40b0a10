// The requirement workflow: every (from, to) pair of the nine statuses through the API, checked against
// the transition table, and the table itself checked against DESIGN.md.

import { describe, expect, it } from 'vitest'
import type { RequirementStatus } from '../../db/schema'
import { REQUIREMENT_STATUSES } from '../../domain/vocabulary'
import { REQUIREMENT_TRANSITIONS } from '../../domain/workflow'
import { type Domain, domainApp, requirementRow, snapshot } from '../helpers/domain'

/** The shortest walk from draft to each status over the transition table (breadth-first). */
function pathsFromDraft(): Map<RequirementStatus, RequirementStatus[]> {
  const paths = new Map<RequirementStatus, RequirementStatus[]>([['draft', []]])
  const queue: RequirementStatus[] = ['draft']
  while (queue.length) {
    const at = queue.shift()!
    for (const next of REQUIREMENT_TRANSITIONS[at]) {
      if (paths.has(next)) continue
      paths.set(next, [...paths.get(at)!, next])
      queue.push(next)
    }
  }
  return paths
}

const PATHS = pathsFromDraft()

/** Creates a requirement and walks it to `status` through allowed transitions. */
async function requirementIn(d: Domain, productId: number, status: RequirementStatus, title: string) {
  let r = await d.requirement(productId, { title })
  for (const step of PATHS.get(status)!) r = await d.transition(r.id, step, 'walked there by the test')
  expect(r.status).toBe(status)
  return r
}

describe('the transition table', () => {
  it('follows DESIGN.md: the forward chain, rejected from any state before released, closed is final', () => {
    const chain: RequirementStatus[] = [
      'draft',
      'reviewing',
      'approved',
      'planned',
      'developing',
      'testing',
      'released',
      'closed',
    ]
    for (let i = 0; i + 1 < chain.length; i++) {
      expect(REQUIREMENT_TRANSITIONS[chain[i]!], `${chain[i]} → ${chain[i + 1]}`).toContain(chain[i + 1])
    }
    for (const from of chain.slice(0, chain.indexOf('released'))) {
      expect(REQUIREMENT_TRANSITIONS[from], `${from} → rejected`).toContain('rejected')
    }
    for (const from of ['released', 'closed', 'rejected'] as const) {
      expect(REQUIREMENT_TRANSITIONS[from]).not.toContain('rejected')
    }
    expect(REQUIREMENT_TRANSITIONS.closed).toEqual([])
    for (const s of REQUIREMENT_STATUSES) expect(REQUIREMENT_TRANSITIONS[s], s).not.toContain(s)
    // Every status is reachable from draft, so every pair below can really be exercised.
    expect([...PATHS.keys()].sort()).toEqual([...REQUIREMENT_STATUSES].sort())
  })
})

describe('requirement transitions through the API', () => {
  it.each(REQUIREMENT_STATUSES)(
    'from %s: answers 200 exactly for the moves the table allows, else 409 and changes nothing',
    async (from) => {
      const d = await domainApp()
      const p = await d.product()
      for (const to of REQUIREMENT_STATUSES) {
        const r = await requirementIn(d, p.id, from, `${from} → ${to}`)
        const before = (await requirementRow(d.t, r.id))!
        const res = await d.api(
          'POST',
          `/requirements/${r.id}/transition`,
          to === 'rejected' ? { to, reason: 'Out of scope' } : { to },
        )
        const label = `${from} → ${to}`
        if (REQUIREMENT_TRANSITIONS[from].includes(to)) {
          expect(res.status, label).toBe(200)
          expect(res.body.status, label).toBe(to)
          expect(res.body.version, label).toBe((before.version as number) + 1)
          expect((await requirementRow(d.t, r.id))!.status, label).toBe(to)
        } else {
          expect(res.status, label).toBe(409)
          expect(res.body.error.code, label).toBe('conflict')
          expect(await requirementRow(d.t, r.id), label).toEqual(before)
        }
      }
    },
  )

  it('needs a reason to reject (400, nothing written) and stores it as rejectReason', async () => {
    const d = await domainApp()
    const p = await d.product()
    const r = await requirementIn(d, p.id, 'reviewing', 'To be rejected')
    const before = await snapshot(d.t)
    for (const body of [
      { to: 'rejected' },
      { to: 'rejected', reason: '' },
      { to: 'rejected', reason: '   ' },
    ]) {
      const res = await d.api('POST', `/requirements/${r.id}/transition`, body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.error.code).toBe('invalid_input')
    }
    expect(await snapshot(d.t)).toBe(before)

    const res = await d.api('POST', `/requirements/${r.id}/transition`, {
      to: 'rejected',
      reason: '  客户已改用标准报表  ',
    })
    expect(res.status).toBe(200)
    expect(res.body.status).toBe('rejected')
    expect(res.body.rejectReason).toBe('客户已改用标准报表')
    const got = await d.ok('GET', `/requirements/${r.id}`)
    expect(got.rejectReason).toBe('客户已改用标准报表')
  })

  it('records each transition in the activity with the status before and after', async () => {
    const d = await domainApp()
    const p = await d.product()
    const r = await d.requirement(p.id)
    await d.transition(r.id, 'reviewing')
    const activity = await d.ok('GET', `/activity?entityType=requirement&entityId=${r.id}`)
    const entry = activity.items.find((a: { action: string }) => a.action === 'transitioned')
    expect(entry).toMatchObject({
      automatic: false,
      before: { status: 'draft' },
      after: { status: 'reviewing' },
      actor: { id: d.userId },
    })
  })

  it('refuses an unknown status (400) and an unknown requirement (404)', async () => {
    const d = await domainApp()
    const p = await d.product()
    const r = await d.requirement(p.id)
    expect((await d.api('POST', `/requirements/${r.id}/transition`, { to: 'done' })).status).toBe(400)
    expect((await d.api('POST', `/requirements/999999/transition`, { to: 'reviewing' })).status).toBe(404)
    expect((await requirementRow(d.t, r.id))!.status).toBe('draft')
  })

  it('lets only roles with requirement.transition move requirements (developer: 403)', async () => {
    const d = await domainApp()
    const p = await d.product()
    const r = await d.requirement(p.id)
    const dev = await d.t.addMember(d.owner, d.ws, 'developer')
    const res = await d.api('POST', `/requirements/${r.id}/transition`, { to: 'reviewing' }, dev.caller)
    expect(res.status).toBe(403)
    expect((await requirementRow(d.t, r.id))!.status).toBe('draft')
  })
})

describe('rejecting and reopening', () => {
  it('takes a rejected requirement out of its iteration and clears the reason when reopened', async () => {
    const d = await domainApp()
    const product = await d.product('MES', 'MES')
    const iteration = await d.iteration(product.id, {
      name: 'S1',
      startDate: '2026-11-02',
      endDate: '2026-11-13',
      capacity: 20,
    })
    const req = await d.requirement(product.id, {
      title: 'R',
      status: 'approved',
      estimate: 5,
      iterationId: iteration.id,
    })
    expect(req.status).toBe('planned')
    const rejected = await d.transition(req.id, 'rejected', 'Out of scope')
    expect(rejected).toMatchObject({ status: 'rejected', iterationId: null, rejectReason: 'Out of scope' })
    const reopened = await d.transition(req.id, 'draft')
    expect(reopened).toMatchObject({ status: 'draft', iterationId: null, rejectReason: null })
    expect((await d.ok('GET', `/iterations/${iteration.id}`)).featureLoad).toBe(0)
  })
})

describe('the task workflow', () => {
  it('reaches blocked only from an open state: every (from, blocked) pair through the API', async () => {
    const d = await domainApp()
    const product = await d.product()
    const iteration = await d.iteration(product.id)
    for (const from of ['todo', 'doing', 'review', 'blocked', 'done'] as const) {
      const task = await d.task({ productId: product.id, iterationId: iteration.id, title: `from ${from}` })
      if (from !== 'todo')
        await d.move(
          task.id,
          from === 'blocked' ? { status: from, blockedReason: 'waiting' } : { status: from },
        )
      const before = await snapshot(d.t)
      const res = await d.api('POST', `/tasks/${task.id}/move`, {
        status: 'blocked',
        blockedReason: 'vendor late',
      })
      if (from === 'done') {
        expect(res.status, from).toBe(409)
        expect(res.body.error.details).toMatchObject({
          reason: 'transition_forbidden',
          from: 'done',
          to: 'blocked',
        })
        expect(await snapshot(d.t)).toBe(before)
      } else {
        expect(res.status, from).toBe(200)
        expect(res.body.status).toBe('blocked')
      }
    }
  })
})
