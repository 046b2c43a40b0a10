// Bundles the server (TypeScript) into dist/server/index.mjs with its migrations beside it.
import { cpSync, readFileSync, rmSync } from 'node:fs'
import { build } from 'esbuild'

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
rmSync('dist/server', { recursive: true, force: true })
await build({
  entryPoints: { index: 'server/index.ts' },
  outdir: 'dist/server',
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
cpSync('db/migrations', 'dist/server/migrations', { recursive: true })
