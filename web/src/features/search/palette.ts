// The search palette's logic, kept free of the DOM so it can be tested alone: recognising an item key
// (mes-12 → MES-12), building the option list (jump, hits by kind, quick actions) and moving through it.

export interface SearchHit {
  kind: 'requirement' | 'task' | 'customer'
  id: number
  productId: number | null
  key: string | null
  title: string
  status: string | null
}

export interface QuickAction {
  id: string
  label: string
  /** Words the action also answers to (product name and key, the view's name in both languages). */
  keywords: string
  href: string
}

export type PaletteOption =
  | { type: 'jump'; id: string; key: string; href: string }
  | { type: 'hit'; id: string; hit: SearchHit; href: string }
  | { type: 'action'; id: string; action: QuickAction; href: string }

export type PaletteSection = 'jump' | 'requirement' | 'task' | 'customer' | 'action'

const ITEM_KEY = /^([a-z][a-z0-9]{1,9})-(\d{1,9})$/i

/** "mes-12", " MES-12 " → "MES-12"; anything that is not an item key → undefined. */
export function parseItemKey(query: string): string | undefined {
  const match = ITEM_KEY.exec(query.trim())
  if (!match) return undefined
  return `${match[1]!.toUpperCase()}-${Number(match[2])}`
}

/** Where a hit opens: requirements and tasks on their item page, customers on theirs. */
export function hitHref(ws: number, hit: SearchHit): string {
  if (hit.kind === 'customer') return `/w/${ws}/customers/${hit.id}`
  return `/w/${ws}/i/${hit.key ?? ''}`
}

/** Every word of the query appears in the action's label or keywords (case-insensitive). */
export function actionMatches(action: QuickAction, query: string): boolean {
  const haystack = `${action.label} ${action.keywords}`.toLowerCase()
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word))
}

const KIND_ORDER: SearchHit['kind'][] = ['requirement', 'task', 'customer']

/**
 * The options in display order: a direct jump when the query is a key, then hits grouped by kind
 * (requirements, tasks, customers; the server's order within each), then the quick actions that match
 * (all of them while the query is empty). A hit for the very key jumped to is not listed twice.
 */
export function buildOptions(
  ws: number,
  query: string,
  hits: readonly SearchHit[],
  actions: readonly QuickAction[],
): PaletteOption[] {
  const options: PaletteOption[] = []
  const key = parseItemKey(query)
  if (key) options.push({ type: 'jump', id: `jump:${key}`, key, href: `/w/${ws}/i/${key}` })
  if (query.trim()) {
    for (const kind of KIND_ORDER) {
      for (const hit of hits) {
        if (hit.kind !== kind || (key && hit.key === key)) continue
        options.push({ type: 'hit', id: `${hit.kind}:${hit.id}`, hit, href: hitHref(ws, hit) })
      }
    }
  }
  for (const action of actions) {
    if (!query.trim() || actionMatches(action, query))
      options.push({ type: 'action', id: `action:${action.id}`, action, href: action.href })
  }
  return options
}

export function sectionOf(option: PaletteOption): PaletteSection {
  if (option.type === 'hit') return option.hit.kind
  return option.type
}

/** Moves the active option by delta, wrapping around the ends; -1 when there is nothing to choose. */
export function moveActive(current: number, delta: number, count: number): number {
  if (count === 0) return -1
  if (current < 0) return delta > 0 ? 0 : count - 1
  return (((current + delta) % count) + count) % count
}

/** Ctrl+K, or ⌘K on a Mac. */
export function isPaletteShortcut(
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>,
) {
  return (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k'
}
