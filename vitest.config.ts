// Test projects: API and domain tests in node, component tests in happy-dom, browser tests in Chromium.
import solid from 'vite-plugin-solid'
import { defineConfig } from 'vitest/config'

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
          // A shared 2-core machine can be slow: tests assert behaviour, never timing.
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
