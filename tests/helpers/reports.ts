// Helpers for the follow-up report tests: a domain app whose clock is moved day by day, and short
// calls for the things a constructed history needs (activate an iteration, re-estimate, move a task).
import { type Domain, domainApp, type Json } from './domain'

export type Reports = Awaited<ReturnType<typeof reportsApp>>

/** A fresh app (owner logged in) with helpers to build a history one day at a time. */
export async function reportsApp(start = '2026-10-30T09:00:00.000Z') {
  const d = await domainApp({ start })
  return withReports(d)
}

export function withReports(d: Domain) {
  /** Sets the clock: a bare date means 10:00 UTC that day. */
  const on = (date: string, time = '10:00:00.000') => {
    d.t.clock.set(date.length === 10 ? `${date}T${time}Z` : date)
  }
  const activate = (iterationId: number) => d.ok('PATCH', `/iterations/${iterationId}`, { status: 'active' })
  const close = (iterationId: number) => d.ok('PATCH', `/iterations/${iterationId}`, { status: 'closed' })
  const patchTask = (taskId: number, body: Record<string, unknown>) => d.ok('PATCH', `/tasks/${taskId}`, body)
  const status = (taskId: number, to: string, blockedReason?: string) =>
    d.move(taskId, blockedReason === undefined ? { status: to } : { status: to, blockedReason })
  /** Walks a task through the board to done, as people do (doing → review → done). */
  const finish = async (taskId: number) => {
    await status(taskId, 'doing')
    await status(taskId, 'review')
    await status(taskId, 'done')
  }
  const get = (path: string): Promise<Json> => d.ok('GET', path)
  const burndown = (iterationId: number) => get(`/iterations/${iterationId}/burndown`)
  const flow = (iterationId: number) => get(`/iterations/${iterationId}/flow`)
  const velocity = (productId: number) => get(`/products/${productId}/velocity`)
  const forecast = (productId: number, seed?: number) =>
    get(`/products/${productId}/forecast${seed === undefined ? '' : `?seed=${seed}`}`)
  const risks = (productId: number) => get(`/products/${productId}/risks`)
  const demand = (productId: number) => get(`/products/${productId}/demand`)
  const weekly = (productId: number, week: string, lang: 'en' | 'zh-CN' = 'en') =>
    get(`/products/${productId}/reports/weekly?week=${week}&lang=${lang}`)
  /** A requirement taken through the workflow to `to` (draft → reviewing → approved → … ). */
  const requirementAt = async (productId: number, to: string, fields: Record<string, unknown> = {}) => {
    const order = ['approved', 'planned', 'developing', 'testing', 'released', 'closed']
    const r = await d.requirement(productId, { status: 'approved', ...fields })
    const steps = order.slice(order.indexOf(r.status) + 1, order.indexOf(to) + 1)
    let current = r
    for (const step of steps) current = await d.transition(r.id, step)
    return current as Json
  }
  return {
    ...d,
    on,
    activate,
    close,
    patchTask,
    status,
    finish,
    burndown,
    flow,
    velocity,
    forecast,
    risks,
    demand,
    weekly,
    requirementAt,
  }
}

/** The days of a burndown as compact tuples [date, scope, done, remaining, ideal, scopeChange]. */
export const burnRows = (days: Json[]) =>
  days.map((d) => [d.date, d.scope, d.done, d.remaining, d.ideal, d.scopeChange])

/** The days of a cumulative flow as [date, todo, doing, review, blocked, done]. */
export const flowRows = (days: Json[]) =>
  days.map((d) => [d.date, d.todo, d.doing, d.review, d.blocked, d.done])
