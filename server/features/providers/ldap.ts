// Directory sign-in (LDAP / Active Directory, with ldapts): Keel searches the directory for the person
// (as the bind DN, or anonymously), then binds as them with the password they typed; the password is
// checked by the directory and never stored. StartTLS and ldaps:// are supported. Their groups (memberOf)
// set their workspaces and roles like an OpenID Connect provider's do.
import { Client, type Entry, InvalidCredentialsError } from 'ldapts'
import type { AppDeps, AuthUser } from '../../lib/context'
import { AppError } from '../../lib/errors'
import { recordNow } from '../audit/service'
import type { ProviderRow } from './repo'
import { LdapConfig, type LdapSettings } from './schemas'
import { accountFor, enabledProvider, SignInRefused } from './service'

const TIMEOUT_MS = 5000

/** RFC 4515: what someone typed, as a literal value inside a search filter. */
export const escapeFilter = (value: string) =>
  value.replace(/[\\*()\0]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, '0')}`)

/** The directory cannot be reached or answered in a way that is not about the person: said plainly. */
export class DirectoryProblem extends Error {}

async function connected<T>(settings: LdapSettings, fn: (client: Client) => Promise<T>): Promise<T> {
  const tlsOptions = { rejectUnauthorized: settings.tlsRejectUnauthorized }
  const client = new Client({
    url: settings.url,
    timeout: TIMEOUT_MS,
    connectTimeout: TIMEOUT_MS,
    // ldapts speaks TLS from the start whenever it is given TLS options: only for ldaps://.
    ...(settings.url.startsWith('ldaps:') && { tlsOptions }),
  })
  try {
    if (settings.startTls) await client.startTLS(tlsOptions)
    return await fn(client)
  } finally {
    await client.unbind().catch(() => {})
  }
}

const values = (entry: Entry, attribute: string): string[] => {
  const key = Object.keys(entry).find((k) => k.toLowerCase() === attribute.toLowerCase())
  const value = key ? entry[key] : undefined
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value]
  return list.map((v) => (Buffer.isBuffer(v) ? v.toString('hex') : String(v)))
}

/** A group as its DN and as its name (the first part of the DN): rules may use either. */
const groupNames = (groups: string[]) =>
  groups.flatMap((g) => {
    const name = /^[a-z]+=([^,]+)/i.exec(g)?.[1]
    return name ? [g, name] : [g]
  })

/** The one entry the search filter finds for this login (none, or more than one: undefined). */
async function findPerson(client: Client, provider: ProviderRow, settings: LdapSettings, login: string) {
  if (settings.bindDn) await client.bind(settings.bindDn, provider.secret ?? '')
  const { searchEntries } = await client.search(settings.searchBase, {
    scope: 'sub',
    filter: settings.searchFilter.replaceAll('{login}', escapeFilter(login)),
    attributes: [
      'dn',
      'entryUUID',
      'objectGUID',
      settings.emailAttribute,
      settings.nameAttribute,
      settings.groupsAttribute,
    ],
    sizeLimit: 2,
  })
  return searchEntries.length === 1 ? searchEntries[0] : undefined
}

const wrongCredentials = () => new AppError('unauthenticated', 'Wrong user name or password')

/**
 * Signs someone in with their directory login and password, under the login throttle: the account (see
 * accountFor). A directory that cannot be reached answers 503, so people know to wait (and local instance
 * owners can still sign in with a password).
 */
export async function signIn(
  deps: AppDeps,
  slug: string,
  input: { login: string; password: string; ip: string },
): Promise<AuthUser> {
  const provider = await enabledProvider(deps, slug, 'ldap')
  const settings = LdapConfig.parse(provider.config)
  const now = deps.clock.now().getTime()
  const account = `ldap:${provider.slug}:${input.login.toLowerCase()}`
  const wait = await deps.loginThrottle.retryAfter(input.ip, account, now)
  if (wait > 0)
    throw new AppError('rate_limited', 'Too many failed attempts; try again later', {
      retryAfterSeconds: Math.ceil(wait / 1000),
    })
  const failed = async (reason: string, message?: string) => {
    await deps.loginThrottle.fail(input.ip, account, now)
    await recordNow(deps, null, {
      action: 'auth.login_failed',
      targetLabel: input.login,
      details: { reason, provider: provider.slug, ...(message && { message: message.slice(0, 300) }) },
    })
  }
  let person: Entry | undefined
  try {
    person = await connected(settings, async (client) => {
      const found = await findPerson(client, provider, settings, input.login)
      // An empty password would be an anonymous bind, which succeeds: never try one.
      if (!found || !input.password) return undefined
      try {
        await client.bind(found.dn, input.password)
      } catch (err) {
        if (err instanceof InvalidCredentialsError) return undefined
        throw err
      }
      return found
    })
  } catch (err) {
    await recordNow(deps, null, {
      action: 'auth.login_failed',
      targetLabel: input.login,
      details: {
        reason: 'directory_unavailable',
        provider: provider.slug,
        message: (err as Error).message.slice(0, 300),
      },
    })
    throw new AppError(
      'unavailable',
      `${provider.name} cannot be reached right now; try again later (instance owners can sign in with a password)`,
      { reason: 'directory_unavailable' },
    )
  }
  if (!person) {
    await failed('wrong_credentials')
    throw wrongCredentials()
  }
  await deps.loginThrottle.succeed(input.ip, account, now)
  const subject = values(person, 'entryUUID')[0] ?? values(person, 'objectGUID')[0] ?? person.dn
  try {
    return await accountFor(deps, provider, {
      subject,
      email: values(person, settings.emailAttribute)[0]?.toLowerCase(),
      // The directory is the company's own record: its emails count as verified.
      emailVerified: true,
      name: values(person, settings.nameAttribute)[0],
      groups: groupNames(values(person, settings.groupsAttribute)),
    })
  } catch (err) {
    if (err instanceof SignInRefused) {
      await failed(err.reason)
      throw err
    }
    throw err
  }
}

/** Tests the directory: connect (and StartTLS), bind as the search account, search the base. */
export async function testDirectory(provider: ProviderRow) {
  const settings = LdapConfig.parse(provider.config)
  let stage = `connect to ${settings.url}`
  try {
    return await connected(settings, async (client) => {
      if (settings.bindDn) {
        stage = `bind as ${settings.bindDn}`
        await client.bind(settings.bindDn, provider.secret ?? '')
      }
      stage = `search ${settings.searchBase}`
      const { searchEntries } = await client.search(settings.searchBase, {
        scope: 'sub',
        filter: settings.searchFilter.replaceAll('{login}', '*'),
        attributes: ['dn'],
        sizeLimit: 5,
      })
      return { entries: searchEntries.length }
    })
  } catch (err) {
    // A socket error (ECONNREFUSED, ETIMEDOUT, ENOTFOUND…) comes at the first operation: it is the connection.
    if (/^E[A-Z]+$/.test((err as NodeJS.ErrnoException).code ?? '')) stage = `connect to ${settings.url}`
    const reason =
      err instanceof InvalidCredentialsError
        ? 'the bind DN or its password was refused'
        : (err as Error).message
    throw new DirectoryProblem(`Could not ${stage}: ${reason}`)
  }
}
