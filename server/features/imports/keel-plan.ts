// The plan of a Keel workspace import, shared by its two halves: keel-service.ts decides it (without
// writing) and keel-write.ts writes it. Also the records an import brings over and which history rows
// come with them.
import type { WorkspaceExport } from '../exports/workspace-json'
import type { RowMessage } from './model'

/** The records an import brings over, by their activity entityType, and the table holding each. */
export const TABLES = {
  product: 'products',
  module: 'modules',
  customer: 'customers',
  release: 'releases',
  iteration: 'iterations',
  requirement: 'requirements',
  ask: 'customer_asks',
  task: 'tasks',
  comment: 'comments',
  attachment: 'attachments',
} as const
export type EntityKind = keyof typeof TABLES
export const isEntityKind = (type: string): type is EntityKind => Object.hasOwn(TABLES, type)

export const KIND_COUNTS = [
  'product',
  'module',
  'customer',
  'release',
  'iteration',
  'requirement',
  'ask',
  'task',
  'comment',
  'attachment',
  'role',
  'history',
] as const
export type CountKind = (typeof KIND_COUNTS)[number]
export type KindCount = { created: number; updated: number; unchanged: number }

export interface Plan {
  /** `<workspace id>@<created at>/` of the exporting workspace: its records' external keys start with it. */
  source: string
  /** File product id → the target's product when an earlier import of this file made it. */
  linkedProducts: Map<number, number>
  /** File customer id → an existing customer (imported before, or the same name), else created. */
  existingCustomers: Map<number, number>
  linkedCustomers: Set<number>
  /** File user id → the member with that email who may be assigned the file's work; absent: nobody. */
  assignees: Map<number, number>
  roles: Map<number, number>
  rolesToCreate: WorkspaceExport['roles']
  /** The attachments to write (of new products, their file received and typed), with what was measured. */
  attachments: { attachment: WorkspaceExport['attachments'][number]; file: AttachmentFile }[]
  /** Whether anything of this file was imported before: history of deleted records comes only once. */
  reimport: boolean
  byKind: Record<CountKind, KindCount>
  skipped: number
  warnings: RowMessage[]
}

/** An attachment's file as this import received it: its name made safe, its size and type measured again. */
export interface AttachmentFile {
  name: string
  size: number
  contentType: string
}

/** Whether a history row comes over: its record is created now (or was deleted and this is a first import). */
export function importsHistory(
  plan: Plan,
  doc: WorkspaceExport,
  a: WorkspaceExport['activity'][number],
): boolean {
  if (!isEntityKind(a.entityType)) return false
  if (a.productId !== null) {
    const known = doc.products.some((p) => p.id === a.productId)
    return known ? !plan.linkedProducts.has(a.productId) : !plan.reimport
  }
  if (a.entityType !== 'customer') return !plan.reimport
  const known = doc.customers.some((c) => c.id === a.entityId)
  return known ? !plan.existingCustomers.has(a.entityId) : !plan.reimport
}
