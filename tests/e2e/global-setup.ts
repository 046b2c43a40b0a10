// Builds the web app and the server once before the browser tests, unless the build is newer than every
// source file (then the run starts at once).
import { execSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const OUTPUTS = ['dist/web/index.html', 'dist/server/index.mjs']
const SOURCES = ['web', 'server', 'db', 'scripts', 'package.json', 'vite.config.ts']

function newest(path: string): number {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let max = stat.mtimeMs
  for (const name of readdirSync(path)) max = Math.max(max, newest(join(path, name)))
  return max
}

export default function setup() {
  const built = Math.min(...OUTPUTS.map((p) => (existsSync(p) ? statSync(p).mtimeMs : 0)))
  if (built === 0 || Math.max(...SOURCES.map(newest)) > built) {
    execSync('npm run build --silent', { stdio: 'inherit' })
  }
}
