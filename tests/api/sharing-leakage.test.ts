// Share-link leakage: a link for customer A shows only what A asked for and what ships to A — never
// customer B, internal notes (customer notes, requirement descriptions, ask notes), comments, goals,
// tasks or another product. Checked on the raw text of the shared roadmap and of its calendar feed.
// A product-wide link shows the agreed roadmap, still without customer names, notes or comments. A
// customer's link also shows what they asked for that is under consideration or declined, as such (no real
// status, priority, plan or reason), unless the PM turned that off when creating it.
import { beforeAll, describe, expect, it } from 'vitest'
import { askGroupOf } from '../../domain/asks'
import { type Domain, domainApp, type Json } from '../helpers/domain'

/** Strings that exist only in internal fields; no share link may ever show them. */
const INTERNAL = [
  'ACME-CUSTOMER-NOTE',
  'BOREALIS-CUSTOMER-NOTE',
  'anna@acme.example',
  'bo@borealis.example',
  '777777',
  'ASK-A-NOTE',
  'ASK-B-NOTE',
  'R1-DESC-internal',
  'R2-DESC-internal',
  'SCENARIO-R1',
  'Shift supervisor',
  'ACCEPT-R1',
  'COMMENT-R1-body',
  'COMMENT-TASK-body',
  'GOAL-secret',
  'RELEASE-DESC',
  'TASK-TITLE-internal',
  'BLOCKED-REASON-secret',
  'Rejected idea',
  'Not worth it',
  'Draft idea',
  'Olivia Owner',
  'owner@example.com',
  'developer person',
  'dev.secret@example.com',
  // The other product.
  'ERP',
  'Secret ledger',
  'ERP-REQ-secret',
]

/** Internal field names that must not appear as keys of the JSON. */
const INTERNAL_KEYS = [
  '"note"',
  '"description"',
  '"goal"',
  '"contractValue"',
  '"contact"',
  '"email"',
  '"scenario"',
  '"askCount"',
  '"comments"',
  '"tasks"',
  '"capacity"',
  '"tokenHash"',
  '"workspaceId"',
]

async function world(d: Domain) {
  const mes = await d.ok('POST', '/products', { key: 'MES', name: 'Shopfloor MES' }, 201)
  const erp = await d.ok('POST', '/products', { key: 'ERP', name: 'Secret ledger' }, 201)
  const A = await d.customer({
    name: 'Acme Steel',
    industry: 'steel',
    contact: 'anna@acme.example',
    note: 'ACME-CUSTOMER-NOTE: pays late',
  })
  const B = await d.customer({
    name: 'Borealis Paper',
    industry: 'paper',
    contact: 'bo@borealis.example',
    note: 'BOREALIS-CUSTOMER-NOTE: thinking of leaving',
    contractValue: 777777,
  })
  const v1 = await d.release(mes.id, {
    name: 'v1 Pilot',
    targetDate: '2026-12-18',
    description: 'RELEASE-DESC one',
  })
  const v2 = await d.release(mes.id, {
    name: 'v2 Pulp line',
    targetDate: '2027-02-26',
    description: 'RELEASE-DESC two',
  })
  const s1 = await d.iteration(mes.id, {
    name: 'Sprint 1',
    goal: 'GOAL-secret-sprint-1',
    startDate: '2026-11-02',
    endDate: '2026-11-13',
    releaseId: v1.id,
  })
  const s2 = await d.iteration(mes.id, {
    name: 'Sprint 2 Pulp',
    goal: 'GOAL-secret-sprint-2',
    startDate: '2026-11-16',
    endDate: '2026-11-27',
    releaseId: v2.id,
  })
  const s3 = await d.iteration(mes.id, {
    name: 'Sprint 3 spare',
    startDate: '2026-11-30',
    endDate: '2026-12-11',
  })
  const R1 = await d.requirement(mes.id, {
    title: 'Andon alerts',
    description: 'R1-DESC-internal: margin is thin',
    role: 'Shift supervisor',
    scenario: 'SCENARIO-R1 at night',
    acceptanceCriteria: [{ text: 'ACCEPT-R1 alerts within 5 s' }],
    status: 'approved',
    iterationId: s1.id,
  })
  const R2 = await d.requirement(mes.id, {
    title: 'Pulp moisture tracking',
    description: 'R2-DESC-internal',
    status: 'approved',
    iterationId: s2.id,
  })
  const R3 = await d.requirement(mes.id, { title: 'Draft idea for Acme' })
  const R4 = await d.requirement(mes.id, { title: 'Rejected idea for Acme', status: 'approved' })
  await d.transition(R4.id, 'rejected', 'Not worth it')
  const R5 = await d.requirement(mes.id, { title: 'Label printing', status: 'approved', releaseId: v1.id })
  for (const to of ['planned', 'developing', 'testing', 'released']) await d.transition(R5.id, to)
  const R6 = await d.requirement(mes.id, { title: 'Faster reports', status: 'approved' })
  const ask = (r: Json, c: Json, note: string, promisedDate?: string) =>
    d.ok(
      'POST',
      `/requirements/${r.id}/asks`,
      { customerId: c.id, importance: 'critical', note, promisedDate },
      201,
    )
  await ask(R1, A, 'ASK-A-NOTE-R1 their plant manager insists', '2026-11-20')
  await ask(R1, B, 'ASK-B-NOTE-R1', '2026-12-03')
  await ask(R2, B, 'ASK-B-NOTE-R2')
  await ask(R3, A, 'ASK-A-NOTE-R3')
  await ask(R4, A, 'ASK-A-NOTE-R4')
  await ask(R5, A, 'ASK-A-NOTE-R5')
  await d.ok('POST', `/requirements/${R1.id}/comments`, { body: 'COMMENT-R1-body: Borealis pays more' }, 201)
  const task = await d.task({
    productId: mes.id,
    kind: 'feature',
    requirementId: R1.id,
    title: 'TASK-TITLE-internal',
  })
  await d.move(task.id, { status: 'blocked', blockedReason: 'BLOCKED-REASON-secret' })
  await d.ok('POST', `/tasks/${task.id}/comments`, { body: 'COMMENT-TASK-body' }, 201)
  const dev = await d.t.addMember(d.owner, d.ws, 'developer', 'dev.secret@example.com')
  await d.ok('PATCH', `/tasks/${task.id}`, { assigneeId: dev.userId })
  const erpReq = await d.requirement(erp.id, { title: 'ERP-REQ-secret', status: 'approved' })
  await ask(erpReq, A, 'ASK-A-NOTE-ERP')
  await d.iteration(erp.id, { name: 'ERP sprint', startDate: '2026-11-02', endDate: '2026-11-13' })
  await d.release(erp.id, { name: 'ERP release', targetDate: '2026-12-01' })

  const link = async (productId: number, customerId?: number, showConsidering?: boolean) =>
    (await d.ok('POST', '/share-links', { productId, customerId, showConsidering }, 201)).token as string
  return {
    mes,
    erp,
    A,
    B,
    v1,
    v2,
    s1,
    s2,
    s3,
    R1,
    R2,
    R3,
    R4,
    R5,
    R6,
    task,
    tokens: {
      A: await link(mes.id, A.id, false),
      everyA: await link(mes.id, A.id),
      B: await link(mes.id, B.id, false),
      all: await link(mes.id),
      erpA: await link(erp.id, A.id, false),
    },
  }
}

type World = Awaited<ReturnType<typeof world>>

interface Shared {
  json: Json
  text: string
  ics: string
}

async function fetchShared(d: Domain, token: string): Promise<Shared> {
  const res = await d.t.app.request(`http://localhost/api/share/${token}`)
  expect(res.status).toBe(200)
  const text = await res.text()
  const cal = await d.t.app.request(`http://localhost/api/calendar/${token}.ics`)
  expect(cal.status).toBe(200)
  return { json: JSON.parse(text), text, ics: await cal.text() }
}

function expectNone(haystack: string, needles: readonly string[], where: string) {
  for (const needle of needles)
    expect(haystack.includes(needle), `${where} shows ${JSON.stringify(needle)}`).toBe(false)
}

const requirementView = (r: Json, promisedDate: string | null) => ({
  id: r.id,
  key: r.key,
  title: r.title,
  status: expect.any(String),
  priority: r.priority,
  iterationId: r.iterationId,
  releaseId: r.releaseId,
  targetDate: null,
  promisedDate,
  group: expect.any(String),
})

describe('share-link leakage', () => {
  let d: Domain
  let w: World
  let A: Shared
  let everyA: Shared
  let B: Shared
  let all: Shared
  let erpA: Shared
  beforeAll(async () => {
    d = await domainApp()
    w = await world(d)
    A = await fetchShared(d, w.tokens.A)
    everyA = await fetchShared(d, w.tokens.everyA)
    B = await fetchShared(d, w.tokens.B)
    all = await fetchShared(d, w.tokens.all)
    erpA = await fetchShared(d, w.tokens.erpA)
  })

  it('has every internal string on record for members (so the checks below are not vacuous)', async () => {
    const paths = [
      '/customers',
      `/customers/${w.A.id}`,
      `/customers/${w.B.id}`,
      ...[w.R1, w.R2, w.R5].map((r) => `/requirements/${r.id}`),
      `/products/${w.mes.id}/requirements?status=draft,rejected`,
      `/requirements/${w.R1.id}/comments`,
      `/tasks/${w.task.id}`,
      `/tasks/${w.task.id}/comments`,
      `/products/${w.mes.id}/iterations`,
      `/products/${w.mes.id}/releases`,
      '/members',
      '/products',
      `/products/${w.erp.id}/requirements`,
      '/activity?limit=500',
    ]
    let text = ''
    for (const path of paths) text += JSON.stringify((await d.api('GET', path)).body)
    for (const needle of INTERNAL) expect(text.includes(needle), needle).toBe(true)
  })

  it("customer A's link (agreed work only) shows exactly what A asked for and what ships to A", () => {
    expect(A.json).toEqual({
      product: { key: 'MES', name: 'Shopfloor MES' },
      customer: { name: 'Acme Steel' },
      counts: { asks: 2, planned: 1, waiting: 0, delivered: 1, declined: 0 },
      expiresAt: null,
      iterations: [
        {
          id: w.s1.id,
          name: 'Sprint 1',
          startDate: '2026-11-02',
          endDate: '2026-11-13',
          status: 'planned',
          releaseId: w.v1.id,
        },
      ],
      releases: [
        { id: w.v1.id, name: 'v1 Pilot', targetDate: '2026-12-18', status: 'planned', releasedAt: null },
      ],
      requirements: [
        { ...requirementView(w.R1, '2026-11-20'), status: 'planned', iterationId: w.s1.id, group: 'planned' },
        { ...requirementView(w.R5, null), status: 'released', group: 'delivered' },
      ],
    })
    // Its calendar: Sprint 1 and v1, nothing else.
    expect(A.ics.match(/BEGIN:VEVENT/g)).toHaveLength(2)
    expect(A.ics).toContain('SUMMARY:MES · Sprint 1\r\n')
    expect(A.ics).toContain('SUMMARY:MES · v1 Pilot\r\n')
  })

  it("customer A's link shows every ask by default: under consideration and declined as such, nothing internal", async () => {
    const underConsideration = {
      id: w.R3.id,
      key: w.R3.key,
      title: 'Draft idea for Acme',
      status: 'considering',
      priority: '',
      iterationId: null,
      releaseId: null,
      targetDate: null,
      promisedDate: null,
      group: 'waiting',
    }
    const declined = {
      ...underConsideration,
      id: w.R4.id,
      key: w.R4.key,
      title: 'Rejected idea for Acme',
      status: 'declined',
      group: 'declined',
    }
    expect(everyA.json.requirements).toEqual([
      { ...requirementView(w.R1, '2026-11-20'), status: 'planned', iterationId: w.s1.id, group: 'planned' },
      underConsideration,
      declined,
      { ...requirementView(w.R5, null), status: 'released', group: 'delivered' },
    ])
    // The customer page counts the same asks of this product the same way.
    const page = await d.ok('GET', `/customers/${w.A.id}`)
    const inMes = page.asks.filter((a: Json) => a.requirement.productId === w.mes.id)
    const groups = inMes.map((a: Json) => askGroupOf(a.requirement))
    expect(everyA.json.counts).toEqual({
      asks: inMes.length,
      planned: groups.filter((g: string) => g === 'planned').length,
      waiting: groups.filter((g: string) => g === 'waiting').length,
      delivered: groups.filter((g: string) => g === 'delivered').length,
      declined: groups.filter((g: string) => g === 'declined').length,
    })
    expect(everyA.json.counts).toEqual({ asks: 4, planned: 1, waiting: 1, delivered: 1, declined: 1 })
    // Still nothing internal: no reason for declining, no notes, no other customer.
    const SHOWN_AS_SUCH = ['Draft idea', 'Rejected idea']
    const B_ONLY = ['Borealis', 'Pulp', 'Sprint 2', 'Sprint 3', 'v2', '2026-12-03', 'Faster reports']
    expectNone(
      everyA.text,
      [...INTERNAL.filter((s) => !SHOWN_AS_SUCH.includes(s)), ...B_ONLY],
      "A's full roadmap",
    )
    expectNone(everyA.text, [...INTERNAL_KEYS, '"reviewing"', '"draft"', '"rejected"'], "A's full roadmap")
    expect(everyA.json.iterations.map((i: Json) => i.name)).toEqual(['Sprint 1'])
  })

  it("customer A's link never shows customer B, internal notes, comments, goals, tasks or another product", () => {
    const B_ONLY = ['Borealis', 'Pulp', 'Sprint 2', 'Sprint 3', 'v2', '2026-12-03', 'Faster reports']
    expectNone(A.text, [...INTERNAL, ...B_ONLY], "A's roadmap")
    expectNone(A.text, INTERNAL_KEYS, "A's roadmap")
    expectNone(A.ics, [...INTERNAL, ...B_ONLY, '20261203'], "A's calendar")
  })

  it("customer B's link shows B's own promise and never customer A", () => {
    expect(B.json.customer).toEqual({ name: 'Borealis Paper' })
    expect(B.json.requirements).toEqual([
      { ...requirementView(w.R1, '2026-12-03'), status: 'planned', iterationId: w.s1.id },
      { ...requirementView(w.R2, null), status: 'planned', iterationId: w.s2.id },
    ])
    expect(B.json.iterations.map((i: Json) => i.name)).toEqual(['Sprint 1', 'Sprint 2 Pulp'])
    expect(B.json.releases.map((r: Json) => r.name)).toEqual(['v1 Pilot', 'v2 Pulp line'])
    const A_ONLY = ['Acme', 'Label printing', '2026-11-20', 'Sprint 3', 'Faster reports']
    expectNone(B.text, [...INTERNAL, ...A_ONLY], "B's roadmap")
    expectNone(B.text, INTERNAL_KEYS, "B's roadmap")
    expectNone(B.ics, [...INTERNAL, ...A_ONLY, '20261120'], "B's calendar")
  })

  it('a product-wide link shows the agreed roadmap without customer names, promises, notes or comments', () => {
    expect(all.json.customer).toBeNull()
    expect(all.json.requirements.map((r: Json) => r.title)).toEqual([
      'Andon alerts',
      'Pulp moisture tracking',
      'Label printing',
      'Faster reports',
    ])
    for (const r of all.json.requirements) expect(r.promisedDate).toBeNull()
    expect(all.json.iterations.map((i: Json) => i.name)).toEqual([
      'Sprint 1',
      'Sprint 2 Pulp',
      'Sprint 3 spare',
    ])
    expect(all.json.releases.map((r: Json) => r.name)).toEqual(['v1 Pilot', 'v2 Pulp line'])
    const CUSTOMERS = ['Acme', 'Borealis', '2026-11-20', '2026-12-03']
    expectNone(all.text, [...INTERNAL, ...CUSTOMERS], 'the product roadmap')
    expectNone(all.text, INTERNAL_KEYS, 'the product roadmap')
    expectNone(all.ics, [...INTERNAL, ...CUSTOMERS, '20261120', '20261203'], 'the product calendar')
  })

  it("a link to another product for customer A shows only that product's work", () => {
    expect(erpA.json.product).toEqual({ key: 'ERP', name: 'Secret ledger' })
    expect(erpA.json.requirements.map((r: Json) => r.title)).toEqual(['ERP-REQ-secret'])
    // The ERP sprint and release carry none of A's requirements.
    expect(erpA.json.iterations).toEqual([])
    expect(erpA.json.releases).toEqual([])
    const MES = [
      'Shopfloor',
      'MES-',
      'Andon',
      'Label printing',
      'Sprint 1',
      'v1 Pilot',
      'Borealis',
      'ASK-A-NOTE',
      'ACME-CUSTOMER-NOTE',
    ]
    expectNone(erpA.text, MES, "A's ERP roadmap")
    expectNone(erpA.ics, MES, "A's ERP calendar")
  })

  it('follows later changes: a requirement A stops asking for disappears from A’s link', async () => {
    const detail = await d.ok('GET', `/requirements/${w.R5.id}`)
    const askId = detail.asks.find((a: Json) => a.customer.id === w.A.id).id
    await d.ok('DELETE', `/requirements/${w.R5.id}/asks/${askId}`, undefined, 204)
    const now = await fetchShared(d, w.tokens.A)
    expect(now.json.requirements.map((r: Json) => r.title)).toEqual(['Andon alerts'])
    expectNone(now.text, ['Label printing'], "A's roadmap after the ask is gone")
  })
})
