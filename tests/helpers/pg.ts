// A fresh PostgreSQL database for a test file: a copy of the migrated template (tests/helpers/postgres-setup.ts),
// dropped after the file.
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, inject } from 'vitest'
import { PG_TEMPLATE, withDatabase } from './postgres-setup'

/** The test run's PostgreSQL address, or '' when there is none here. */
export const postgresUrl = () => inject('postgresUrl')

export async function freshPgDatabase(): Promise<pg.Pool> {
  const url = postgresUrl()
  if (!url) throw new Error('No PostgreSQL: set KEEL_TEST_DATABASE_URL or install postgresql')
  const name = `keel_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`create database ${name} template ${PG_TEMPLATE}`)
  await admin.end()
  const pool = new pg.Pool({ connectionString: withDatabase(url, name), max: 4 })
  afterAll(async () => {
    await pool.end()
    const drop = new pg.Client({ connectionString: url })
    await drop.connect()
    await drop.query(`drop database if exists ${name} with (force)`)
    await drop.end()
  })
  return pool
}
