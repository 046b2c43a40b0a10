// Demand analytics through the API: requirements and modules ranked by how many customers ask, how
// important the asks are (weighted by contract value) and the contract value behind them, with a
// per-industry breakdown. Weight of an ask = importance (nice 1, important 2, critical 4) ×
// (1 + log10(1 + contract value / 10 000)).
import { describe, expect, it } from 'vitest'
import type { Json } from '../helpers/domain'
import { reportsApp } from '../helpers/reports'

describe('demand', () => {
  it('ranks requirements, modules and industries by customer demand', async () => {
    const r = await reportsApp()
    const p = await r.product('MES')
    const other = await r.product('ERP')
    const quality = await r.module(p.id, { name: 'Quality' })
    const logistics = await r.module(p.id, { name: 'Logistics' })
    const acme = await r.customer({ name: 'Acme Steel', industry: 'steel', contractValue: 1_000_000 })
    const beta = await r.customer({ name: 'Beta Foods', industry: 'food', contractValue: 10_000 })
    const cobalt = await r.customer({ name: 'Cobalt Works', industry: 'steel', contractValue: 100_000 })
    const delta = await r.customer({ name: 'Delta Power', industry: 'energy', contractValue: 0 })
    const echo = await r.customer({ name: 'Echo Trading', contractValue: 50_000 })
    // RD is first in the backlog: ranking is by demand, not by backlog order.
    const RD = await r.requirement(p.id, { title: 'RD Dock scheduling' })
    const RC = await r.requirement(p.id, { title: 'RC Cold chain log', moduleId: logistics.id })
    const RB = await r.requirement(p.id, { title: 'RB SPC charts', moduleId: quality.id, status: 'approved' })
    const RA = await r.requirement(p.id, { title: 'RA Defect photos', moduleId: quality.id })
    await r.requirement(p.id, { title: 'Nobody asked' })
    const elsewhere = await r.requirement(other.id, { title: 'ERP thing' })
    const ask = (req: Json, customer: Json, importance: string) =>
      r.ok('POST', `/requirements/${req.id}/asks`, { customerId: customer.id, importance }, 201)
    await ask(RA, acme, 'nice')
    await ask(RA, beta, 'nice')
    await ask(RA, cobalt, 'nice')
    await ask(RB, acme, 'critical')
    await ask(RB, beta, 'important')
    await ask(RC, beta, 'critical')
    await ask(RC, delta, 'critical')
    await ask(RD, delta, 'nice')
    await ask(RD, echo, 'important')
    await ask(elsewhere, acme, 'critical')

    const d = await r.demand(p.id)
    // RA has the most customers; RB and RC both have two, RB weighs more (a critical ask of a big
    // account); RD has two but light ones.
    expect(d.requirements.map((x: Json) => x.id)).toEqual([RA.id, RB.id, RC.id, RD.id])
    expect(d.requirements).toMatchObject([
      {
        id: RA.id,
        key: RA.key,
        title: 'RA Defect photos',
        moduleId: quality.id,
        customerCount: 3,
        criticalCount: 0,
        contractValue: 1_110_000,
        weight: 6.35,
        industries: ['food', 'steel'],
      },
      {
        id: RB.id,
        status: 'approved',
        customerCount: 2,
        criticalCount: 1,
        contractValue: 1_010_000,
        weight: 14.62,
        industries: ['food', 'steel'],
      },
      {
        customerCount: 2,
        criticalCount: 2,
        contractValue: 10_000,
        weight: 9.2,
        industries: ['energy', 'food'],
      },
      {
        customerCount: 2,
        criticalCount: 0,
        contractValue: 50_000,
        weight: 4.56,
        industries: expect.arrayContaining(['energy']),
      },
    ])

    expect(d.modules).toEqual([
      { moduleId: quality.id, customerCount: 3, requirementCount: 2, weight: 20.97 },
      { moduleId: logistics.id, customerCount: 2, requirementCount: 1, weight: 9.2 },
      { moduleId: null, customerCount: 2, requirementCount: 1, weight: 4.56 },
    ])

    // Contract value per industry counts each customer once, however many asks it made.
    expect(d.industries).toEqual([
      { industry: 'steel', customerCount: 2, askCount: 3, contractValue: 1_100_000, weight: 17.06 },
      { industry: 'food', customerCount: 1, askCount: 3, contractValue: 10_000, weight: 9.11 },
      { industry: 'energy', customerCount: 1, askCount: 2, contractValue: 0, weight: 5 },
      { industry: '—', customerCount: 1, askCount: 1, contractValue: 50_000, weight: 3.56 },
    ])
    // The other product's asks stay in the other product.
    expect(JSON.stringify(d)).not.toContain('ERP thing')
    expect((await r.demand(other.id)).requirements.map((x: Json) => x.id)).toEqual([elsewhere.id])
  })

  it('is empty for a product nobody asked anything of', async () => {
    const r = await reportsApp()
    const p = await r.product()
    await r.requirement(p.id)
    expect(await r.demand(p.id)).toEqual({ requirements: [], modules: [], industries: [] })
  })
})
