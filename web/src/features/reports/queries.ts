// Reports: query keys and queries for the follow-up endpoints (burndown, flow, velocity, forecast, risks,
// demand, weekly report). Risks and demand come back as loose records: their row shapes are typed here.
import { queryOptions } from '@tanstack/solid-query'
import { api, type Ok, unwrap, wsParam } from '../../api'

export const reportKeys = {
  all: (ws: number) => ['workspaces', ws, 'reports'] as const,
  burndown: (ws: number, iterationId: number) =>
    ['workspaces', ws, 'reports', 'burndown', iterationId] as const,
  flow: (ws: number, iterationId: number) => ['workspaces', ws, 'reports', 'flow', iterationId] as const,
  velocity: (ws: number, productId: number) => ['workspaces', ws, 'reports', 'velocity', productId] as const,
  forecast: (ws: number, productId: number) => ['workspaces', ws, 'reports', 'forecast', productId] as const,
  risks: (ws: number, productId: number) => ['workspaces', ws, 'reports', 'risks', productId] as const,
  demand: (ws: number, productId: number) => ['workspaces', ws, 'reports', 'demand', productId] as const,
  weekly: (ws: number, productId: number, week: string, lang: string) =>
    ['workspaces', ws, 'reports', 'weekly', productId, week, lang] as const,
}

const iterationParam = (ws: number, id: number) => ({ ...wsParam(ws), id: String(id) })
const productParam = (ws: number, productId: number) => ({ ...wsParam(ws), productId: String(productId) })
const reports = api.workspaces[':ws']

const forecastCall = (ws: number, productId: number) =>
  reports.products[':productId'].forecast.$get({ param: productParam(ws, productId), query: {} })
const weeklyCall = (ws: number, productId: number, week: string, lang: 'zh-CN' | 'en') =>
  reports.products[':productId'].reports.weekly.$get({
    param: productParam(ws, productId),
    query: { week, lang },
  })

export type Forecast = Ok<Awaited<ReturnType<typeof forecastCall>>>
export type WeeklyReport = Ok<Awaited<ReturnType<typeof weeklyCall>>>

export interface Risks {
  blocked: {
    key: string
    title: string
    blockedReason?: string | null
    ageDays: number
    assigneeName?: string | null
  }[]
  overdue: { key: string; title: string; dueDate: string }[]
  stabilityBudget: { name: string; featureLoad: number; featureCapacity: number }[]
  stabilityTasks: {
    key: string
    title: string
    category?: string | null
    risk?: string | null
    status: string
  }[]
  unplannedCriticalAsks: { customer: { name: string }; requirement: { key: string; title: string } }[]
  scopeAdded: { name: string; pointsAdded: number }[]
  promisesAtRisk: {
    promisedDate: string
    forecastDate: string | null
    customer: { name: string }
    requirement: { key: string; title: string }
  }[]
}

export interface Demand {
  requirements: {
    key: string
    title: string
    status: string
    customerCount: number
    criticalCount: number
    contractValue: number
    weight: number
    industries: string[]
  }[]
  modules: { moduleId: number | null; customerCount: number; requirementCount: number; weight: number }[]
  industries: {
    industry: string
    customerCount: number
    askCount: number
    contractValue: number
    weight: number
  }[]
}

export const burndownQuery = (ws: number, iterationId: number) =>
  queryOptions({
    queryKey: reportKeys.burndown(ws, iterationId),
    queryFn: () =>
      unwrap(reports.iterations[':id'].burndown.$get({ param: iterationParam(ws, iterationId) })),
  })

export const flowQuery = (ws: number, iterationId: number) =>
  queryOptions({
    queryKey: reportKeys.flow(ws, iterationId),
    queryFn: () => unwrap(reports.iterations[':id'].flow.$get({ param: iterationParam(ws, iterationId) })),
  })

export const velocityQuery = (ws: number, productId: number) =>
  queryOptions({
    queryKey: reportKeys.velocity(ws, productId),
    queryFn: () =>
      unwrap(reports.products[':productId'].velocity.$get({ param: productParam(ws, productId) })),
  })

export const forecastQuery = (ws: number, productId: number) =>
  queryOptions({
    queryKey: reportKeys.forecast(ws, productId),
    queryFn: () => unwrap(forecastCall(ws, productId)),
  })

export const risksQuery = (ws: number, productId: number) =>
  queryOptions({
    queryKey: reportKeys.risks(ws, productId),
    // The route declares loose records; the service's rows have the shape of `Risks`.
    queryFn: async () =>
      (await unwrap(
        reports.products[':productId'].risks.$get({ param: productParam(ws, productId) }),
      )) as unknown as Risks,
  })

export const demandQuery = (ws: number, productId: number) =>
  queryOptions({
    queryKey: reportKeys.demand(ws, productId),
    queryFn: async () =>
      (await unwrap(
        reports.products[':productId'].demand.$get({ param: productParam(ws, productId) }),
      )) as unknown as Demand,
  })

export const weeklyQuery = (ws: number, productId: number, week: string, lang: 'zh-CN' | 'en') =>
  queryOptions({
    queryKey: reportKeys.weekly(ws, productId, week, lang),
    queryFn: () => unwrap(weeklyCall(ws, productId, week, lang)),
  })
