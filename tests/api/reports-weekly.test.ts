// The weekly report (周报) of a fixed ISO week, built from a constructed history on a fixed clock and
// checked field by field in English and Chinese: done, in progress, blocked with the reason, next week's
// plan, what shipped to which customers, the stability share, the Markdown; the same answer when asked
// again after later changes; bad weeks answer 400 in the error shape. One history serves the whole file;
// the tests that change it further come last.

import { beforeAll, describe, expect, it } from 'vitest'
import { makeApp } from '../helpers/app'
import type { Json } from '../helpers/domain'
import { reportsApp } from '../helpers/reports'

/**
 * Product MES "Shopfloor MES". Sprint 1 2026-11-02 → 11-13 (active), Sprint 2 11-16 → 11-27 with a goal.
 * R1 "Andon alerts" (asked by Acme Steel and Beta Foods) is released in 2026-W46 (11-09 → 11-15);
 * R2 "Label printing" (asked by Beta Foods) was released the week before.
 */
async function fixedWeek() {
  const r = await reportsApp('2026-10-30T09:00:00.000Z')
  const p = await r.ok('POST', '/products', { key: 'MES', name: 'Shopfloor MES' }, 201)
  const acme = await r.customer({ name: 'Acme Steel', industry: 'steel' })
  const beta = await r.customer({ name: 'Beta Foods', industry: 'food' })
  const s1 = await r.iteration(p.id, {
    name: 'Sprint 1',
    startDate: '2026-11-02',
    endDate: '2026-11-13',
    capacity: 30,
  })
  const s2 = await r.iteration(p.id, {
    name: 'Sprint 2',
    goal: 'Pilot at Acme',
    startDate: '2026-11-16',
    endDate: '2026-11-27',
    capacity: 30,
  })
  const R1 = await r.requirementAt(p.id, 'planned', {
    title: 'Andon alerts',
    iterationId: s1.id,
    estimate: 5,
  })
  const R2 = await r.requirementAt(p.id, 'planned', {
    title: 'Label printing',
    iterationId: s1.id,
    estimate: 2,
  })
  await r.ok('POST', `/requirements/${R1.id}/asks`, { customerId: acme.id, importance: 'critical' }, 201)
  await r.ok('POST', `/requirements/${R1.id}/asks`, { customerId: beta.id }, 201)
  await r.ok('POST', `/requirements/${R2.id}/asks`, { customerId: beta.id }, 201)
  const task = (title: string, estimate: number, fields: Json = {}) =>
    r.task({ productId: p.id, iterationId: s1.id, kind: 'chore', title, estimate, ...fields })
  const T1 = await task('Andon API', 3, { kind: 'feature', requirementId: R1.id })
  const T2 = await task('Speed up OEE query', 2, { kind: 'stability', category: 'performance' })
  const T3 = await task('Upgrade Node', 5)
  const T4 = await task('Translate labels', 1)
  const T5 = await task('Operator login', 2)
  const T6 = await task('Fix shift rollover', 1, { kind: 'bug' })
  const T7 = await task('PLC integration', 3)
  const T8 = await task('Printer driver', 1)
  const T9 = await task('Pilot checklist', 2, { iterationId: s2.id })
  const T10 = await task('Spike', 1)

  r.on('2026-11-02', '08:00:00.000')
  await r.activate(s1.id)
  r.on('2026-11-05')
  for (const step of ['developing', 'testing', 'released']) await r.transition(R2.id, step)
  await r.status(T3.id, 'doing')
  r.on('2026-11-06')
  await r.status(T3.id, 'done')
  r.on('2026-11-09')
  await r.status(T5.id, 'doing')
  await r.status(T10.id, 'doing')
  r.on('2026-11-10')
  await r.finish(T1.id)
  await r.status(T6.id, 'doing')
  await r.status(T6.id, 'review')
  await r.status(T8.id, 'blocked', 'No driver for the label printer')
  r.on('2026-11-11')
  await r.status(T2.id, 'doing')
  await r.status(T2.id, 'done')
  await r.status(T8.id, 'doing')
  r.on('2026-11-12')
  await r.status(T4.id, 'done')
  await r.status(T7.id, 'blocked', 'Waiting for the PLC vendor')
  // T1 done moved R1 to testing on its own; the PM releases it.
  await r.transition(R1.id, 'released')
  r.on('2026-11-13')
  await r.status(T4.id, 'doing') // reopened: not done at the end of the week
  r.on('2026-11-14')
  await r.ok('DELETE', `/tasks/${T10.id}`, undefined, 204)
  r.on('2026-11-16', '09:00:00.000')
  return { r, p, s1, s2, R1, R2, T1, T2, T3, T4, T5, T6, T7, T8, T9 }
}

type Fixed = Awaited<ReturnType<typeof fixedWeek>>

const line = (t: Json) => ({ key: t.key, title: t.title })

function expectedW46(x: Fixed, lang: 'en' | 'zh-CN') {
  return {
    week: '2026-W46',
    from: '2026-11-09',
    to: '2026-11-15',
    lang,
    sections: {
      done: [line(x.T1), line(x.T2)],
      inProgress: [line(x.T4), line(x.T5), line(x.T6), line(x.T8)],
      blocked: [{ ...line(x.T7), detail: 'Waiting for the PLC vendor' }],
      overdue: [],
      nextWeek: [
        lang === 'en'
          ? {
              key: 'Sprint 2',
              title: 'Sprint 2 (2026-11-16 – 2026-11-27)',
              detail: expect.stringMatching(/^Goal: Pilot at Acme · 1\b/),
            }
          : {
              key: 'Sprint 2',
              title: 'Sprint 2（2026-11-16 – 2026-11-27）',
              detail: expect.stringMatching(/^目标: Pilot at Acme · 1/),
            },
      ],
      shipped: [{ key: x.R1.key, title: 'Andon alerts', customers: ['Acme Steel', 'Beta Foods'] }],
      stability: { share: 40, points: 2, totalPoints: 5 },
    },
    markdown: expect.any(String),
  }
}

describe('the weekly report of 2026-W46', () => {
  let x: Fixed
  let en: Json
  let zh: Json
  beforeAll(async () => {
    x = await fixedWeek()
    en = await x.r.weekly(x.p.id, '2026-W46', 'en')
    zh = await x.r.weekly(x.p.id, '2026-W46', 'zh-CN')
  })

  it('lists done, in progress, blocked with the reason, next week, shipped to whom and the stability share (en)', () => {
    expect(en).toEqual(expectedW46(x, 'en'))
  })

  it('has the same sections in Chinese', () => {
    expect(zh).toEqual(expectedW46(x, 'zh-CN'))
  })

  it('writes every section into the English Markdown', () => {
    const md: string = en.markdown
    expect(md.split('\n')[0]).toBe('# Weekly report · Shopfloor MES · 2026-W46')
    expect(md).toContain('2026-11-09 to 2026-11-15')
    for (const heading of [
      '## Done this week (2)',
      '## In progress (4)',
      '## Blocked and risks (1)',
      "## Next week's plan",
      '## Shipped to customers (1)',
      '## Stability work',
    ]) {
      expect(md).toContain(heading)
    }
    expect(md).toContain(`- ${x.T1.key} Andon API`)
    expect(md).toContain(`- ${x.T2.key} Speed up OEE query`)
    expect(md).toContain(`- ${x.T7.key} PLC integration — blocked: Waiting for the PLC vendor`)
    expect(md).toContain('- Sprint 2 (2026-11-16 – 2026-11-27) — Goal: Pilot at Acme')
    expect(md).toContain(`- ${x.R1.key} Andon alerts — for Acme Steel, Beta Foods`)
    expect(md).toContain('40% of the points finished this week were stability work (2 of 5).')
    // Sections come in this order.
    const order = [
      '## Done',
      '## In progress',
      '## Blocked',
      "## Next week's",
      '## Shipped',
      '## Stability',
    ].map((h) => md.indexOf(h))
    expect([...order].sort((a, b) => a - b)).toEqual(order)
    // What was not done that week stays out of the done list.
    const done = md.slice(md.indexOf('## Done'), md.indexOf('## In progress'))
    expect(done).not.toContain('Upgrade Node')
    expect(done).not.toContain('Translate labels')
    expect(md).not.toContain('Spike')
    expect(md).not.toContain('Label printing')
  })

  it('writes every section into the Chinese Markdown, in Chinese', () => {
    const md: string = zh.markdown
    expect(md.split('\n')[0]).toBe('# 周报 · Shopfloor MES · 2026-W46')
    expect(md).toContain('2026-11-09 至 2026-11-15')
    for (const heading of [
      '## 本周完成 (2)',
      '## 进行中 (4)',
      '## 阻塞与风险 (1)',
      '## 下周计划',
      '## 已交付客户 (1)',
      '## 稳定性工作',
    ]) {
      expect(md).toContain(heading)
    }
    expect(md).toContain(`- ${x.T7.key} PLC integration — 阻塞: Waiting for the PLC vendor`)
    expect(md).toContain(`- ${x.R1.key} Andon alerts — 交付给 Acme Steel, Beta Foods`)
    expect(md).toContain('本周完成的点数中，稳定性工作占 40%（2 / 5 点）。')
    // The report's own words are Chinese; only what people typed (titles, names) may be English.
    const own = md
      .split('\n')
      .filter((l) => l.startsWith('- Sprint 2'))
      .map((l) => l.replace('Sprint 2', '').replace('Pilot at Acme', ''))
    expect(own).toHaveLength(1)
    expect(own[0]).not.toMatch(/[A-Za-z]/)
  })

  it('reports the week before on its own terms', async () => {
    const w45 = await x.r.weekly(x.p.id, '2026-W45', 'en')
    expect(w45.sections).toEqual({
      done: [line(x.T3)],
      inProgress: [],
      blocked: [],
      overdue: [],
      nextWeek: [
        {
          key: 'Sprint 1',
          title: 'Sprint 1 (2026-11-02 – 2026-11-13)',
          // T1, T2, T4–T8 and the spike were still open in Sprint 1.
          detail: expect.stringMatching(/^8\b/),
        },
      ],
      shipped: [{ key: x.R2.key, title: 'Label printing', customers: ['Beta Foods'] }],
      stability: { share: 0, points: 0, totalPoints: 5 },
    })
    expect(w45.markdown).toContain('## In progress (0)\n\nNothing.')
    const zh45 = await x.r.weekly(x.p.id, '2026-W45', 'zh-CN')
    expect(zh45.markdown).toContain('## 进行中 (0)\n\n无。')
  })

  it('defaults to the current week, which may be asked while it runs', async () => {
    const current = await x.r.ok('GET', `/products/${x.p.id}/reports/weekly`)
    expect(current).toMatchObject({ week: '2026-W47', from: '2026-11-16', to: '2026-11-22', lang: 'en' })
  })

  it.each([
    ['2026-48'],
    ['2026-W60'],
    ['2026-W00'],
    ['2021-W53'],
    ['abc'],
    ['2026-W4'],
    ['2026-w46'],
    ['2026-W46-1'],
    ['2026-W48'], // next week: it has not started
    ['2027-W01'],
  ])('answers 400 for week=%s', async (week) => {
    const res = await x.r.api('GET', `/products/${x.p.id}/reports/weekly?week=${week}`)
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('invalid_input')
    expect(typeof res.body.error.message).toBe('string')
  })

  it('answers 400 for an unknown language and accepts a 53rd week that exists', async () => {
    const lang = await x.r.api('GET', `/products/${x.p.id}/reports/weekly?week=2026-W46&lang=fr`)
    expect(lang.status).toBe(400)
    expect(lang.body.error.code).toBe('invalid_input')
    const w53 = await x.r.weekly(x.p.id, '2020-W53')
    expect(w53).toMatchObject({ week: '2020-W53', from: '2020-12-28', to: '2021-01-03' })
  })

  // Last: these change the history after the week, then ask for the week again.
  it('answers the same after the following week moves, renames and re-estimates tasks', async () => {
    const { r } = x
    r.on('2026-11-17')
    await r.status(x.T5.id, 'done')
    await r.status(x.T7.id, 'doing')
    await r.status(x.T6.id, 'done')
    await r.status(x.T9.id, 'doing')
    await r.patchTask(x.T1.id, { title: 'Andon API v2' })
    await r.patchTask(x.T2.id, { estimate: 8 })
    r.on('2026-11-19')
    await r.status(x.T8.id, 'blocked', 'Printer broke again')
    await r.transition(x.R1.id, 'closed')
    expect(await r.weekly(x.p.id, '2026-W46', 'en')).toEqual(en)
    expect(await r.weekly(x.p.id, '2026-W46', 'zh-CN')).toEqual(zh)
  })

  it('answers the same after the sprints it mentions are closed', async () => {
    const { r } = x
    await r.close(x.s1.id)
    await r.activate(x.s2.id)
    // Sprint 2 ends 11-27 and is closed the Monday after; W46's "next week" was Sprint 2 all the same.
    r.on('2026-11-30')
    await r.close(x.s2.id)
    expect(await r.weekly(x.p.id, '2026-W46', 'en')).toEqual(en)
    expect(await r.weekly(x.p.id, '2026-W46', 'zh-CN')).toEqual(zh)
  })
})

describe('overdue work in the weekly report', () => {
  it('lists open tasks past their due date under blocked and risks, in both languages', async () => {
    const t = makeApp({ start: '2026-11-09T08:00:00.000Z' })
    const { owner, ws } = await t.setup()
    const base = `/api/workspaces/${ws}`
    const product = (await t.request('POST', `${base}/products`, { key: 'MES', name: 'MES' }, owner)).body
    const late = (
      await t.request(
        'POST',
        `${base}/tasks`,
        { productId: product.id, kind: 'chore', title: 'Late manual', dueDate: '2026-11-10' },
        owner,
      )
    ).body
    await t.request(
      'POST',
      `${base}/tasks`,
      { productId: product.id, kind: 'chore', title: 'Due later', dueDate: '2026-11-30' },
      owner,
    )
    t.clock.set('2026-11-16T09:00:00.000Z')
    const en = await t.request(
      'GET',
      `${base}/products/${product.id}/reports/weekly?week=2026-W46`,
      undefined,
      owner,
    )
    expect(en.body.sections.overdue).toEqual([{ key: late.key, title: 'Late manual', detail: '2026-11-10' }])
    expect(en.body.markdown).toContain(`${late.key} Late manual — overdue since 2026-11-10`)
    const zh = await t.request(
      'GET',
      `${base}/products/${product.id}/reports/weekly?week=2026-W46&lang=zh-CN`,
      undefined,
      owner,
    )
    expect(zh.body.markdown).toContain('2026-11-10 起逾期')
  })
})

describe('text people typed in the weekly report Markdown', () => {
  it('reads as text: no link, image, HTML, heading or list comes out of a title, reason, goal or name', async () => {
    const t = makeApp({ start: '2026-11-09T08:00:00.000Z' })
    const { owner, ws } = await t.setup()
    const base = `/api/workspaces/${ws}`
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await t.request(method, `${base}${path}`, body, owner)
      if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`)
      return res.body
    }
    const product = await call('POST', '/products', { key: 'MES', name: '# [Shop](javascript:alert(1))' })
    const sprint = await call('POST', `/products/${product.id}/iterations`, {
      name: '- <img src=x onerror=alert(1)>',
      goal: '![pixel](http://tracker.example/p.png)',
      startDate: '2026-11-16',
      endDate: '2026-11-27',
      capacity: 10,
    })
    const done = await call('POST', '/tasks', {
      productId: product.id,
      kind: 'chore',
      title: '**bold** `code` [link](http://evil.example)',
    })
    await call('POST', `/tasks/${done.id}/move`, { status: 'done' })
    const stuck = await call('POST', '/tasks', { productId: product.id, kind: 'chore', title: '1. numbered' })
    await call('POST', `/tasks/${stuck.id}/move`, {
      status: 'blocked',
      blockedReason: 'line one\n## line two <script>alert(1)</script>',
    })
    t.clock.set('2026-11-16T09:00:00.000Z')
    const report = await call('GET', `/products/${product.id}/reports/weekly?week=2026-W46`)
    const md: string = report.markdown
    // Nothing typed opens a construct: every bracket, angle, backtick, asterisk is escaped.
    const opened = (construct: string) =>
      new RegExp(`(?<!\\\\)${construct.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).test(md)
    for (const raw of ['[Shop', '<img', '![pixel', '**bold', '`code', '[link', '<script', '\n## line two'])
      expect(opened(raw), raw).toBe(false)
    expect(md.split('\n')[0]).toBe('# Weekly report · \\# \\[Shop\\](javascript:alert(1)) · 2026-W46')
    expect(md).toContain(`${done.key} \\*\\*bold\\*\\* \\\`code\\\` \\[link\\](http://evil.example)`)
    expect(md).toContain(`${stuck.key} 1\\. numbered — blocked: line one ## line two \\<script\\>`)
    expect(md).toContain('- \\- \\<img src=x onerror=alert(1)\\> (2026-11-16 – 2026-11-27)')
    expect(md).toContain('Goal: \\!\\[pixel\\](http://tracker.example/p.png)')
    // The sections carry the text as typed: the page renders it as text.
    expect(report.sections.done[0].title).toBe('**bold** `code` [link](http://evil.example)')
    expect(sprint.name).toBe('- <img src=x onerror=alert(1)>')
  })
})
