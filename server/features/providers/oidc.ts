// Single sign-on with OpenID Connect (openid-client): discovery, the authorization code flow with PKCE,
// `state` and `nonce`, and the ID token checked for issuer, audience, expiry (by Keel's clock) and the
// issuer's signature. A sign-on in progress is bound to the browser that started it and works once.
import * as client from 'openid-client'
import type { AppDeps } from '../../lib/context'
import { newToken, sha256 } from '../../lib/crypto'
import { bookkeepingWrite } from '../../lib/write'
import { recordNow } from '../audit/service'
import { type ProviderRow, providerRepo } from './repo'
import { OidcConfig, type OidcSettings } from './schemas'
import { accountFor, enabledProvider, SignInRefused } from './service'

export const BROWSER_COOKIE = 'keel_oidc'
export const LOGIN_MINUTES = 10
const DISCOVERY_TTL_MS = 60 * 60 * 1000
const TIMEOUT_SECONDS = 10

/** What each app learned from its issuers' discovery documents, for an hour (per provider version). */
const discovered = new WeakMap<
  AppDeps['store'],
  Map<string, { metadata: client.ServerMetadata; at: number }>
>()

const insecure = (issuer: string) => new URL(issuer).protocol === 'http:'

/** A problem with the issuer itself (unreachable, a bad discovery document): said as such to the admin. */
export class IssuerProblem extends Error {}

async function serverMetadata(deps: AppDeps, provider: ProviderRow, settings: OidcSettings) {
  const cache = discovered.get(deps.store) ?? new Map()
  discovered.set(deps.store, cache)
  const key = `${provider.id}:${provider.version}`
  const hit = cache.get(key)
  if (hit && performance.now() - hit.at < DISCOVERY_TTL_MS) return hit.metadata
  try {
    const config = await client.discovery(new URL(settings.issuer), settings.clientId, undefined, undefined, {
      timeout: TIMEOUT_SECONDS,
      ...(insecure(settings.issuer) && { execute: [client.allowInsecureRequests] }),
    })
    const metadata = config.serverMetadata()
    cache.set(key, { metadata, at: performance.now() })
    return metadata
  } catch (err) {
    throw new IssuerProblem(`Discovery at ${settings.issuer} failed: ${(err as Error).message}`)
  }
}

/** The client for one exchange, its clock set to Keel's (so tests and servers judge expiry alike). */
async function configuration(deps: AppDeps, provider: ProviderRow) {
  const settings = OidcConfig.parse(provider.config)
  const metadata = await serverMetadata(deps, provider, settings)
  const skew = Math.round((deps.clock.now().getTime() - Date.now()) / 1000)
  const config = new client.Configuration(
    metadata,
    settings.clientId,
    { [client.clockSkew]: skew },
    provider.secret ? client.ClientSecretBasic(provider.secret) : client.None(),
  )
  config.timeout = TIMEOUT_SECONDS
  if (insecure(settings.issuer)) client.allowInsecureRequests(config)
  // The ID token's signature is checked with the issuer's published keys too, not only trusted for having
  // come straight from its token endpoint.
  client.enableNonRepudiationChecks(config)
  return { config, settings }
}

/** Checks that the issuer answers discovery with itself; the message says what failed. */
export async function testIssuer(deps: AppDeps, provider: ProviderRow) {
  const settings = OidcConfig.parse(provider.config)
  const metadata = await serverMetadata(deps, { ...provider, version: -provider.version }, settings)
  return {
    issuer: metadata.issuer,
    authorizationEndpoint: metadata.authorization_endpoint ?? null,
    scopesSupported: metadata.scopes_supported ?? null,
  }
}

export const callbackUrl = (origin: string, slug: string) => `${origin}/api/auth/oidc/${slug}/callback`

/** Only a path of this site (`/p/1/backlog`), never another origin. */
export const safeNext = (next: string | undefined) =>
  next && /^\/(?![/\\])/.test(next) && next.length <= 500 ? next : '/'

/** Starts a sign-on: the issuer's address to send the browser to, and the token binding it to the browser. */
export async function start(deps: AppDeps, slug: string, origin: string, next: string | undefined) {
  const provider = await enabledProvider(deps, slug, 'oidc')
  const { config, settings } = await configuration(deps, provider)
  const codeVerifier = client.randomPKCECodeVerifier()
  const state = client.randomState()
  const nonce = client.randomNonce()
  const browserToken = newToken(32)
  const now = deps.clock.now()
  await bookkeepingWrite(deps.store, (tx) =>
    providerRepo.insertLogin(tx, {
      providerId: provider.id,
      browserHash: sha256(browserToken),
      state,
      nonce,
      codeVerifier,
      next: safeNext(next),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + LOGIN_MINUTES * 60_000).toISOString(),
    }),
  )
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: callbackUrl(origin, slug),
    scope: settings.scopes,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  })
  return { url: url.href, browserToken }
}

/** Why a sign-on failed, for the login page (`/login?sso=<reason>`) and the audit log. */
export type SsoFailure =
  | 'expired'
  | 'issuer_error'
  | 'invalid_token'
  | 'unavailable'
  | 'email_unverified'
  | 'no_email'
  | 'no_account'
  | 'deactivated'

export class SsoFailed extends Error {
  constructor(
    readonly reason: SsoFailure,
    message: string,
  ) {
    super(message)
  }
}

const stringClaim = (value: unknown) => (typeof value === 'string' && value ? value : undefined)

function groupsOf(claims: Record<string, unknown>, claim: string | null): string[] {
  if (!claim) return []
  const value = claims[claim]
  if (Array.isArray(value)) return value.filter((g): g is string => typeof g === 'string')
  return typeof value === 'string' ? [value] : []
}

/**
 * Finishes a sign-on at the callback: the browser's own sign-on (else `expired`: used, unknown or too old),
 * the code exchanged and the ID token validated, then the account (see accountFor). Failures are logged.
 */
export async function finish(deps: AppDeps, slug: string, browserToken: string | undefined, url: URL) {
  const provider = await enabledProvider(deps, slug, 'oidc')
  const fail = async (reason: SsoFailure, message: string, email?: string): Promise<never> => {
    await recordNow(deps, null, {
      action: 'auth.login_failed',
      targetLabel: email ?? null,
      details: { reason: `sso_${reason}`, provider: provider.slug, message: message.slice(0, 300) },
    })
    throw new SsoFailed(reason, message)
  }
  const nowIso = deps.clock.now().toISOString()
  const login = browserToken
    ? await bookkeepingWrite(deps.store, (tx) => providerRepo.takeLogin(tx, sha256(browserToken), nowIso))
    : undefined
  if (!login || login.providerId !== provider.id)
    return fail('expired', 'This sign-in expired or was already used')
  const issuerError = url.searchParams.get('error')
  if (issuerError)
    return fail(
      'issuer_error',
      `${issuerError}: ${url.searchParams.get('error_description') ?? ''}`.slice(0, 300),
    )

  let claims: Record<string, unknown>
  let settings: OidcSettings
  try {
    const made = await configuration(deps, provider)
    settings = made.settings
    const tokens = await client.authorizationCodeGrant(made.config, url, {
      pkceCodeVerifier: login.codeVerifier,
      expectedState: login.state,
      expectedNonce: login.nonce,
      idTokenExpected: true,
    })
    claims = { ...tokens.claims() }
    if (
      settings.groupsClaim &&
      !(settings.groupsClaim in claims) &&
      made.config.serverMetadata().userinfo_endpoint
    ) {
      const info = await client.fetchUserInfo(made.config, tokens.access_token, String(claims.sub))
      claims = { ...info, ...claims }
    }
  } catch (err) {
    if (err instanceof IssuerProblem) return fail('unavailable', err.message)
    return fail('invalid_token', (err as Error).message)
  }
  const email = stringClaim(claims.email)?.toLowerCase()
  try {
    const user = await accountFor(deps, provider, {
      subject: String(claims.sub),
      email,
      emailVerified:
        claims.email_verified === true || (settings.trustEmails && claims.email_verified !== false),
      name: stringClaim(claims.name) ?? stringClaim(claims.preferred_username),
      groups: groupsOf(claims, settings.groupsClaim),
    })
    return { user, next: login.next }
  } catch (err) {
    if (err instanceof SignInRefused) return fail(err.reason, err.message, email)
    throw err
  }
}
