// Bounds on every span and range a request can name (issue 13): one request must never take the server
// down. Dates lie in 2000–2100, an iteration spans at most a year (on create and on change, judged on
// the merged dates), report windows and weeks are bounded, and search text with control characters is
// refused — each with a 400 in the one error shape and nothing written.
import { describe, expect, it } from 'vitest'
import { DATE_WINDOW, MAX_ITERATION_DAYS } from '../../domain/limits'
import { domainApp, snapshot } from '../helpers/domain'

const NOW = '2026-11-26T08:00:00.000Z'

describe('iteration spans', () => {
  it('refuses an iteration of 0001-01-01 to 9999-12-31, and one day more than a year, on create', async () => {
    const d = await domainApp({ start: NOW })
    const p = await d.product()
    const before = await snapshot(d.t)
    for (const [startDate, endDate, says] of [
      ['0001-01-01', '9999-12-31', /between 2000-01-01 and 2100-12-31/],
      ['2026-01-01', '2027-01-02', new RegExp(`at most ${MAX_ITERATION_DAYS} days`)],
      ['1999-12-31', '2000-01-10', /between/],
      ['2100-12-25', '2101-01-05', /between/],
    ] as const) {
      const res = await d.api('POST', `/products/${p.id}/iterations`, {
        name: 'Forever',
        startDate,
        endDate,
        capacity: 10,
      })
      expect(res.status, `${startDate}–${endDate}`).toBe(400)
      expect(res.body.error.code).toBe('invalid_input')
      expect(JSON.stringify(res.body.error), `${startDate}–${endDate}`).toMatch(says)
    }
    expect(await snapshot(d.t)).toBe(before)
    // A whole leap year, first and last day included, is one time box too many days for nobody.
    const year = await d.iteration(p.id, { startDate: '2028-01-01', endDate: '2028-12-31' })
    expect(year.endDate).toBe('2028-12-31')
  })

  it('judges a change on the merged dates: moving only the end (or only the start) past a year is refused', async () => {
    const d = await domainApp({ start: NOW })
    const p = await d.product()
    const it = await d.iteration(p.id, { startDate: '2026-11-09', endDate: '2026-11-20' })
    const before = await snapshot(d.t)
    for (const change of [
      { endDate: '2027-11-10' },
      { startDate: '2025-11-19' },
      { endDate: '9999-12-31' },
    ]) {
      const res = await d.api('PATCH', `/iterations/${it.id}`, change)
      expect(res.status, JSON.stringify(change)).toBe(400)
      expect(res.body.error.code).toBe('invalid_input')
    }
    expect(await snapshot(d.t)).toBe(before)
    expect((await d.ok('PATCH', `/iterations/${it.id}`, { endDate: '2027-11-08' })).endDate).toBe(
      '2027-11-08',
    )
  })

  it('reads an iteration written before the rule no further than a year: its burndown and flow stay small', async () => {
    const d = await domainApp({ start: NOW })
    const p = await d.product()
    const it = await d.iteration(p.id, { startDate: '2026-11-02', endDate: '2026-11-13' })
    await d.task({ productId: p.id, iterationId: it.id, estimate: 3 })
    await d.ok('PATCH', `/iterations/${it.id}`, { status: 'active' })
    await d.t.sql('update iterations set start_date = ?, end_date = ? where id = ?', [
      '2026-01-01',
      '9999-12-31',
      it.id,
    ])
    const burndown = await d.ok('GET', `/iterations/${it.id}/burndown`)
    expect(burndown.days).toHaveLength(MAX_ITERATION_DAYS)
    expect(burndown.days.at(-1).date).toBe('2027-01-01')
    const flow = await d.ok('GET', `/iterations/${it.id}/flow`)
    expect(flow.days.length).toBeLessThanOrEqual(MAX_ITERATION_DAYS)
    expect((await d.ok('GET', `/products/${p.id}/velocity`)).iterations).toHaveLength(1)
  })
})

describe('dates everywhere a person can type one', () => {
  it('refuses dates outside the window on tasks, requirements, asks and releases', async () => {
    const d = await domainApp({ start: NOW })
    const p = await d.product()
    const r = await d.requirement(p.id)
    const c = await d.customer()
    const before = await snapshot(d.t)
    const cases: [string, string, unknown][] = [
      ['POST', '/tasks', { kind: 'chore', title: 'x', productId: p.id, dueDate: '9999-12-31' }],
      ['POST', '/tasks', { kind: 'chore', title: 'x', productId: p.id, dueDate: '1970-01-01' }],
      ['PATCH', `/requirements/${r.id}`, { targetDate: '0001-01-01' }],
      ['POST', `/requirements/${r.id}/asks`, { customerId: c.id, promisedDate: '2101-01-01' }],
      ['POST', `/products/${p.id}/releases`, { name: 'v9', targetDate: '9999-01-01' }],
    ]
    for (const [method, path, body] of cases) {
      const res = await d.api(method, path, body)
      expect(res.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(400)
      expect(res.body.error.code).toBe('invalid_input')
    }
    expect(await snapshot(d.t)).toBe(before)
    expect(DATE_WINDOW).toEqual({ min: '2000-01-01', max: '2100-12-31' })
  })

  it('bounds history and share windows: activity since, share expiry, and ISO weeks', async () => {
    const d = await domainApp({ start: NOW })
    const p = await d.product()
    for (const since of ['0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z', 'yesterday']) {
      const res = await d.api('GET', `/activity?since=${encodeURIComponent(since)}`)
      expect(res.status, since).toBe(400)
      expect(res.body.error.code).toBe('invalid_input')
    }
    expect(
      (await d.api('GET', `/activity?since=${encodeURIComponent('2026-11-01T08:00:00+08:00')}`)).status,
    ).toBe(200)
    const before = await snapshot(d.t)
    const far = await d.api('POST', '/share-links', { productId: p.id, expiresAt: '9999-12-31T00:00:00Z' })
    expect(far.status).toBe(400)
    expect(await snapshot(d.t)).toBe(before)
    for (const week of ['0001-W01', '1999-W52', '2101-W01', '2026-W00', '2026-W54']) {
      const res = await d.api('GET', `/products/${p.id}/reports/weekly?week=${week}`)
      expect(res.status, week).toBe(400)
      expect(res.body.error.code).toBe('invalid_input')
    }
  })

  it('bounds every page size', async () => {
    const d = await domainApp({ start: NOW })
    const p = await d.product()
    for (const path of [
      `/products/${p.id}/requirements?limit=100000`,
      '/tasks?limit=100000',
      '/activity?limit=100000',
      '/search?q=abc&limit=100000',
      `/products/${p.id}/requirements?limit=0`,
    ]) {
      const res = await d.api('GET', path)
      expect(res.status, path).toBe(400)
      expect(res.body.error.code).toBe('invalid_input')
    }
  })
})

describe('search text', () => {
  it('refuses control characters with a 400 (never a 500) in search, the backlog and customers', async () => {
    const d = await domainApp({ start: NOW })
    const p = await d.product()
    for (const q of ['\u0000', 'a\u0000b', '排产\u0007', '\u001b[31m', 'abc\u007f', '\u0085x']) {
      for (const path of ['/search', `/products/${p.id}/requirements`, '/customers']) {
        const res = await d.api('GET', `${path}?q=${encodeURIComponent(q)}`)
        expect(res.status, `${path} ${JSON.stringify(q)}`).toBe(400)
        expect(res.body.error.code).toBe('invalid_input')
        expect(JSON.stringify(res.body.error)).toMatch(/control characters/)
      }
    }
  })

  it('treats FTS5 syntax, quotes and LIKE wildcards as plain text', async () => {
    const d = await domainApp({ start: NOW })
    const p = await d.product()
    await d.requirement(p.id, { title: 'Scan "lot" 100% of AND parts' })
    const cases: [string, number][] = [
      ['"lot"', 1],
      ['100%', 1],
      ['of AND', 1],
      ['NEAR(a b)', 0],
      ['*', 0],
      ['a OR b', 0],
      ['title:x', 0],
      ['"', 1],
      ['%_', 0],
      ['\\', 0],
      ['^lot', 0],
      ['-', 0],
    ]
    for (const [q, hits] of cases) {
      const search = await d.api('GET', `/search?q=${encodeURIComponent(q)}`)
      expect(search.status, q).toBe(200)
      expect(search.body.items.length, q).toBe(hits)
      const backlog = await d.api('GET', `/products/${p.id}/requirements?q=${encodeURIComponent(q)}`)
      expect(backlog.status, q).toBe(200)
      expect(backlog.body.items.length, q).toBe(hits)
    }
  })
})
