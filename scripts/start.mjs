// `npm start`: builds the web app and the server when the build is missing or older than the sources,
// then runs the server in this process.
import { execSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { BUILD_SOURCES } from './sources.mjs'

const outputs = ['dist/web/index.html', 'dist/server/index.mjs']
const sources = BUILD_SOURCES

function newest(path) {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let max = stat.mtimeMs
  for (const name of readdirSync(path)) max = Math.max(max, newest(join(path, name)))
  return max
}

const built = Math.min(...outputs.map((p) => (existsSync(p) ? statSync(p).mtimeMs : 0)))
if (built === 0 || Math.max(...sources.map(newest)) > built) {
  console.log('Building Keel (web app and server)…')
  execSync('npm run build --silent', { stdio: 'inherit' })
}
await import('../dist/server/index.mjs')
