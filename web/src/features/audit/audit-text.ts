// The audit log in words: an action's short phrase ("Failed sign-in"), what a target is, and a compact summary
// of an event's details (a reason, a sign-in method, the fields a change touched with before → after), so
// the raw JSON is only a disclosure away, never all there is.
import type { I18n } from '../../i18n'
import type { AuditEvent } from './queries'

type Words = Pick<I18n, 't' | 'tryT' | 'formatDateTime'>

/** An account's email by its id, when the page knows it (the instance's accounts). */
export type AccountName = (id: number) => string | undefined

/** "Failed sign-in" for `auth.login_failed`; an action this version does not know reads as itself. */
export const actionPhrase = (action: string, words: Words) => words.tryT(`audit.actions.${action}`) ?? action

/** "Account", "API token", "Role"… for a target's kind. */
export const targetKind = (type: string, words: Words) => words.tryT(`audit.targets.${type}`) ?? type

/**
 * The target as a person reads it: its name when the event kept one; for a membership, the account's email
 * from the record when the page knows it; else (`named` false) its kind and number.
 */
export function targetName(event: AuditEvent, words: Words, account?: AccountName) {
  if (event.targetLabel) return { text: event.targetLabel, named: true }
  if (!event.targetType) return { text: '', named: false }
  const record = event.details?.after ?? event.details?.before
  const userId = isRecord(record) && typeof record.userId === 'number' ? record.userId : undefined
  const email = userId === undefined ? undefined : account?.(userId)
  if (email) return { text: email, named: true }
  const kind = targetKind(event.targetType, words)
  return { text: event.targetId === null ? kind : `${kind} #${event.targetId}`, named: false }
}

/** Fields that hold an account's id. */
const ACCOUNT_FIELDS = new Set(['userId', 'invitedBy', 'createdBy'])
const MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/

/** Bookkeeping fields that say nothing about what changed. */
const QUIET_FIELDS = new Set(['id', 'version', 'createdAt', 'updatedAt', 'workspaceId', 'rank'])
/** The fields a record's label is taken from (server/lib/audit.ts): already shown as the target. */
const LABEL_FIELDS = new Set(['name', 'email', 'fileName'])
const MAX_FIELDS = 4
const MAX_TEXT = 48

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** A code this version has no words for, readable at least: `issuer_error` → "issuer error". */
const spaced = (code: string) => code.replace(/_/g, ' ')

const clip = (text: string) => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text)

const fieldName = (key: string, words: Words) => words.tryT(`audit.fields.${key}`) ?? key

/** One value, short: yes/no, a moment in the reader's time, an account's email, a few items or how many. */
function valueText(key: string, value: unknown, words: Words, account?: AccountName): string {
  if (key === 'productIds' && value === null) return words.t('audit.allProducts')
  if (value === null || value === undefined || value === '') return '—'
  if (typeof value === 'boolean') return value ? words.t('audit.yes') : words.t('audit.no')
  if (typeof value === 'number') return (ACCOUNT_FIELDS.has(key) && account?.(value)) || String(value)
  if (typeof value === 'string') {
    if (key === 'workspaceCreation') return words.tryT(`audit.workspaceCreation.${value}`) ?? value
    if (key === 'action') return value.endsWith('.') ? familyName(value, words) : actionPhrase(value, words)
    if (MOMENT.test(value) && !Number.isNaN(Date.parse(value))) return words.formatDateTime(value)
    return clip(value)
  }
  if (Array.isArray(value)) {
    if (value.length <= 3 && value.every((v) => typeof v === 'string' || typeof v === 'number'))
      return value.length ? value.join(', ') : '—'
    return words.t('audit.itemCount', { count: String(value.length) })
  }
  return clip(JSON.stringify(value))
}

/** "Sign-in" for `auth.`: a family of actions as the filter names it. */
const familyName = (family: string, words: Words) =>
  words.tryT(`audit.families.${family.slice(0, -1)}`) ?? family

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/** "Role: 3 → 5" for each field a change touched. */
function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  words: Words,
  account?: AccountName,
) {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])]
  return keys
    .filter((key) => !QUIET_FIELDS.has(key) && !same(before[key], after[key]))
    .map((key) =>
      words.t('audit.change', {
        field: fieldName(key, words),
        before: valueText(key, before[key], words, account),
        after: valueText(key, after[key], words, account),
      }),
    )
}

/** "Role: 5 · Limited to products: no" for the telling fields of a record made or removed. */
function recordFields(record: Record<string, unknown>, words: Words, account?: AccountName) {
  return Object.entries(record)
    .filter(([key, value]) => !QUIET_FIELDS.has(key) && !LABEL_FIELDS.has(key) && !isRecord(value))
    .map(([key, value]) =>
      words.t('audit.field', { field: fieldName(key, words), value: valueText(key, value, words, account) }),
    )
}

/** At most MAX_FIELDS parts, and how many more there are. */
function few(parts: string[], words: Words) {
  if (parts.length <= MAX_FIELDS) return parts
  return [
    ...parts.slice(0, MAX_FIELDS),
    words.t('audit.moreFields', { count: String(parts.length - MAX_FIELDS) }),
  ]
}

/**
 * The details of an event in a line: "wrong password", "with password", "a@x → b@x", "CSV · 120 events",
 * "Role: 3 → 5", account ids as their emails when `account` knows them. Empty when there is nothing to say
 * beyond the action and the target.
 */
export function detailsSummary(event: AuditEvent, words: Words, account?: AccountName): string {
  const details = event.details
  if (!details) return ''
  const parts: string[] = []
  const { reason, method, via, from, to, prefix, format, count, sheet, filter, before, after } = details
  if (typeof reason === 'string') parts.push(words.tryT(`audit.reasons.${reason}`) ?? spaced(reason))
  if (typeof method === 'string') parts.push(words.tryT(`audit.methods.${method}`) ?? spaced(method))
  if (typeof details.provider === 'string')
    parts.push(words.t('audit.provider', { provider: details.provider }))
  if (typeof via === 'string') parts.push(words.tryT(`audit.via.${via}`) ?? via)
  if (details.instanceOwner === true) parts.push(words.t('audit.asInstanceOwner'))
  if (typeof from === 'string' && typeof to === 'string') parts.push(`${from} → ${to}`)
  if (typeof prefix === 'string') parts.push(words.t('audit.tokenPrefix', { prefix }))
  if (typeof format === 'string') parts.push(format.toUpperCase())
  if (typeof sheet === 'string') parts.push(words.t('audit.sheet', { sheet }))
  if (typeof count === 'number') parts.push(words.t('audit.eventCount', { count: String(count) }))
  if (isRecord(filter)) {
    const set = Object.entries(filter).filter(([, value]) => value !== undefined && value !== null)
    parts.push(
      set.length
        ? words.t('audit.filteredBy', {
            filter: set
              .map(([key, value]) =>
                words.t('audit.field', { field: fieldName(key, words), value: valueText(key, value, words) }),
              )
              .join(words.t('audit.listSeparator')),
          })
        : words.t('audit.unfiltered'),
    )
  }
  if (isRecord(before) && isRecord(after))
    parts.push(...few(changedFields(before, after, words, account), words))
  else if (isRecord(after)) parts.push(...few(recordFields(after, words, account), words))
  else if (isRecord(before)) parts.push(...few(recordFields(before, words, account), words))
  return parts.join(' · ')
}
