// The plan of a file import (Jira, ZenTao, GitHub, spreadsheets): what each record of the file becomes,
// decided by plan.ts (and plan-structure.ts) without writing and written by write-plan.ts; with the counts
// the result reports and what every step of planning shares.
import type { Db } from '../../../db/client'
import type { ExternalEntityType } from '../../../db/schema'
import type { EffectiveMapping, ItemType } from './mapping'
import type { ParsedFile, RowMessage, SourceItem } from './model'
import type { ExistingRequirement, ExistingTask } from './repo'

export const TITLE_MAX = 200

export type KindCount = { created: number; updated: number; unchanged: number }
export const KINDS = ['requirement', 'task', 'iteration', 'release', 'module', 'comment'] as const
export type Kind = (typeof KINDS)[number]

/** An entity id: positive for a row that exists, negative for one the import will create. */
export type Ref = number

export interface PlannedItem {
  item: SourceItem
  type: Exclude<ItemType, 'skip'>
  entity: 'requirement' | 'task'
  ref: Ref
  existing: ExistingRequirement | ExistingTask | undefined
  /** For tasks: the requirement it hangs off. */
  requirementRef: Ref | null
}

export interface Plan {
  modules: { ref: Ref; key: string; name: string; parent: Ref | null; isNew: boolean }[]
  releases: {
    ref: Ref
    key: string
    isNew: boolean
    name: string
    description: string
    targetDate: string
    status: string
    releasedAt: string | null
  }[]
  iterations: {
    ref: Ref
    key: string
    isNew: boolean
    name: string
    goal: string
    startDate: string
    endDate: string
    capacity: number
    status: string
    startedAt: string | null
    closedAt: string | null
  }[]
  items: PlannedItem[]
  moduleOf: Map<string, Ref>
  releaseOf: Map<string, Ref>
  iterationOf: Map<string, Ref>
  assignees: Map<string, number | null>
  existingComments: Map<number, string>
  refs: Map<string, number>
  byKind: Record<Kind, KindCount>
  skipped: number
  warnings: RowMessage[]
  errors: RowMessage[]
}

export const refKey = (type: ExternalEntityType, key: string) => `${type}\u0000${key}`
export const emptyCounts = () =>
  Object.fromEntries(KINDS.map((k) => [k, { created: 0, updated: 0, unchanged: 0 }])) as Record<
    Kind,
    KindCount
  >

export interface Scope {
  workspaceId: number
  productId: number
  userId: number
  /** Whether the importer may assign tasks (task.assign), as the API requires. */
  canAssign: boolean
  now: string
}

/** What every step of planning reads, and the counts and messages they add to. */
export interface Planning {
  /** Where the plan reads the product's rows: the write's `tx`, or the reader for a preview. */
  db: Db
  scope: Scope
  parsed: ParsedFile
  mapping: EffectiveMapping
  today: string
  refs: Map<string, number>
  byKind: Record<Kind, KindCount>
  warnings: RowMessage[]
  errors: RowMessage[]
  /** A new ref for a row the import will create: -1, -2, … */
  placeholder: () => Ref
  count: (kind: Kind, isNew: boolean) => void
}
