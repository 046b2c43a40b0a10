// Vitest global setup of the API project: one PostgreSQL for the whole run (see tests/helpers/postgres.ts),
// with a template database that has every migration applied; tests read its address with
// inject('postgresUrl') ('' when no PostgreSQL is at hand: the PostgreSQL tests then say so and skip).
import { drizzle } from 'drizzle-orm/node-postgres'
import { migrate } from 'drizzle-orm/node-postgres/migrator'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { startLocalPostgres } from './postgres'

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string
  }
}

export const PG_TEMPLATE = 'keel_template'

export default async function setup(project: TestProject) {
  let url = process.env.KEEL_TEST_DATABASE_URL ?? ''
  let stop: (() => void) | undefined
  if (!url) {
    const local = startLocalPostgres()
    if (local) ({ url, stop } = local)
  }
  if (url) {
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    await admin.query(`drop database if exists ${PG_TEMPLATE}`)
    await admin.query(`create database ${PG_TEMPLATE}`)
    await admin.end()
    const template = new pg.Pool({ connectionString: withDatabase(url, PG_TEMPLATE), max: 1 })
    await migrate(drizzle(template), { migrationsFolder: 'db/pg/migrations' })
    await template.end()
  }
  project.provide('postgresUrl', url)
  return () => stop?.()
}

/** The same server, another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${database}`
  return parsed.toString()
}
