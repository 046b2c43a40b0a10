// A PostgreSQL for the tests: KEEL_TEST_DATABASE_URL when set, else a server of its own started from the
// local installation (Debian's postgresql package: /usr/lib/postgresql/<version>/bin), in a data directory
// in memory, reachable only on a Unix socket, stopped when the run ends. PostgreSQL refuses to run as root:
// as root it runs as the `postgres` user. Each test file then takes a fresh database copied from a
// template with every migration applied (freshPgDatabase in tests/helpers/pg.ts).
import { execFileSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface LocalPostgres {
  url: string
  stop: () => void
}

/** The newest local PostgreSQL's programs, if one is installed. */
function binaries(): string | undefined {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return undefined
  const version = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))[0]
  return version ? join(root, version, 'bin') : undefined
}

export function startLocalPostgres(): LocalPostgres | undefined {
  const bin = binaries()
  if (!bin) return undefined
  const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'keel-pg-'))
  chmodSync(dir, 0o777)
  const data = join(dir, 'data')
  const asRoot = process.getuid?.() === 0
  const run = (program: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, program), ...args], { stdio: 'pipe' })
      : execFileSync(join(bin, program), args, { stdio: 'pipe' })
  // The port only names the socket file: no TCP listener, so runs side by side never collide.
  const port = 20_000 + Math.floor(Math.random() * 40_000)
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8'])
  const options = `-p ${port} -k ${dir} -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400`
  run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start'])
  return {
    url: `postgres://postgres@localhost/postgres?host=${encodeURIComponent(dir)}&port=${port}`,
    stop: () => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'])
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}
