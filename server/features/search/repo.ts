// SQL for search: FTS5 with the trigram tokenizer for 3+ characters, LIKE for shorter queries
// (trigrams cannot match one or two characters, which matters for Chinese: "排产").
import { type SQL, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { itemKeyText } from '../../lib/sql'

export interface SearchHit {
  kind: 'requirement' | 'task' | 'customer'
  id: number
  productId: number | null
  key: string | null
  title: string
  status: string | null
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

export const searchRepo = {
  search(
    db: Db,
    f: {
      workspaceId: number
      q: string
      kinds: readonly string[]
      productIds: readonly number[] | null
      limit: number
    },
  ): SearchHit[] {
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
    if (long.length) {
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
    return db.all<SearchHit>(sql`
      with hits as (${hits})
      select h.kind as kind, h.ref_id as id, h.product_id as productId, h.title as title,
        case h.kind when 'requirement' then ${REQUIREMENT_KEY} when 'task' then ${TASK_KEY} end as key,
        coalesce(r.status, t.status) as status
      from hits h
      left join requirements r on h.kind = 'requirement' and r.id = h.ref_id
      left join tasks t on h.kind = 'task' and t.id = h.ref_id
      left join products p on p.id = h.product_id`)
  },

  /** The requirement or task numbered `number` in a product (the two share numbers): what a key names. */
  itemsNumbered(db: Db, productId: number, number: number) {
    return db.all<{ type: 'requirement' | 'task'; id: number; title: string }>(sql`
      select 'requirement' as type, id, title from requirements where product_id = ${productId} and number = ${number}
      union all
      select 'task' as type, id, title from tasks where product_id = ${productId} and number = ${number}`)
  },
}
