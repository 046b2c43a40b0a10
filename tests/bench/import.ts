// Import benchmark: a Jira search response of 10,000 issues (epics, stories, sub-tasks, bugs, sprints,
// versions, components, comments, changelog) imported into an empty product on a file database, through
// the real HTTP route in-process. The target is under 10 s. `npx tsx tests/bench/import.ts [count]` runs
// it alone; `npm run bench` runs it after the HTTP scenarios.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStore } from '../../db/store'
import { createApp } from '../../server/app'

const ORIGIN = 'http://localhost'

/** A deterministic Jira search response (API v2 shapes, Apache's custom-field ids, with names/schema). */
export function jiraSearch(count: number) {
  const sprints = Array.from({ length: 20 }, (_, i) => ({
    id: 100 + i,
    name: `Sprint ${i + 1}`,
    state: i < 18 ? 'closed' : i === 18 ? 'active' : 'future',
    startDate: new Date(Date.UTC(2024, 0, 1 + i * 14)).toISOString(),
    endDate: new Date(Date.UTC(2024, 0, 14 + i * 14)).toISOString(),
  }))
  const statuses = [
    ['To Do', 'new'],
    ['In Progress', 'indeterminate'],
    ['In Review', 'indeterminate'],
    ['Done', 'done'],
  ] as const
  const priorities = ['Blocker', 'Critical', 'Major', 'Minor', 'Trivial']
  const issues = []
  let epic = ''
  let story = ''
  for (let n = 1; n <= count; n++) {
    const key = `BENCH-${n}`
    const kind = n % 50 === 1 ? 'Epic' : n % 5 === 1 ? 'Story' : n % 7 === 0 ? 'Bug' : 'Sub-task'
    const [status, category] = statuses[n % statuses.length]!
    const created = new Date(Date.UTC(2024, 0, 1) + n * 600_000).toISOString().replace('Z', '+0000')
    const fields: Record<string, unknown> = {
      summary: `${kind} ${n}: 排产计划 line ${n % 97} station ${n % 13}`,
      issuetype: { name: kind, subtask: kind === 'Sub-task' },
      status: { name: status, statusCategory: { key: category } },
      priority: { name: priorities[n % priorities.length] },
      reporter: { displayName: `Reporter ${n % 17}` },
      assignee: n % 3 ? { displayName: `Dev ${n % 11}` } : null,
      created,
      updated: created,
      resolutiondate: status === 'Done' ? created : null,
      description: `As an operator I need item ${n} so that the line keeps its takt time.\n\nDetails ${'…'.repeat(n % 40)}`,
      labels: n % 4 ? ['mes'] : [],
      components: [{ name: `Module ${n % 12}` }],
      fixVersions: [
        {
          name: `v${1 + (n % 6)}.0`,
          releaseDate: `2024-${String(1 + (n % 6) * 2).padStart(2, '0')}-15`,
          released: n % 6 < 3,
        },
      ],
      customfield_12310921: kind === 'Epic' ? null : [sprints[n % sprints.length]],
      customfield_12310293: kind === 'Story' ? (n % 8) + 1 : kind === 'Sub-task' ? (n % 3) + 1 : null,
      comment: {
        comments:
          n % 2
            ? [
                {
                  id: String(n),
                  author: { displayName: `Reviewer ${n % 5}` },
                  body: `Checked on line ${n % 97}`,
                  created,
                },
              ]
            : [],
      },
    }
    if (kind === 'Epic') epic = key
    if (kind === 'Story') {
      story = key
      fields.customfield_12311120 = epic
    }
    if (kind === 'Sub-task') fields.parent = { key: story }
    if (kind === 'Bug') fields.customfield_12311120 = epic
    issues.push({
      id: String(1_000_000 + n),
      key,
      fields,
      changelog: {
        histories:
          status === 'To Do'
            ? []
            : [
                {
                  author: { displayName: `Dev ${n % 11}` },
                  created,
                  items: [{ field: 'status', fromString: 'To Do', toString: status }],
                },
              ],
      },
    })
  }
  return {
    startAt: 0,
    maxResults: count,
    total: count,
    issues,
    names: {
      customfield_12310921: 'Sprint',
      customfield_12310293: 'Story Points',
      customfield_12311120: 'Epic Link',
    },
    schema: {
      customfield_12310921: { type: 'array', custom: 'com.pyxis.greenhopper.jira:gh-sprint' },
      customfield_12310293: {
        type: 'number',
        custom: 'com.atlassian.jira.plugin.system.customfieldtypes:float',
      },
      customfield_12311120: { type: 'any', custom: 'com.pyxis.greenhopper.jira:gh-epic-link' },
    },
  }
}

export interface ImportBenchResult {
  issues: number
  megabytes: number
  /** Upload, parse, plan and one write transaction, as the HTTP route answers it. */
  applyMs: number
  dryRunMs: number
  /** The same file again: every record matched by key and updated. */
  reimportMs: number
  created: number
}

export async function benchImport(count = 10_000): Promise<ImportBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'keel-import-bench-'))
  const store = openStore({ path: join(dir, 'keel.db') })
  const app = createApp({ store })
  try {
    const setup = await app.request(`${ORIGIN}/api/setup`, {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/json' },
      body: JSON.stringify({
        workspaceName: 'Bench',
        name: 'Bench',
        email: 'bench@example.com',
        password: 'bench password',
      }),
    })
    const cookie = setup.headers.get('set-cookie')?.match(/keel_session=[^;]+/)?.[0] ?? ''
    const ws = ((await setup.json()) as { workspace: { id: number } }).workspace.id
    const headers = { origin: ORIGIN, cookie }
    const product = await app.request(`${ORIGIN}/api/workspaces/${ws}/products`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ key: 'BENCH', name: 'Bench' }),
    })
    const productId = ((await product.json()) as { id: number }).id
    const bytes = new TextEncoder().encode(JSON.stringify(jiraSearch(count)))
    const send = async (dryRun: boolean) => {
      const form = new FormData()
      form.set('file', new File([bytes], 'jira.json'))
      form.set('productId', String(productId))
      form.set('dryRun', String(dryRun))
      const started = performance.now()
      const res = await app.request(`${ORIGIN}/api/workspaces/${ws}/imports`, {
        method: 'POST',
        headers,
        body: form,
      })
      const body = (await res.json()) as { counts: { created: number } }
      if (res.status !== 200)
        throw new Error(`import failed: ${res.status} ${JSON.stringify(body).slice(0, 500)}`)
      return { ms: Math.round(performance.now() - started), created: body.counts.created }
    }
    const dryRun = await send(true)
    const apply = await send(false)
    const again = await send(false)
    return {
      issues: count,
      megabytes: Math.round((bytes.byteLength / 1024 / 1024) * 10) / 10,
      applyMs: apply.ms,
      dryRunMs: dryRun.ms,
      reimportMs: again.ms,
      created: apply.created,
    }
  } finally {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[1]?.endsWith('import.ts')) {
  const result = await benchImport(Number(process.argv[2] ?? 10_000))
  console.log(
    `import of ${result.issues} Jira issues (${result.megabytes} MB): apply ${result.applyMs} ms (target < 10000), dry run ${result.dryRunMs} ms, re-import ${result.reimportMs} ms, ${result.created} rows created`,
  )
  process.exit(0)
}
