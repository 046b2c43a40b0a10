// SQL for search: FTS5 with the trigram tokenizer for 3+ characters, LIKE for shorter queries
// (trigrams cannot match one or two characters, which matters for Chinese: "排产").

import { type SQL, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { dialectOf } from '../../../db/dialect'
import { rows, runText } from '../../../db/query'
import { itemKeyText } from '../../lib/sql'

export interface SearchHit {
  kind: 'requirement' | 'task' | 'customer'
  id: number
  productId: number | null
  key: string | null
  title: string
  status: string | null
  /** The key the item had in the system it was imported from, when the search matched it. */
  importedKey?: string
}

/**
 * How many of the newest matches a full-text search ranks. The cost grows with it (a term matching 44,000
 * items at the benchmark's L size: 1.4 ms at 500, 0.65 ms at 200); a term that common is refined anyway.
 */
const RANK_WINDOW = 200

const REQUIREMENT_KEY = sql.raw(itemKeyText('p.key', 'r.number'))
const TASK_KEY = sql.raw(itemKeyText('p.key', 't.number'))

const list = (values: readonly (string | number)[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )

/** Whether any item of the workspace was imported under the key (as typed or in capitals). */
const KEY_PROBE = 'select 1 from external_refs where workspace_id = ? and external_key in (?, ?) limit 1'

export const searchRepo = {
  async search(
    db: Db,
    f: {
      workspaceId: number
      q: string
      kinds: readonly string[]
      productIds: readonly number[] | null
      limit: number
    },
  ): Promise<SearchHit[]> {
    if (!f.kinds.length) return []
    const scope: SQL[] = [sql`workspace_id = ${f.workspaceId}`, sql`kind in (${list(f.kinds)})`]
    if (f.productIds) {
      scope.push(
        f.productIds.length
          ? sql`(product_id is null or product_id in (${list(f.productIds)}))`
          : sql`product_id is null`,
      )
    }
    // Several words are matched together ("OEE 导出": items with both), each anywhere in the title or body.
    // Words of 3+ characters go through the trigram index; shorter ones (trigrams cannot match one or two
    // characters, which matters for Chinese) are checked with LIKE on the rows the index found, or alone.
    const words = [...new Set(f.q.trim().split(/\s+/).filter(Boolean))]
    const long = words.filter((w) => [...w].length >= 3)
    const short = words
      .filter((w) => [...w].length < 3)
      .map((w) => {
        const pattern = `%${w.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`
        return sql`(title like ${pattern} escape '\\' or body like ${pattern} escape '\\')`
      })
    const first = long[0] ?? words[0] ?? ''
    let hits: SQL
    if (dialectOf(db).engine === 'postgres') {
      // Every word through the trigram indexes (pg_trgm serves ILIKE, short words too, less sharply); the
      // newest RANK_WINDOW matches ranked as on SQLite.
      const each = words.map((w) => {
        const pattern = `%${w.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`
        return sql`(title ilike ${pattern} escape '\\' or body ilike ${pattern} escape '\\')`
      })
      hits = sql`select kind, ref_id, product_id, title from (
          select id, kind, ref_id, product_id, title from search_index
          where ${sql.join([...scope, ...each], sql` and `)}
          order by id desc limit ${RANK_WINDOW}) newest
        order by position(lower(${first}) in lower(title)) = 0, length(title), id desc limit ${f.limit}`
    } else if (long.length) {
      // bm25 ranks every match, and a common term matches tens of thousands of items (~100 ms at the
      // benchmark's L size, ~1 ms this way): rank only the newest RANK_WINDOW matches, which FTS5 finds
      // in rowid order without reading the rest: title hits first, then shorter titles (the term is more
      // of the title), then newer.
      const phrases = long.map((w) => `"${w.replaceAll('"', '""')}"`).join(' ')
      hits = sql`select kind, ref_id, product_id, title from (
          select rowid, kind, ref_id, product_id, title from search_index
          where search_index match ${phrases} and ${sql.join([...scope, ...short], sql` and `)}
          order by rowid desc limit ${RANK_WINDOW})
        order by instr(lower(title), lower(${first})) = 0, length(title), rowid desc limit ${f.limit}`
    } else {
      hits = sql`select kind, ref_id, product_id, title from search_index
        where ${sql.join([...scope, ...short], sql` and `)} limit ${f.limit}`
    }
    return rows<SearchHit>(
      db,
      sql`
      with hits as (${hits})
      select h.kind as kind, h.ref_id as id, h.product_id as "productId", h.title as title,
        case h.kind when 'requirement' then ${REQUIREMENT_KEY} when 'task' then ${TASK_KEY} end as key,
        coalesce(r.status, t.status) as status
      from hits h
      left join requirements r on h.kind = 'requirement' and r.id = h.ref_id
      left join tasks t on h.kind = 'task' and t.id = h.ref_id
      left join products p on p.id = h.product_id`,
    )
  },

  /**
   * Requirements and tasks imported under `key` (PLAT-101 from Jira, 1042 from ZenTao): an old key keeps
   * finding the item. Keys are matched as typed or in capitals, the way Jira writes them.
   */
  async byImportedKey(
    db: Db,
    f: { workspaceId: number; key: string; kinds: readonly string[]; productIds: readonly number[] | null },
  ): Promise<SearchHit[]> {
    const kinds = f.kinds.filter((k) => k === 'requirement' || k === 'task')
    if (!kinds.length || (f.productIds && !f.productIds.length)) return []
    // Almost every search is no old key: one indexed probe on the connection says so in a microsecond.
    const probe = await runText(db, KEY_PROBE, [f.workspaceId, f.key, f.key.toUpperCase()])
    if (!probe.rows.length) return []
    const products = f.productIds ? sql`and e.product_id in (${list(f.productIds)})` : sql``
    return rows<SearchHit>(
      db,
      sql`
      select e.entity_type as kind, e.entity_id as id, e.product_id as "productId",
        coalesce(r.title, t.title) as title, coalesce(r.status, t.status) as status,
        case e.entity_type when 'requirement' then ${REQUIREMENT_KEY} else ${TASK_KEY} end as key,
        e.external_key as "importedKey"
      from external_refs e
      join products p on p.id = e.product_id
      left join requirements r on e.entity_type = 'requirement' and r.id = e.entity_id
      left join tasks t on e.entity_type = 'task' and t.id = e.entity_id
      where e.workspace_id = ${f.workspaceId} and e.external_key in (${f.key}, ${f.key.toUpperCase()})
        and e.entity_type in (${list(kinds)}) ${products}
        and coalesce(r.id, t.id) is not null
      order by e.id limit 10`,
    )
  },

  /** The requirement or task numbered `number` in a product (the two share numbers): what a key names. */
  async itemsNumbered(db: Db, productId: number, number: number) {
    return rows<{ type: 'requirement' | 'task'; id: number; title: string }>(
      db,
      sql`
      select 'requirement' as type, id, title from requirements where product_id = ${productId} and number = ${number}
      union all
      select 'task' as type, id, title from tasks where product_id = ${productId} and number = ${number}`,
    )
  },
}
