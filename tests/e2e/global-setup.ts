// Builds the web app and the server once for the browser tests, into a directory of their own keyed by
// the sources' state: a run never rebuilds files that another run (or `npm start`) is serving, and an
// unchanged tree reuses its build at once. The tests find it through `inject('keelBuild')`.
import { execSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { TestProject } from 'vitest/node'
import { BUILD_SOURCES } from '../../scripts/sources.mjs'

const CACHE = resolve('node_modules/.cache/keel-e2e')

function fingerprint(path: string, hash: ReturnType<typeof createHash>): void {
  if (!existsSync(path)) return
  const stat = statSync(path)
  if (!stat.isDirectory()) {
    hash.update(`${path}\0${stat.size}\0${stat.mtimeMs}\n`)
    return
  }
  for (const name of readdirSync(path).sort()) fingerprint(join(path, name), hash)
}

export default function setup(project: TestProject) {
  const hash = createHash('sha256')
  for (const source of BUILD_SOURCES) fingerprint(source, hash)
  const dir = join(CACHE, hash.digest('hex').slice(0, 16))
  if (!existsSync(join(dir, 'server', 'index.mjs')) || !existsSync(join(dir, 'web', 'index.html'))) {
    mkdirSync(CACHE, { recursive: true })
    // Older builds are of no further use once the sources changed; keep the cache small.
    for (const name of readdirSync(CACHE)) {
      const old = join(CACHE, name)
      if (old !== dir && Date.now() - statSync(old).mtimeMs > 3_600_000)
        rmSync(old, { recursive: true, force: true })
    }
    const scratch = `${dir}.${process.pid}.tmp`
    rmSync(scratch, { recursive: true, force: true })
    // Vitest sets NODE_ENV=test, which would make Vite ship Solid's development build.
    execSync('npm run build --silent', {
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production', KEEL_BUILD_DIR: scratch },
    })
    try {
      renameSync(scratch, dir)
    } catch {
      // Another run finished the same build first: use theirs.
      rmSync(scratch, { recursive: true, force: true })
    }
  }
  project.provide('keelBuild', dir)
}

declare module 'vitest' {
  export interface ProvidedContext {
    keelBuild: string
  }
}
