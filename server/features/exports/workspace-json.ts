// The Keel workspace export, format "keel-workspace" version 1: everything a workspace holds, so that it
// can be imported into an EMPTY workspace with nothing lost. The `keel-json` importer reads this file.
//
// {
//   "format": "keel-workspace", "version": 1,
//   "exportedAt": ISO time, "app": { "name": "Keel", "version": "0.1.0" },
//   "workspace": { id, name, createdAt },
//   "users":        [{ id, name, email, member, roleId, productIds }]  people, by name and email only:
//                   members (member: true; productIds null = every product) and former members who still
//                   appear as authors or assignees (member: false, roleId null). No password hashes.
//   "roles":        [{ id, name, builtIn, permissions }]  builtIn: owner|admin|pm|developer|stakeholder|guest
//                   (the importer maps these to its own built-in roles) or null for a custom role.
//   "customers":    [{ id, name, industry, tier, contractValue, contact, note, createdAt, updatedAt }]
//   "products":     [{ id, key, name, description, lastNumber, createdAt, updatedAt }]
//   "modules":      [{ id, productId, parentId, name, createdAt }]  parents always before their children
//   "releases":     [{ id, productId, name, description, targetDate, status, releasedAt, createdAt, updatedAt }]
//   "iterations":   [{ id, productId, name, goal, startDate, endDate, capacity, stabilityBudgetPercent,
//                      status, releaseId, wipLimits, startedAt, closedAt, createdAt, updatedAt }]
//   "requirements": [{ id, productId, number, key, title, description, role, scenario, source, priority,
//                      value, effort, estimate, status, rejectReason, acceptanceCriteria: [{text, done}],
//                      moduleId, iterationId, releaseId, targetDate, pinned, rank, demand, score, askCount,
//                      createdBy, createdAt, updatedAt }]       in backlog order per product (rank)
//   "asks":         [{ id, requirementId, customerId, importance, note, askedOn, promisedDate, createdBy, createdAt }]
//   "tasks":        [{ id, productId, number, key, kind, title, description, requirementId, iterationId,
//                      status, blockedReason, category, risk, customerId, incidentRef, assigneeId, estimate,
//                      remaining, dueDate, rank, startedAt, doneAt, createdBy, createdAt, updatedAt }]
//   "comments":     [{ id, productId, entityType: requirement|task, entityId, authorId, authorName, body,
//                      createdAt, updatedAt }]   authorName is always filled (the user's name, or the
//                      original author of imported history)
//   "attachments":  [{ id, productId, entityType: requirement|task|comment, entityId, name, size, contentType,
//                      sha256, uploadedBy, createdAt }]  files on requirements, tasks and comments, named
//                      by the SHA-256 of their content. Optional: an export made before attachments has none.
//   "activity":     [{ id, productId, entityType, entityId, action, actorId, actorName, automatic, before,
//                      after, createdAt }]       oldest first; actorName as for comments
// }
//
// The JSON export (format=json) carries no file content. The archive (format=archive) is a zip of this
// document as `workspace.json` and, for each distinct file the attachments name, `files/<sha256>` holding
// exactly the bytes whose SHA-256 is its name (stored, not deflated). A file missing from the server's disk
// when exporting is simply left out of the zip (the server logs it); an importer then skips its
// attachments with a warning, as it does for every attachment of a JSON file without files.
//
// Rules an importer relies on:
// - Every `id` is the exporting workspace's id and only a reference inside this document; an importer
//   gives each record a new id and maps every reference through it. References: productId, parentId,
//   moduleId, iterationId, releaseId, requirementId, customerId, entityId (by entityType), and the user
//   references createdBy, assigneeId, authorId, actorId, uploadedBy (→ `users`; null = nobody or a
//   deleted user).
// - Inside activity `before`/`after` the same names hold the same kinds of ids (e.g. a task's
//   `iterationId`, `status`, `estimate`): remap them so burn-down and history keep working. An
//   attachment's history names what it is on as `target` + `targetId` and, for a file on a comment, the
//   comment's item as `type` + `id`.
// - Numbers (`number`, `key` = `<product key>-<number>`) and `rank` (fractional-indexing keys) are kept,
//   so item keys and backlog order survive; `lastNumber` is the product's counter.
// - `demand`, `score` and `askCount` are caches of the asks; an importer may recompute them.
// - An attachment's `size` and `contentType` describe its file as uploaded; an importer measures and types
//   the file it receives again and never trusts these.
// - Sections come in dependency order, so a streaming reader can resolve references as it goes.
// - Never exported: password hashes, sessions, API tokens, invites, share-link tokens, webhooks and their
//   secrets (or any key named like hash/secret/token/password inside activity snapshots).
import { z } from 'zod'
import {
  CUSTOMER_TIERS,
  IMPORTANCES,
  ITERATION_STATUSES,
  PRIORITIES,
  RELEASE_STATUSES,
  REQUIREMENT_STATUSES,
  RISKS,
  SOURCES,
  STABILITY_CATEGORIES,
  TASK_KINDS,
  TASK_STATUSES,
} from '../../../db/schema'
import { daysBetween } from '../../../domain/dates'
import { MAX_ITERATION_DAYS } from '../../../domain/limits'
import { ATTACHMENT_TARGETS } from '../../../domain/vocabulary'
import { DateOnly } from '../../lib/schemas'

export const WORKSPACE_EXPORT_FORMAT = 'keel-workspace'
export const WORKSPACE_EXPORT_VERSION = 1

const Ref = z.number().int()
const NullableRef = Ref.nullable()
const Time = z.string()
const Snapshot = z.record(z.string(), z.unknown()).nullable()

export const ExportUser = z.object({
  id: Ref,
  name: z.string(),
  email: z.string(),
  member: z.boolean(),
  roleId: NullableRef,
  productIds: z.array(Ref).nullable(),
})

export const ExportRole = z.object({
  id: Ref,
  name: z.string(),
  builtIn: z.string().nullable(),
  permissions: z.array(z.string()),
})

export const ExportCustomer = z.object({
  id: Ref,
  name: z.string(),
  industry: z.string(),
  tier: z.enum(CUSTOMER_TIERS),
  contractValue: z.number(),
  contact: z.string(),
  note: z.string(),
  createdAt: Time,
  updatedAt: Time,
})

export const ExportProduct = z.object({
  id: Ref,
  key: z.string(),
  name: z.string(),
  description: z.string(),
  lastNumber: z.number().int(),
  createdAt: Time,
  updatedAt: Time,
})

export const ExportModule = z.object({
  id: Ref,
  productId: Ref,
  parentId: NullableRef,
  name: z.string(),
  createdAt: Time,
})

export const ExportRelease = z.object({
  id: Ref,
  productId: Ref,
  name: z.string(),
  description: z.string(),
  targetDate: DateOnly,
  status: z.enum(RELEASE_STATUSES),
  releasedAt: Time.nullable(),
  createdAt: Time,
  updatedAt: Time,
})

export const ExportIteration = z
  .object({
    id: Ref,
    productId: Ref,
    name: z.string(),
    goal: z.string(),
    startDate: DateOnly,
    endDate: DateOnly,
    capacity: z.number(),
    stabilityBudgetPercent: z.number().int(),
    status: z.enum(ITERATION_STATUSES),
    releaseId: NullableRef,
    wipLimits: z.record(z.string(), z.number()),
    startedAt: Time.nullable(),
    closedAt: Time.nullable(),
    createdAt: Time,
    updatedAt: Time,
  })
  .refine((it) => it.endDate >= it.startDate && daysBetween(it.startDate, it.endDate) < MAX_ITERATION_DAYS, {
    message: `an iteration ends on or after its start, at most ${MAX_ITERATION_DAYS} days later`,
    path: ['endDate'],
  })

export const ExportRequirement = z.object({
  id: Ref,
  productId: Ref,
  number: z.number().int(),
  key: z.string(),
  title: z.string(),
  description: z.string(),
  role: z.string(),
  scenario: z.string(),
  source: z.enum(SOURCES),
  priority: z.enum(PRIORITIES),
  value: z.number(),
  effort: z.number().nullable(),
  estimate: z.number().nullable(),
  status: z.enum(REQUIREMENT_STATUSES),
  rejectReason: z.string().nullable(),
  acceptanceCriteria: z.array(z.object({ text: z.string(), done: z.boolean() })),
  moduleId: NullableRef,
  iterationId: NullableRef,
  releaseId: NullableRef,
  targetDate: DateOnly.nullable(),
  pinned: z.boolean(),
  rank: z.string(),
  demand: z.number(),
  score: z.number().nullable(),
  askCount: z.number().int(),
  createdBy: NullableRef,
  createdAt: Time,
  updatedAt: Time,
})

export const ExportAsk = z.object({
  id: Ref,
  requirementId: Ref,
  customerId: Ref,
  importance: z.enum(IMPORTANCES),
  note: z.string(),
  askedOn: DateOnly,
  promisedDate: DateOnly.nullable(),
  createdBy: NullableRef,
  createdAt: Time,
})

export const ExportTask = z.object({
  id: Ref,
  productId: Ref,
  number: z.number().int(),
  key: z.string(),
  kind: z.enum(TASK_KINDS),
  title: z.string(),
  description: z.string(),
  requirementId: NullableRef,
  iterationId: NullableRef,
  status: z.enum(TASK_STATUSES),
  blockedReason: z.string().nullable(),
  category: z.enum(STABILITY_CATEGORIES).nullable(),
  risk: z.enum(RISKS).nullable(),
  customerId: NullableRef,
  incidentRef: z.string().nullable(),
  assigneeId: NullableRef,
  estimate: z.number().nullable(),
  remaining: z.number().nullable(),
  dueDate: DateOnly.nullable(),
  rank: z.string(),
  startedAt: Time.nullable(),
  doneAt: Time.nullable(),
  createdBy: NullableRef,
  createdAt: Time,
  updatedAt: Time,
})

export const ExportComment = z.object({
  id: Ref,
  productId: Ref,
  entityType: z.enum(['requirement', 'task']),
  entityId: Ref,
  authorId: NullableRef,
  authorName: z.string().nullable(),
  body: z.string(),
  createdAt: Time,
  updatedAt: Time,
})

export const ExportAttachment = z.object({
  id: Ref,
  productId: Ref,
  entityType: z.enum(ATTACHMENT_TARGETS),
  entityId: Ref,
  name: z.string(),
  size: z.number().int().min(0),
  contentType: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 is 64 lower-case hexadecimal digits'),
  uploadedBy: NullableRef,
  createdAt: Time,
})

export const ExportActivity = z.object({
  id: Ref,
  productId: NullableRef,
  entityType: z.string(),
  entityId: Ref,
  action: z.string(),
  actorId: NullableRef,
  actorName: z.string().nullable(),
  automatic: z.boolean(),
  before: Snapshot,
  after: Snapshot,
  createdAt: Time,
})

/** The whole document; `WorkspaceExport.parse(JSON.parse(text))` validates a file before importing it. */
export const WorkspaceExport = z.object({
  format: z.literal(WORKSPACE_EXPORT_FORMAT),
  version: z.literal(WORKSPACE_EXPORT_VERSION),
  exportedAt: Time,
  app: z.object({ name: z.string(), version: z.string() }),
  workspace: z.object({ id: Ref, name: z.string(), createdAt: Time }),
  users: z.array(ExportUser),
  roles: z.array(ExportRole),
  customers: z.array(ExportCustomer),
  products: z.array(ExportProduct),
  modules: z.array(ExportModule),
  releases: z.array(ExportRelease),
  iterations: z.array(ExportIteration),
  requirements: z.array(ExportRequirement),
  asks: z.array(ExportAsk),
  tasks: z.array(ExportTask),
  comments: z.array(ExportComment),
  // Optional so that exports made before attachments existed still import: absent reads as none.
  attachments: z.array(ExportAttachment).default([]),
  activity: z.array(ExportActivity),
})

export type WorkspaceExport = z.infer<typeof WorkspaceExport>

/** The sections of the document in the order they are written (dependencies first). */
export const SECTIONS = [
  'users',
  'roles',
  'customers',
  'products',
  'modules',
  'releases',
  'iterations',
  'requirements',
  'asks',
  'tasks',
  'comments',
  'attachments',
  'activity',
] as const satisfies readonly (keyof WorkspaceExport)[]
