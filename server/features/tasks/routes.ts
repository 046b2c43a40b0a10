// HTTP routes for tasks and moving them across the board.
import { z } from '@hono/zod-openapi'
import { RISKS, STABILITY_CATEGORIES, TASK_KINDS, TASK_STATUSES } from '../../../db/schema'
import { deleted, deleteRoute, edited, editRoute, newApp, route, serviceContext } from '../../lib/route'
import {
  csv,
  DateOnly,
  errors,
  Id,
  IfMatch,
  ImportedFrom,
  json,
  jsonBody,
  Name,
  nextCursor,
  Points,
  Text,
  WsIdParams,
  WsParams,
} from '../../lib/schemas'
import * as service from './service'

const tags = ['Tasks']

const fields = {
  kind: z.enum(TASK_KINDS),
  title: Name,
  description: Text.optional(),
  requirementId: Id.nullable().optional(),
  iterationId: Id.nullable().optional(),
  category: z
    .enum(STABILITY_CATEGORIES)
    .nullable()
    .optional()
    .openapi({ description: 'Stability tasks only' }),
  risk: z.enum(RISKS).nullable().optional(),
  customerId: Id.nullable()
    .optional()
    .openapi({ description: 'Stability follow-ups: the customer affected' }),
  incidentRef: z
    .string()
    .trim()
    .max(200)
    .nullable()
    .optional()
    .openapi({ description: 'The incident or site followed up' }),
  assigneeId: Id.nullable()
    .optional()
    .openapi({ description: 'A user id of a member who may see the product' }),
  estimate: Points.nullable().optional(),
  remaining: Points.nullable().optional(),
  dueDate: DateOnly.nullable().optional(),
}

export const Task = z
  .object({
    id: z.number(),
    workspaceId: z.number(),
    productId: z.number(),
    number: z.number(),
    kind: z.string(),
    title: z.string(),
    description: z.string(),
    requirementId: z.number().nullable(),
    iterationId: z.number().nullable(),
    status: z.string(),
    blockedReason: z.string().nullable(),
    category: z.string().nullable(),
    risk: z.string().nullable(),
    customerId: z.number().nullable(),
    incidentRef: z.string().nullable(),
    assigneeId: z.number().nullable(),
    estimate: z.number().nullable(),
    remaining: z.number().nullable(),
    dueDate: z.string().nullable(),
    rank: z.string(),
    startedAt: z.string().nullable(),
    doneAt: z.string().nullable(),
    createdBy: z.number().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number(),
  })
  .openapi('Task')

const TaskDetail = Task.extend({
  key: z.string(),
  requirement: z
    .object({
      id: z.number().nullable(),
      title: z.string().nullable(),
      number: z.number().nullable(),
      status: z.string().nullable(),
    })
    .nullable(),
  assignee: z.object({ id: z.number().nullable(), name: z.string().nullable() }).nullable(),
  importedFrom: ImportedFrom,
}).openapi('TaskDetail')

const TaskRow = z
  .object({
    id: z.number(),
    key: z.string(),
    productId: z.number(),
    title: z.string(),
    kind: z.string(),
    status: z.string(),
    category: z.string().nullable(),
    risk: z.string().nullable(),
    requirementId: z.number().nullable(),
    iterationId: z.number().nullable(),
    assigneeId: z.number().nullable(),
    assigneeName: z.string().nullable(),
    estimate: z.number().nullable(),
    dueDate: z.string().nullable(),
    blockedReason: z.string().nullable(),
    updatedAt: z.string(),
    version: z.number(),
  })
  .openapi('TaskListItem')

const ListQuery = z.object({
  assignee: z
    .union([z.literal('me'), Id])
    .optional()
    .openapi({ description: 'A user id, or "me"' }),
  status: csv(z.enum(TASK_STATUSES))
    .optional()
    .openapi({ type: 'string', description: 'Comma-separated statuses' }),
  kind: csv(z.enum(TASK_KINDS)).optional().openapi({ type: 'string', description: 'Comma-separated kinds' }),
  productId: Id.optional(),
  iterationId: Id.optional(),
  overdue: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ description: 'Only open tasks past their due date' }),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z
    .string()
    .regex(/^\d{1,9}$/)
    .optional(),
})

export const taskRoutes = newApp()
  .openapi(
    route('task.view', {
      method: 'get',
      path: '/workspaces/{ws}/tasks',
      tags,
      summary: 'Tasks across the workspace: mine, blocked, overdue… (due date first)',
      request: { params: WsParams, query: ListQuery },
      responses: {
        200: json(z.object({ items: z.array(TaskRow), nextCursor: z.string().nullable() })),
        ...errors,
      },
    }),
    async (c) => {
      const ctx = serviceContext(c)
      const q = c.req.valid('query')
      const offset = Number(q.cursor ?? 0)
      const items = await service.listTasks(ctx, {
        assigneeId: q.assignee === 'me' ? ctx.user.id : q.assignee,
        statuses: q.status,
        kinds: q.kind,
        productId: q.productId,
        iterationId: q.iterationId,
        dueBefore: q.overdue === 'true' ? ctx.deps.clock.now().toISOString().slice(0, 10) : undefined,
        limit: q.limit,
        offset,
      })
      return c.json({ items, nextCursor: nextCursor(offset, q.limit, items.length) }, 200)
    },
  )
  .openapi(
    route('task.create', {
      method: 'post',
      path: '/workspaces/{ws}/tasks',
      tags,
      summary: 'Create a task (feature tasks need a requirement, stability tasks a category)',
      request: { params: WsParams, body: jsonBody(z.object({ ...fields, productId: Id })) },
      responses: { 201: json(Task.extend({ key: z.string() }), 'Created'), ...errors },
    }),
    async (c) => c.json(await service.createTask(serviceContext(c), c.req.valid('json')), 201),
  )
  .openapi(
    route('task.view', {
      method: 'get',
      path: '/workspaces/{ws}/tasks/{id}',
      tags,
      summary: 'One task',
      request: { params: WsIdParams },
      responses: { 200: json(TaskDetail), ...errors },
    }),
    async (c) => c.json(await service.getTask(serviceContext(c), c.req.valid('param').id), 200),
  )
  .openapi(
    editRoute('task.update', {
      path: '/workspaces/{ws}/tasks/{id}',
      tags,
      summary: 'Edit a task (changing the assignee also needs task.assign)',
      body: z.object({ ...fields, kind: z.enum(TASK_KINDS).optional(), title: Name.optional() }),
      response: Task,
    }),
    edited(service.updateTask),
  )
  .openapi(
    deleteRoute('task.delete', {
      path: '/workspaces/{ws}/tasks/{id}',
      tags,
      summary: 'Delete a task',
    }),
    deleted(service.deleteTask),
  )
  .openapi(
    route('task.update_status', {
      method: 'post',
      path: '/workspaces/{ws}/tasks/{id}/move',
      tags,
      summary: 'Move a task to a column, before or after another card there (blocked needs a reason: 400)',
      request: {
        params: WsIdParams,
        headers: IfMatch,
        body: jsonBody(
          z.object({
            status: z.enum(TASK_STATUSES),
            beforeId: Id.optional(),
            afterId: Id.optional(),
            blockedReason: z.string().max(2000).optional(),
            version: z.number().int().optional(),
          }),
        ),
      },
      responses: { 200: json(Task), ...errors },
    }),
    edited(service.moveTask),
  )
