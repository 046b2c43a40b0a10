// A real OpenLDAP server (Debian's slapd) for the directory sign-in tests: its own configuration and data
// in a temporary directory, on a free loopback port, seeded with people and groups (memberOf kept by the
// server). `.ci/run` installs slapd and ldap-utils; locally: see the README ("LDAP tests").
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)
const SLAPD = '/usr/sbin/slapd'
export const BASE = 'dc=keel,dc=test'
export const ADMIN_DN = `cn=admin,${BASE}`
export const ADMIN_PASSWORD = 'directory-admin-secret'

export interface LdapPerson {
  uid: string
  password: string
  mail: string
  cn: string
  groups: string[]
}

export interface Directory {
  url: string
  stop(): Promise<void>
  /** Adds a person to a group (memberOf follows). */
  addToGroup(uid: string, group: string): Promise<void>
  removeFromGroup(uid: string, group: string): Promise<void>
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

function config(dir: string) {
  const modules = ['/usr/lib/ldap'].find(existsSync) ?? '/usr/lib/ldap'
  return `include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
include /etc/ldap/schema/nis.schema
modulepath ${modules}
moduleload back_mdb
moduleload memberof
moduleload refint
pidfile ${dir}/slapd.pid
database mdb
maxsize 16777216
suffix "${BASE}"
rootdn "${ADMIN_DN}"
rootpw ${ADMIN_PASSWORD}
directory ${dir}/data
overlay memberof
memberof-group-oc groupOfNames
memberof-member-ad member
memberof-memberof-ad memberOf
memberof-refint true
overlay refint
refint_attributes member
access to attrs=userPassword by self write by anonymous auth by * none
access to * by * read
`
}

function seed(people: LdapPerson[], groups: string[]) {
  const entries = [
    `dn: ${BASE}\nobjectClass: dcObject\nobjectClass: organization\no: Keel test\ndc: keel`,
    `dn: ou=people,${BASE}\nobjectClass: organizationalUnit\nou: people`,
    `dn: ou=groups,${BASE}\nobjectClass: organizationalUnit\nou: groups`,
    ...people.map(
      (p) =>
        `dn: uid=${p.uid},ou=people,${BASE}\nobjectClass: inetOrgPerson\nuid: ${p.uid}\ncn: ${p.cn}\nsn: ${p.cn}\nmail: ${p.mail}\nuserPassword: ${p.password}`,
    ),
    // A group needs a member: the admin holds each one open.
    ...groups.map((g) => {
      const members = people
        .filter((p) => p.groups.includes(g))
        .map((p) => `member: uid=${p.uid},ou=people,${BASE}`)
      return `dn: cn=${g},ou=groups,${BASE}\nobjectClass: groupOfNames\ncn: ${g}\nmember: ${ADMIN_DN}\n${members.join('\n')}`
    }),
  ]
  return `${entries.join('\n\n')}\n`
}

export async function startDirectory(people: LdapPerson[]): Promise<Directory> {
  if (!existsSync(SLAPD))
    throw new Error('slapd is not installed: apt-get install slapd ldap-utils (see the README, "LDAP tests")')
  const dir = mkdtempSync(join(tmpdir(), 'keel-ldap-'))
  mkdirSync(join(dir, 'data'))
  writeFileSync(join(dir, 'slapd.conf'), config(dir))
  const port = await freePort()
  const url = `ldap://127.0.0.1:${port}`
  const slapd: ChildProcess = spawn(SLAPD, ['-d', '0', '-f', join(dir, 'slapd.conf'), '-h', `${url}/`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let errors = ''
  slapd.stderr?.on('data', (chunk) => {
    errors += chunk
  })
  const exited = new Promise<void>((resolve) => slapd.once('exit', () => resolve()))
  const ldap = (tool: string, ldif: string) =>
    new Promise<void>((resolve, reject) => {
      const child = execFile(
        tool,
        ['-x', '-H', url, '-D', ADMIN_DN, '-w', ADMIN_PASSWORD],
        (err, _out, stderr) => (err ? reject(new Error(`${tool}: ${stderr || err.message}`)) : resolve()),
      )
      child.stdin?.end(ldif)
    })
  // Ready once it answers a search.
  for (let attempt = 0; ; attempt++) {
    try {
      await run('ldapsearch', ['-x', '-H', url, '-b', '', '-s', 'base', '(objectClass=*)'])
      break
    } catch {
      if (attempt > 100) throw new Error(`slapd did not start: ${errors}`)
      await new Promise((r) => setTimeout(r, 50))
    }
  }
  const groups = [...new Set(people.flatMap((p) => p.groups))]
  await ldap('ldapadd', seed(people, groups))
  const groupDn = (group: string) => `cn=${group},ou=groups,${BASE}`
  const personDn = (uid: string) => `uid=${uid},ou=people,${BASE}`
  return {
    url,
    addToGroup: (uid, group) =>
      ldap(
        'ldapmodify',
        `dn: ${groupDn(group)}\nchangetype: modify\nadd: member\nmember: ${personDn(uid)}\n`,
      ),
    removeFromGroup: (uid, group) =>
      ldap(
        'ldapmodify',
        `dn: ${groupDn(group)}\nchangetype: modify\ndelete: member\nmember: ${personDn(uid)}\n`,
      ),
    async stop() {
      if (slapd.exitCode === null) {
        // Its data is thrown away with it: no need to wait for a clean shutdown (~2 s).
        slapd.kill('SIGKILL')
        await exited
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
