// A real OpenID Connect issuer on loopback (the oidc-provider package) for the single sign-on tests: its
// people and their claims can change between sign-ins, and it can be made to misbehave — its ID tokens
// re-signed with a wrong issuer, audience, expiry or nonce, or with a key it does not publish — so that
// Keel's checks meet each failure for real.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from 'jose'
import Provider from 'oidc-provider'

export interface Person {
  email?: string
  email_verified?: boolean
  name?: string
  groups?: string[]
}

export interface Issuer {
  /** The issuer's address, exactly as it names itself. */
  issuer: string
  clientId: string
  clientSecret: string
  /** The people who can sign in, by subject; change them between sign-ins. */
  people: Map<string, Person>
  /** Rewrites each ID token the token endpoint answers (re-signed with the issuer's key), or null. */
  tamper: ((claims: JWTPayload) => JWTPayload) | null
  /** Sign the rewritten token with a key the issuer does not publish. */
  foreignKey: boolean
  close(): Promise<void>
}

async function signingKey(kid: string) {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true })
  return { privateKey, jwk: { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' } as JWK }
}

export async function startIssuer(redirectUris: string[]): Promise<Issuer> {
  const server: Server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const issuerUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const own = await signingKey('issuer-key')
  const foreign = await signingKey('issuer-key')
  const people = new Map<string, Person>()
  const provider = new Provider(issuerUrl, {
    clients: [
      {
        client_id: 'keel',
        client_secret: 'keel-client-secret',
        redirect_uris: redirectUris,
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [own.jwk] },
    cookies: { keys: ['oidc-test-cookie-key'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
    // The claims of the scopes asked for go in the ID token itself, as Keycloak and others do.
    conformIdTokenClaims: false,
    pkce: { required: () => true, methods: ['S256'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, sub) {
      const person = people.get(sub)
      if (!person) return undefined
      return { accountId: sub, claims: async () => ({ sub, ...person }) }
    },
    // Every client is trusted: no consent screen.
    async loadExistingGrant(ctx) {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId!,
      })
      grant.addOIDCScope('openid email profile')
      await grant.save()
      return grant
    },
  })
  const issuer: Issuer = {
    issuer: issuerUrl,
    clientId: 'keel',
    clientSecret: 'keel-client-secret',
    people,
    tamper: null,
    foreignKey: false,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
  provider.use(async (ctx, next) => {
    await next()
    const body = ctx.body as { id_token?: string } | undefined
    if (ctx.path !== '/token' || !issuer.tamper || !body?.id_token) return
    const [, payload] = body.id_token.split('.')
    const claims = issuer.tamper(JSON.parse(Buffer.from(payload!, 'base64url').toString()))
    const key = issuer.foreignKey ? foreign : own
    body.id_token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'issuer-key' })
      .sign(key.privateKey)
  })
  // The issuer's own sign-in page: a login field (any subject of `people`), no password, no consent.
  const handle = provider.callback()
  server.on('request', async (req, res) => {
    if (!req.url?.startsWith('/interaction/')) return handle(req, res)
    try {
      const details = await provider.interactionDetails(req, res)
      if (req.method === 'GET') {
        res.setHeader('content-type', 'text/html; charset=utf-8')
        res.end(
          `<!doctype html><title>Corp sign-in</title><form method="post" action="/interaction/${details.uid}">` +
            '<label>Login <input name="login" autofocus></label><button type="submit">Sign in</button></form>',
        )
        return
      }
      const body = await new Promise<string>((resolve) => {
        let text = ''
        req.on('data', (chunk) => {
          text += chunk
        })
        req.on('end', () => resolve(text))
      })
      const login = new URLSearchParams(body).get('login') ?? ''
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: login } },
        { mergeWithLastSubmission: false },
      )
    } catch (err) {
      res.statusCode = 400
      res.end(String(err))
    }
  })
  return issuer
}

/** A browser's cookies for one origin, enough to walk through the issuer's pages. */
class Jar {
  private readonly cookies = new Map<string, string>()
  take(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const at = pair!.indexOf('=')
      this.cookies.set(pair!.slice(0, at), pair!.slice(at + 1))
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }
}

/**
 * Signs `subject` in at the issuer, starting from the authorization address Keel redirected to, and
 * answers the address the issuer sends the browser back to (Keel's callback with code and state).
 */
export async function authorizeAt(authorizationUrl: string, subject: string): Promise<string> {
  const jar = new Jar()
  let url = authorizationUrl
  for (let hop = 0; hop < 10; hop++) {
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } })
    jar.take(res)
    if (res.status >= 300 && res.status < 400) {
      const next = new URL(res.headers.get('location')!, url).href
      if (!next.startsWith(new URL(authorizationUrl).origin)) return next
      url = next
      continue
    }
    const page = await res.text()
    if (res.status !== 200) throw new Error(`the issuer answered ${res.status}: ${page.slice(0, 300)}`)
    // The development login form: any password, the subject as login.
    const form = new URLSearchParams(
      page.includes('name="login"')
        ? { prompt: 'login', login: subject, password: 'any' }
        : { prompt: 'consent' },
    )
    const posted = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    })
    jar.take(posted)
    url = new URL(posted.headers.get('location')!, url).href
  }
  throw new Error('the issuer never sent the browser back')
}
