// Before each test on PostgreSQL, a database is copied from the template for it to take; after each test
// file, its databases are closed and deleted (files on SQLite, databases on PostgreSQL).
import { afterAll, beforeEach } from 'vitest'
import { closeTestStores, prepareTestDatabase } from './store'

beforeEach(prepareTestDatabase)
afterAll(closeTestStores)
