// After each test file, its databases are closed and their files deleted.
import { afterAll } from 'vitest'
import { closeTestStores } from './store'

afterAll(closeTestStores)
