// Bundles the server (TypeScript) into dist/server/index.mjs (or $KEEL_BUILD_DIR/server) with its
// migrations beside it.
import { cpSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'esbuild'

const out = join(process.env.KEEL_BUILD_DIR ?? 'dist', 'server')

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
rmSync(out, { recursive: true, force: true })
await build({
  entryPoints: { index: 'server/index.ts' },
  outdir: out,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  define: { __KEEL_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
})
cpSync('db/migrations', join(out, 'migrations'), { recursive: true })
cpSync('db/pg/migrations', join(out, 'pg', 'migrations'), { recursive: true })
