// GitHub issues as the REST API lists them (GET /repos/{owner}/{repo}/issues, a JSON array; a search
// result's {items} works too). Pull requests come in the same list and are skipped; labels give the
// kind and priority; milestones become releases.
import { parseDate, parseDateTime } from './dates'
import { blankItem, emptyParsed, ImportFailure, type ParsedFile } from './model'
import { pacer } from './pacer'

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '')

const TYPE_LABELS =
  /^(?:type|kind)?[:/ ]*\s*(bug|defect|enhancement|feature|story|epic|task|chore|documentation|docs|tech[- ]debt)$/i
const PRIORITY_LABELS = /^(?:priority|prio|pri)?[:/ -]*\s*(p[0-4]|critical|urgent|high|medium|normal|low)$/i
const STATUS_LABELS =
  /^(?:status|state)?[:/ ]*\s*(in progress|doing|in review|review|blocked|on hold|triage|needs triage)$/i

export async function parseGithubJson(root: unknown): Promise<ParsedFile> {
  const list = Array.isArray(root) ? root : isObject(root) && Array.isArray(root.items) ? root.items : null
  if (!list) throw new ImportFailure('Not a GitHub issues list: expected a JSON array of issues', {})
  const parsed = emptyParsed('github', 'github-json')
  const releases = new Map<string, ParsedFile['releases'][number]>()
  const pace = pacer()
  for (const [index, issue] of list.entries()) {
    await pace()
    const row = index + 1
    if (!isObject(issue) || typeof issue.number !== 'number' || typeof issue.title !== 'string') {
      throw new ImportFailure(`Issue ${row}: it has no "number" or "title"`, { row, column: 'number' })
    }
    if (issue.pull_request) {
      parsed.skipped++
      parsed.warnings.push({
        row,
        message: `#${issue.number} is a pull request: skipped`,
        code: 'pullRequest',
        params: { number: issue.number },
      })
      continue
    }
    const item = blankItem(row, `#${issue.number}`)
    item.title = issue.title
    item.description = str(issue.body)
    const labels = (Array.isArray(issue.labels) ? issue.labels : [])
      .map((l) => (isObject(l) ? str(l.name) : str(l)))
      .filter(Boolean)
    item.labels = labels
    const typeLabel = labels.find((l) => TYPE_LABELS.test(l))
    item.type = typeLabel ? typeLabel.match(TYPE_LABELS)![1]!.toLowerCase() : 'issue'
    const priorityLabel = labels.find((l) => PRIORITY_LABELS.test(l))
    item.priority = priorityLabel ? priorityLabel.match(PRIORITY_LABELS)![1]!.toLowerCase() : ''
    const state = str(issue.state)
    const statusLabel = labels.find((l) => STATUS_LABELS.test(l))
    item.status =
      state === 'closed'
        ? str(issue.state_reason) === 'not_planned'
          ? 'not planned'
          : 'closed'
        : statusLabel
          ? statusLabel.match(STATUS_LABELS)![1]!.toLowerCase()
          : 'open'
    item.statusCategory = state === 'closed' ? 'done' : 'new'
    const assignee = isObject(issue.assignee)
      ? issue.assignee
      : Array.isArray(issue.assignees)
        ? issue.assignees.find(isObject)
        : undefined
    item.assignee = assignee ? str(assignee.login) || null : null
    item.reporter = isObject(issue.user) ? str(issue.user.login) || null : null
    item.createdAt = parseDateTime(issue.created_at)
    item.updatedAt = parseDateTime(issue.updated_at)
    item.resolvedAt = parseDateTime(issue.closed_at)
    if (isObject(issue.milestone)) {
      const m = issue.milestone
      const key = `milestone-${str(m.number) || str(m.title)}`
      if (!releases.has(key))
        releases.set(key, {
          key,
          name: str(m.title),
          row,
          date: parseDate(m.due_on),
          released: str(m.state) === 'closed',
          description: str(m.description),
        })
      item.releaseKey = key
    }
    // The list endpoint gives only a comment count; a file that embeds the comments keeps them.
    if (Array.isArray(issue.comments)) {
      item.comments = issue.comments.filter(isObject).map((c, i) => ({
        key: `#${issue.number}#${str(c.id) || i + 1}`,
        author: isObject(c.user) ? str(c.user.login) : '',
        createdAt: parseDateTime(c.created_at),
        body: str(c.body),
      }))
    }
    parsed.items.push(item)
  }
  parsed.releases = [...releases.values()]
  return parsed
}
