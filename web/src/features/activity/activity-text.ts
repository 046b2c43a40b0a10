// The activity history in words: "张伟 moved status planned → developing", "changed priority P2 → P1".
// Derived fields (rank, score, demand, timestamps) are left out; ids are shown by name when known.
import type { I18n } from '../../i18n'

export interface ActivityEntry {
  /** The item's own changes, or an attachment's ('attachment') shown in the item's history. */
  entityType?: string
  action: string
  automatic: boolean
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
}

export interface ActivityNames {
  iteration: (id: number) => string | undefined
  module: (id: number) => string | undefined
  release: (id: number) => string | undefined
  member: (id: number) => string | undefined
}

const IGNORED = new Set([
  'rank',
  'score',
  'demand',
  'askCount',
  'updatedAt',
  'createdAt',
  'version',
  'startedAt',
  'doneAt',
  'number',
  'id',
  'workspaceId',
  'productId',
  'createdBy',
])

type Translate = Pick<I18n, 't' | 'tryT' | 'formatDate'>

/** The phrases that say what happened (without the actor), in the current language. */
export function describeActivity(
  entry: ActivityEntry,
  entity: 'requirement' | 'task',
  names: ActivityNames,
  i18n: Translate,
): string[] {
  const { t } = i18n
  const before = entry.before ?? {}
  const after = entry.after ?? {}
  const statusWord = (value: unknown) =>
    i18n.tryT(`work.${entity === 'task' ? 'taskStatus' : 'requirementStatus'}.${String(value)}`) ??
    String(value)

  // A file attached to the item (or to one of its comments), or removed.
  if (entry.entityType === 'attachment') {
    const file = String((entry.action === 'deleted' ? before.name : after.name) ?? '')
    const onComment = (entry.action === 'deleted' ? before.target : after.target) === 'comment'
    if (entry.action === 'deleted') return [t('items.act.fileRemoved', { name: file })]
    return [t(onComment ? 'items.act.fileAttachedToComment' : 'items.act.fileAttached', { name: file })]
  }
  if (entry.action === 'created')
    return [t(entity === 'task' ? 'items.act.createdTask' : 'items.act.createdRequirement')]
  if (entry.action === 'deleted') return [t('items.act.deleted')]
  if (entry.action === 'imported')
    return [
      t('items.act.imported', {
        source: i18n.tryT(`items.importSource.${String(after.source)}`) ?? String(after.source ?? ''),
        key: String(after.key ?? ''),
        file: String(after.file ?? ''),
      }),
    ]
  if (entry.action === 'moved' && entity === 'requirement' && !('status' in after))
    return [t('items.act.reranked')]
  if (entry.action === 'moved' && entity === 'task' && before.status === after.status)
    return [t('items.act.reordered')]

  const phrases: string[] = []
  for (const field of Object.keys(after)) {
    if (IGNORED.has(field)) continue
    const phrase = describeField(field, before[field], after[field], entity, names, i18n, statusWord)
    if (phrase) phrases.push(phrase)
  }
  return phrases.length ? phrases : [t('items.act.updated')]
}

function describeField(
  field: string,
  from: unknown,
  to: unknown,
  entity: 'requirement' | 'task',
  names: ActivityNames,
  i18n: Translate,
  statusWord: (value: unknown) => string,
): string | undefined {
  const { t, tryT, formatDate } = i18n
  const none = t('items.act.none')
  const show = (value: unknown) =>
    value === null || value === undefined || value === '' ? none : String(value)
  switch (field) {
    case 'status':
      return t('items.act.status', { from: statusWord(from), to: statusWord(to) })
    case 'title':
      return t('items.act.renamed', { title: show(to) })
    case 'description':
      return t('items.act.description')
    case 'acceptanceCriteria':
      return t('items.act.acceptance')
    case 'rejectReason':
      return to ? t('items.act.rejectReason', { reason: String(to) }) : undefined
    case 'blockedReason':
      return to ? t('items.act.blockedReason', { reason: String(to) }) : undefined
    case 'pinned':
      return t(to ? 'items.act.pinned' : 'items.act.unpinned')
    case 'iterationId':
      return to === null || to === undefined
        ? t('items.act.iterationRemoved')
        : t('items.act.iteration', { name: names.iteration(Number(to)) ?? `#${to}` })
    case 'moduleId':
      return t('items.act.field', {
        field: t('work.terms.module'),
        from: from == null ? none : (names.module(Number(from)) ?? `#${from}`),
        to: to == null ? none : (names.module(Number(to)) ?? `#${to}`),
      })
    case 'releaseId':
      return t('items.act.field', {
        field: t('work.terms.release'),
        from: from == null ? none : (names.release(Number(from)) ?? `#${from}`),
        to: to == null ? none : (names.release(Number(to)) ?? `#${to}`),
      })
    case 'assigneeId':
      return to == null
        ? t('items.act.unassigned')
        : t('items.act.assigned', { name: names.member(Number(to)) ?? `#${to}` })
    case 'targetDate':
    case 'dueDate':
      return t('items.act.field', {
        field: t(field === 'dueDate' ? 'items.dueDate' : 'items.targetDate'),
        from: typeof from === 'string' && from ? formatDate(from) : none,
        to: typeof to === 'string' && to ? formatDate(to) : none,
      })
    case 'priority':
    case 'estimate':
    case 'effort':
    case 'value':
    case 'remaining':
    case 'role':
    case 'scenario':
      return t('items.act.field', { field: fieldLabel(field, t), from: show(from), to: show(to) })
    case 'source':
      return t('items.act.field', {
        field: t('items.source'),
        from: tryT(`work.source.${String(from)}`) ?? show(from),
        to: tryT(`work.source.${String(to)}`) ?? show(to),
      })
    case 'kind':
      return t('items.act.field', {
        field: t('items.kind'),
        from: tryT(`work.taskKind.${String(from)}`) ?? show(from),
        to: tryT(`work.taskKind.${String(to)}`) ?? show(to),
      })
    case 'category':
      return t('items.act.field', {
        field: t('items.category'),
        from: tryT(`work.category.${String(from)}`) ?? show(from),
        to: tryT(`work.category.${String(to)}`) ?? show(to),
      })
    case 'risk':
      return t('items.act.field', {
        field: t('items.risk'),
        from: tryT(`work.risk.${String(from)}`) ?? show(from),
        to: tryT(`work.risk.${String(to)}`) ?? show(to),
      })
    case 'requirementId':
      return entity === 'task' ? t('items.act.requirementLink') : undefined
    default:
      return undefined
  }
}

function fieldLabel(field: string, t: I18n['t']) {
  switch (field) {
    case 'priority':
      return t('backlog.colPriority')
    case 'estimate':
      return t('work.terms.estimate')
    case 'effort':
      return t('items.effort')
    case 'value':
      return t('items.value')
    case 'remaining':
      return t('items.remaining')
    case 'role':
      return t('items.role')
    default:
      return t('items.scenario')
  }
}
