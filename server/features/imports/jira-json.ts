// Jira REST search responses (GET /rest/api/2|3/search, optionally expand=names,schema,changelog).
// Custom fields have different ids on every server (Sprint is customfield_12310921 on Apache's Jira,
// customfield_10004 on Hyperledger's), so they are found by name or by schema type, from the response's
// `names`/`schema` sections or a `fields` list (GET /rest/api/2/field) sent along: never by a fixed id.
import { parseDate, parseDateTime } from './dates'
import { blankItem, emptyParsed, ImportFailure, numberOf, type ParsedFile, type SourceItem } from './model'
import { pacer } from './pacer'

interface FieldMeta {
  id: string
  name: string
  custom?: string
}

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '')

const SCHEMA = {
  sprint: 'com.pyxis.greenhopper.jira:gh-sprint',
  epicLink: 'com.pyxis.greenhopper.jira:gh-epic-link',
  storyPoints: 'com.pyxis.greenhopper.jira:jsw-story-points',
}

/** The field metadata of the response: `fields` (GET /field), else `names` + `schema` (expand). */
function fieldMeta(root: Json): FieldMeta[] {
  const out = new Map<string, FieldMeta>()
  if (Array.isArray(root.fields)) {
    for (const f of root.fields) {
      if (!isObject(f) || typeof f.id !== 'string') continue
      out.set(f.id, { id: f.id, name: str(f.name), custom: isObject(f.schema) ? str(f.schema.custom) : '' })
    }
  }
  const names = isObject(root.names) ? root.names : {}
  const schema = isObject(root.schema) ? root.schema : {}
  for (const id of new Set([...Object.keys(names), ...Object.keys(schema)])) {
    const s = schema[id]
    const known = out.get(id)
    out.set(id, {
      id,
      name: str(names[id]) || known?.name || '',
      custom: (isObject(s) ? str(s.custom) : '') || known?.custom || '',
    })
  }
  return [...out.values()]
}

/**
 * Candidate field ids for each agile field, best first. Deprecated/obsolete duplicates (Qt has three
 * "Epic Name [deprecated…]") come last; several "Story Points" fields (Atlassian's own Jira has three)
 * are all tried, the first with a value wins.
 */
function agileFields(meta: FieldMeta[]) {
  const score = (f: FieldMeta) => (/deprecated|obsolete/i.test(f.name) ? 1 : 0)
  const pick = (test: (f: FieldMeta) => boolean) =>
    meta
      .filter(test)
      .sort((a, b) => score(a) - score(b))
      .map((f) => f.id)
  const name = (f: FieldMeta) => f.name.trim().toLowerCase()
  return {
    sprint: pick((f) => f.custom === SCHEMA.sprint || name(f) === 'sprint'),
    epicLink: pick((f) => f.custom === SCHEMA.epicLink || name(f) === 'epic link'),
    storyPoints: [
      ...pick((f) => name(f) === 'story points'),
      ...pick(
        (f) =>
          f.custom === SCHEMA.storyPoints ||
          (name(f) === 'story point estimate' && f.custom !== SCHEMA.storyPoints),
      ),
    ].filter((id, i, all) => all.indexOf(id) === i),
  }
}

/** A sprint value: an object (newer servers) or Greenhopper's "…Sprint@1a2b[id=1,state=CLOSED,name=…]". */
function sprintOf(value: unknown): {
  id: string
  name: string
  state: string
  start: string | null
  end: string | null
  goal: string
} | null {
  if (isObject(value)) {
    return {
      id: str(value.id),
      name: str(value.name),
      state: str(value.state).toLowerCase(),
      start: parseDate(value.startDate),
      end: parseDate(value.endDate),
      goal: str(value.goal),
    }
  }
  const text = str(value)
  const body = text.match(/\[(.*)\]$/s)?.[1]
  if (!body) return text ? { id: '', name: text, state: '', start: null, end: null, goal: '' } : null
  const fields: Record<string, string> = {}
  // Values may contain commas (a sprint named "A, B"): split on ",key=" only.
  for (const part of body.split(/,(?=[a-zA-Z]+=)/)) {
    const eq = part.indexOf('=')
    if (eq > 0) fields[part.slice(0, eq)] = part.slice(eq + 1)
  }
  const clean = (v: string | undefined) => (v && v !== '<null>' ? v : '')
  return {
    id: clean(fields.id),
    name: clean(fields.name),
    state: clean(fields.state).toLowerCase(),
    start: parseDate(clean(fields.startDate)),
    end: parseDate(clean(fields.endDate)),
    goal: clean(fields.goal),
  }
}

/** Plain text of a description: API v2 sends a string, v3 an Atlassian Document Format tree. */
export function plainText(value: unknown): string {
  if (typeof value === 'string') return value
  if (!isObject(value)) return ''
  if (value.type === 'text') return str(value.text)
  if (value.type === 'hardBreak') return '\n'
  const inner = Array.isArray(value.content) ? value.content.map(plainText).join('') : ''
  const block = ['paragraph', 'heading', 'listItem', 'codeBlock', 'blockquote', 'rule'].includes(
    str(value.type),
  )
  return block ? `${inner}\n` : inner
}

const person = (v: unknown) =>
  (isObject(v) ? str(v.displayName) || str(v.emailAddress) || str(v.name) : '') || null

type AgileFields = ReturnType<typeof agileFields>

/** The sprints, releases and modules the issues name, each once by key, in the order first seen. */
interface Found {
  sprints: Map<string, ParsedFile['sprints'][number]>
  releases: Map<string, ParsedFile['releases'][number]>
  modules: Map<string, ParsedFile['modules'][number]>
}

export async function parseJiraJson(root: unknown): Promise<ParsedFile> {
  if (!isObject(root) || !Array.isArray(root.issues)) {
    throw new ImportFailure('Not a Jira search response: the JSON has no "issues" array', {
      column: 'issues',
    })
  }
  const parsed = emptyParsed('jira', 'jira-json')
  const agile = agileFieldsOf(root, root.issues, parsed)
  const found: Found = { sprints: new Map(), releases: new Map(), modules: new Map() }
  const seen = new Set<string>()
  const pace = pacer()

  for (const [index, issue] of root.issues.entries()) {
    await pace()
    const row = index + 1
    if (!isObject(issue) || !isObject(issue.fields) || !str(issue.key)) {
      throw new ImportFailure(`Issue ${row}: it has no "key" or no "fields"`, { row, column: 'key' })
    }
    const key = str(issue.key)
    if (seen.has(key)) {
      parsed.warnings.push({ row, column: 'key', message: `${key} appears again: skipped` })
      parsed.skipped++
      continue
    }
    seen.add(key)
    parsed.items.push(issueItem(issue, issue.fields, row, key, agile, found))
  }
  parsed.sprints = [...found.sprints.values()]
  parsed.releases = [...found.releases.values()]
  parsed.modules = [...found.modules.values()]
  return parsed
}

/** The agile fields of the response, from its field metadata; without it, warns and guesses the sprint. */
function agileFieldsOf(root: Json, issues: unknown[], parsed: ParsedFile): AgileFields {
  const meta = fieldMeta(root)
  const agile = agileFields(meta)
  const customIds = new Set(
    issues
      .flatMap((i) => (isObject(i) && isObject(i.fields) ? Object.keys(i.fields) : []))
      .filter((k) => k.startsWith('customfield_')),
  )
  if (customIds.size && !meta.length) {
    parsed.warnings.push({
      row: 1,
      message:
        'The file has custom fields but no field names (export with expand=names,schema, or add the "fields" list): sprints, story points and epic links are guessed from their values',
    })
  }
  // Without names, a sprint field is recognised by its values.
  if (!agile.sprint.length) {
    for (const id of customIds) {
      const sample = issues
        .map((i) => (isObject(i) && isObject(i.fields) ? i.fields[id] : undefined))
        .find((v) => v != null)
      const first = Array.isArray(sample) ? sample[0] : undefined
      if (
        /greenhopper\.service\.sprint\.Sprint@/.test(str(first)) ||
        (isObject(first) && 'boardId' in first && 'state' in first)
      )
        agile.sprint.push(id)
    }
  }
  return agile
}

/** One issue (its `fields` as `f`) as an item, with the sprint, release and module it is in. */
function issueItem(issue: Json, f: Json, row: number, key: string, agile: AgileFields, found: Found) {
  const item: SourceItem = blankItem(row, key)
  if (str(issue.id)) item.altKey = str(issue.id)
  item.title = str(f.summary)
  const issueType = isObject(f.issuetype) ? f.issuetype : {}
  item.type = str(issueType.name)
  const status = isObject(f.status) ? f.status : {}
  item.status = str(status.name)
  const categoryKey = isObject(status.statusCategory) ? str(status.statusCategory.key) : ''
  if (categoryKey === 'new' || categoryKey === 'indeterminate' || categoryKey === 'done')
    item.statusCategory = categoryKey
  item.priority = isObject(f.priority) ? str(f.priority.name) : ''
  item.description = plainText(f.description).trim()
  item.assignee = person(f.assignee)
  item.reporter = person(f.reporter) ?? person(f.creator)
  item.createdAt = parseDateTime(f.created)
  item.updatedAt = parseDateTime(f.updated)
  item.resolvedAt = parseDateTime(f.resolutiondate)
  item.dueDate = parseDate(f.duedate)
  item.labels = Array.isArray(f.labels) ? f.labels.map(str).filter(Boolean) : []
  for (const id of agile.storyPoints) {
    const n = numberOf(f[id])
    if (n !== null) {
      item.estimate = n
      break
    }
  }
  if (item.estimate === null) item.estimate = numberOf(f.story_points) ?? null
  if (isObject(f.parent)) item.parentKey = str(f.parent.key) || null
  for (const id of agile.epicLink) {
    const v = f[id]
    const epic = isObject(v) ? str(v.key) : str(v)
    if (epic) {
      item.epicKey = epic
      break
    }
  }
  placeItem(item, f, row, agile, found)
  const comments = isObject(f.comment) && Array.isArray(f.comment.comments) ? f.comment.comments : []
  item.comments = comments.filter(isObject).map((c, i) => ({
    key: `${key}#${str(c.id) || i + 1}`,
    author: person(c.author) ?? '',
    createdAt: parseDateTime(c.created),
    body: plainText(c.body).trim(),
  }))
  item.history = historyOf(issue)
  return item
}

/** The item's sprint (the last one it was in), release (its first fix version) and module (component). */
function placeItem(item: SourceItem, f: Json, row: number, agile: AgileFields, found: Found) {
  for (const id of agile.sprint) {
    const values = Array.isArray(f[id]) ? (f[id] as unknown[]) : f[id] != null ? [f[id]] : []
    const last = values
      .map(sprintOf)
      .filter((s) => s !== null)
      .at(-1)
    if (last) {
      const key = last.id ? `sprint-${last.id}` : `sprint:${last.name}`
      if (!found.sprints.has(key))
        found.sprints.set(key, {
          key,
          name: last.name || key,
          row,
          startDate: last.start,
          endDate: last.end,
          state: last.state || null,
          goal: last.goal,
        })
      item.sprintKey = key
      break
    }
  }
  const version = Array.isArray(f.fixVersions) ? f.fixVersions.find(isObject) : undefined
  if (version) {
    const name = str(version.name)
    const key = `version:${name}`
    if (!found.releases.has(key))
      found.releases.set(key, {
        key,
        name,
        row,
        date: parseDate(version.releaseDate),
        released: version.released === true,
        description: str(version.description),
      })
    item.releaseKey = key
  }
  const component = Array.isArray(f.components) ? f.components.find(isObject) : undefined
  if (component) {
    const name = str(component.name)
    const key = `component:${name}`
    if (!found.modules.has(key)) found.modules.set(key, { key, name, parentKey: null })
    item.moduleKey = key
  }
}

/** The changes in the issue's changelog (expand=changelog), one per changed field, in its order. */
function historyOf(issue: Json): SourceItem['history'] {
  const history: SourceItem['history'] = []
  const histories =
    isObject(issue.changelog) && Array.isArray(issue.changelog.histories) ? issue.changelog.histories : []
  for (const h of histories) {
    if (!isObject(h)) continue
    const at = parseDateTime(h.created)
    if (!at) continue
    for (const change of Array.isArray(h.items) ? h.items : []) {
      if (!isObject(change)) continue
      history.push({
        author: person(h.author) ?? '',
        createdAt: at,
        field: str(change.field),
        from: str(change.fromString) || null,
        to: str(change.toString) || null,
      })
    }
  }
  return history
}
