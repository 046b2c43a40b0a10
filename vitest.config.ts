// Test projects: API and domain tests in node (on SQLite, and the API tests again on PostgreSQL), component
// tests in happy-dom, browser tests in Chromium.
import { existsSync, readdirSync } from 'node:fs'
import solid from 'vite-plugin-solid'
import { defineConfig } from 'vitest/config'

/** A PostgreSQL to test on: KEEL_TEST_DATABASE_URL, or a local installation the tests start themselves. */
const postgresAvailable =
  !!process.env.KEEL_TEST_DATABASE_URL ||
  (existsSync('/usr/lib/postgresql') &&
    readdirSync('/usr/lib/postgresql').some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`)))

/**
 * API suites that are about SQLite itself (its file, checkpoints, backup API, crash recovery, migrations,
 * and the fuzzer, which restores SQLite images between calls), about real processes on the default engine,
 * about the event loop while a file is parsed (the same on both engines), or that pick their engines
 * themselves (pg-*, multi-process, copy-database): the `api-pg` run leaves them out.
 */
const NOT_ON_POSTGRES = [
  'checkpointer',
  'copy-database',
  'import-event-loop',
  'migrations',
  'multi-process',
  'pg-schema',
  'pg-store',
  'reliability-backup',
  'reliability-concurrency',
  'reliability-crash',
  'reliability-disk',
  'reliability-fuzz',
  'server-process',
].map((name) => `tests/api/${name}.test.ts`)

export default defineConfig({
  test: {
    environment: 'node',
    projects: [
      {
        test: {
          name: 'api',
          include: ['tests/api/**/*.test.ts', 'tests/domain/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['tests/helpers/store-setup.ts'],
          globalSetup: ['tests/helpers/postgres-setup.ts'],
          // Two files at once on two cores (vitest's default is one fewer worker than cores, and this project
          // shares its group with `web`, which must say the same).
          maxWorkers: 2,
          // A shared 2-core machine can be slow: tests assert behaviour, never timing.
          testTimeout: 20_000,
        },
      },
      {
        test: {
          // The API suite again, on PostgreSQL (tests/helpers/store.ts), when one is at hand.
          name: 'api-pg',
          include: postgresAvailable ? ['tests/api/**/*.test.ts'] : [],
          exclude: NOT_ON_POSTGRES,
          environment: 'node',
          env: { KEEL_TEST_ENGINE: 'postgres' },
          // Half of each test's time is PostgreSQL's (another process): two files at once keep both cores
          // busy. Its own group, after the others (vitest runs projects of different worker counts apart).
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
          setupFiles: ['tests/helpers/store-setup.ts'],
          globalSetup: ['tests/helpers/postgres-setup.ts'],
          testTimeout: 20_000,
        },
      },
      {
        plugins: [solid()],
        resolve: { conditions: ['development', 'browser'] },
        test: {
          name: 'web',
          include: ['tests/web/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          maxWorkers: 2,
          setupFiles: ['tests/web/setup.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          // Long reliability runs (crash, backup, concurrency, fuzzing): `npm run soak`. Plain `vitest run`
          // (npm test) runs every project, so this one finds its files only when asked for by name.
          name: 'soak',
          include: process.argv.some(
            (arg, i, all) => arg === '--project=soak' || (arg === '--project' && all[i + 1] === 'soak'),
          )
            ? ['tests/soak/**/*.test.ts']
            : [],
          environment: 'node',
          testTimeout: 600_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
