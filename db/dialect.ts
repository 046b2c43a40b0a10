// The SQL that differs by engine, in one place: JSON built by the database (boards, backlogs and exports
// are JSON text made in SQL, never rows turned into objects and back), values read out of JSON columns, and
// case-insensitive matching. Each piece answers SQL text for the engine of the database at hand; the tests
// run the queries made of them on both engines.
import type { Db } from './client'
import { type Engine, engineOf } from './query'

export interface Dialect {
  readonly engine: Engine
  /** A JSON object of `name: expression` pairs, keys in this order. */
  object(fields: Record<string, string>): string
  /** An aggregate: the JSON array of `expression` over the group, in `orderBy` order; `[]` for no rows. */
  array(expression: string, orderBy?: string): string
  /** A boolean column or expression as JSON true/false. */
  bool(expression: string): string
  /** A column holding JSON text, embedded as JSON (not as a string). */
  json(expression: string): string
  /** A JSON literal (`true`, `[]`) embedded as JSON. */
  literal(json: string): string
  /** The text at `key` of a JSON column's object (null when absent). */
  text(column: string, key: string): string
  /** The number at `key` of a JSON column's object (null when absent). */
  number(column: string, key: string): string
  /** Whether the JSON array in `column` holds the SQL literal `value` (a role's permission). */
  hasElement(column: string, value: string): string
  /** `LIKE` that ignores case (ASCII on SQLite, every script on PostgreSQL). */
  readonly ilike: string
}

const sqlite: Dialect = {
  engine: 'sqlite',
  object: (fields) =>
    `json_object(${Object.entries(fields)
      .map(([name, expression]) => `'${name}', ${expression}`)
      .join(', ')})`,
  array: (expression, orderBy) => `json_group_array(${expression}${orderBy ? ` order by ${orderBy}` : ''})`,
  bool: (expression) => `json(case when ${expression} then 'true' else 'false' end)`,
  json: (expression) => `json(${expression})`,
  literal: (json) => `json('${json}')`,
  text: (column, key) => `json_extract(${column}, '$.${key}')`,
  number: (column, key) => `json_extract(${column}, '$.${key}')`,
  hasElement: (column, value) => `exists (select 1 from json_each(${column}) where value = ${value})`,
  ilike: 'like',
}

// PostgreSQL's json_build_object and json_agg write `"key" : value, ` and break lines between elements: a
// board would be 14 % larger than SQLite's. Keel writes the same JSON compactly, each value by to_json.
// (A bare null or quoted literal has no type for to_json to go by: written as what it is.)
const jsonValue = (expression: string) =>
  /^\s*null\s*$/i.test(expression)
    ? `'null'`
    : `coalesce(to_json(${/^\s*'.*'\s*$/s.test(expression) ? `(${expression})::text` : expression})::text, 'null')`

const postgres: Dialect = {
  engine: 'postgres',
  object: (fields) =>
    `('{' || ${Object.entries(fields)
      .map(([name, expression], i) => `'${i ? ',' : ''}"${name}":' || ${jsonValue(expression)}`)
      .join(' || ')} || '}')::json`,
  array: (expression, orderBy) =>
    `coalesce(('[' || string_agg(${jsonValue(expression)}, ','${orderBy ? ` order by ${orderBy}` : ''}) || ']')::json, '[]'::json)`,
  bool: (expression) => `(${expression})::boolean`,
  json: (expression) => `(${expression})::json`,
  literal: (json) => `'${json}'::json`,
  text: (column, key) => `(${column} ->> '${key}')`,
  number: (column, key) => `(${column} ->> '${key}')::double precision`,
  hasElement: (column, value) =>
    `exists (select 1 from json_array_elements_text(${column}) as e(value) where e.value = ${value})`,
  ilike: 'ilike',
}

export const dialects: Record<Engine, Dialect> = { sqlite, postgres }

/** The dialect of the database at hand. */
export const dialectOf = (db: Db): Dialect => dialects[engineOf(db)]
