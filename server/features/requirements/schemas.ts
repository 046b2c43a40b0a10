// Request and response schemas for requirements and customer asks.
import { z } from '@hono/zod-openapi'
import { IMPORTANCES, PRIORITIES, REQUIREMENT_STATUSES, SOURCES } from '../../../db/schema'
import { csv, DateOnly, Id, ImportedFrom, Name, Points, SearchText, Text } from '../../lib/schemas'
import { SCORE_FORMULA } from './score'

export const RequirementStatus = z.enum(REQUIREMENT_STATUSES)
export const Priority = z.enum(PRIORITIES)

const Acceptance = z
  .array(z.object({ text: z.string().trim().min(1).max(2000), done: z.boolean().default(false) }))
  .max(100)

const fields = {
  title: Name,
  description: Text.optional(),
  role: z
    .string()
    .trim()
    .max(200)
    .optional()
    .openapi({ description: 'Who needs it, e.g. 车间班组长 / shift supervisor' }),
  scenario: z.string().max(2000).optional().openapi({ description: 'When and where they need it' }),
  source: z.enum(SOURCES).optional(),
  priority: Priority.optional(),
  value: z.number().int().min(1).max(10).optional(),
  effort: Points.nullable().optional(),
  estimate: Points.nullable().optional(),
  acceptanceCriteria: Acceptance.optional(),
  moduleId: Id.nullable().optional(),
  iterationId: Id.nullable().optional(),
  releaseId: Id.nullable().optional(),
  targetDate: DateOnly.nullable().optional(),
  pinned: z.boolean().optional(),
}

export const RequirementCreate = z.object({
  ...fields,
  status: z.enum(['draft', 'reviewing', 'approved']).optional(),
})
/** An edit's fields; the route adds the version the caller read (editRoute). */
export const RequirementPatch = z.object({ ...fields, title: Name.optional() })

const base = {
  id: z.number(),
  productId: z.number(),
  number: z.number(),
  key: z.string().openapi({ example: 'MES-42' }),
  title: z.string(),
  role: z.string(),
  scenario: z.string(),
  source: z.string(),
  priority: z.string(),
  value: z.number(),
  effort: z.number().nullable(),
  estimate: z.number().nullable(),
  status: z.string(),
  moduleId: z.number().nullable(),
  iterationId: z.number().nullable(),
  releaseId: z.number().nullable(),
  targetDate: z.string().nullable(),
  pinned: z.boolean(),
  rank: z.string(),
  score: z.number().nullable().openapi({ description: SCORE_FORMULA }),
  askCount: z.number(),
  updatedAt: z.string(),
  version: z.number(),
}

export const RequirementListItem = z.object(base).openapi('RequirementListItem')

export const Requirement = z
  .object({
    ...base,
    workspaceId: z.number(),
    description: z.string(),
    rejectReason: z.string().nullable(),
    acceptanceCriteria: z.array(z.object({ text: z.string(), done: z.boolean() })),
    demand: z.number(),
    createdBy: z.number().nullable(),
    createdAt: z.string(),
  })
  .openapi('Requirement')

export const Ask = z
  .object({
    id: z.number(),
    importance: z.string(),
    note: z.string(),
    askedOn: z.string(),
    promisedDate: z.string().nullable(),
    createdAt: z.string(),
    customer: z.object({
      id: z.number(),
      name: z.string(),
      industry: z.string(),
      tier: z.string(),
      contractValue: z.number(),
    }),
  })
  .openapi('CustomerAsk')

export const AskCreate = z.object({
  customerId: Id,
  importance: z.enum(IMPORTANCES).optional(),
  note: z.string().max(10_000).optional(),
  askedOn: DateOnly.optional(),
  promisedDate: DateOnly.nullable().optional(),
})

export const RequirementDetail = Requirement.extend({
  asks: z.array(Ask),
  importedFrom: ImportedFrom,
  tasks: z.array(
    z.object({
      id: z.number(),
      key: z.string(),
      title: z.string(),
      kind: z.string(),
      status: z.string(),
      assigneeId: z.number().nullable(),
      estimate: z.number().nullable(),
      iterationId: z.number().nullable(),
    }),
  ),
}).openapi('RequirementDetail')

export const RankBody = z
  .object({ beforeId: Id.optional(), afterId: Id.optional() })
  .refine((b) => (b.beforeId === undefined) !== (b.afterId === undefined), {
    message: 'Give exactly one of beforeId or afterId',
  })

export const TransitionBody = z.object({ to: RequirementStatus, reason: z.string().max(2000).optional() })

export const ListQuery = z.object({
  status: csv(RequirementStatus)
    .optional()
    .openapi({ type: 'string', description: 'Comma-separated statuses' }),
  priority: csv(Priority)
    .optional()
    .openapi({ type: 'string', description: 'Comma-separated priorities (P0–P3)' }),
  moduleId: Id.optional(),
  iterationId: z
    .union([z.literal('none'), Id])
    .optional()
    .openapi({ description: 'An iteration id, or "none" for unplanned requirements' }),
  releaseId: Id.optional(),
  customerId: Id.optional(),
  q: SearchText.optional(),
  sort: z.enum(['rank', 'score', 'priority', 'updated', 'created']).default('rank'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z
    .string()
    .regex(/^\d{1,9}$/)
    .optional(),
})
