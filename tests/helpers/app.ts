// Builds a Keel app on a fresh database for one test, with helpers to call it as users.

import { randomUUID } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { OpenDb } from '../../db/client'
import type { SqliteStore } from '../../db/store'
import { createApp } from '../../server/app'
import type { EnvProvider } from '../../server/config'
import type { WebhookOptions } from '../../server/features/webhooks/worker'
import { fixedClock, manualTimers } from '../../server/lib/clock'
import { EventBus } from '../../server/lib/events'
import { sideConnection, sideQuery, testStore } from './store'

export const ORIGIN = 'http://localhost'

export interface Caller {
  /** Extra headers sent with every request (a cookie or a Bearer token). */
  headers: Record<string, string>
}

export function makeApp(
  options: {
    start?: string
    trustProxy?: boolean
    webhooks?: WebhookOptions
    publicUrl?: string
    streamLimits?: { user: number; address: number }
    /** Heartbeats and batching delays wait for `timers.advance(ms)` instead of real time. */
    manualTimers?: boolean
    /** Email through this SMTP server (tests/helpers/smtp.ts). */
    smtpUrl?: string
    /** Attachments: the largest upload (default 25 MB) and how old an unreferenced file must be to go (0). */
    files?: { dir?: string; maxBytes?: number; graceMs?: number }
    /** Sign-in providers as the environment gives them (loadConfig(...).providers). */
    providers?: EnvProvider[]
  } = {},
) {
  // Made on the first upload only: most tests never store a file.
  const filesDir = options.files?.dir ?? join(tmpdir(), 'keel-test-files', randomUUID())
  const store = testStore()
  const clock = fixedClock(options.start ?? '2026-11-02T09:00:00.000Z')
  const events = new EventBus()
  const timers = options.manualTimers ? manualTimers() : undefined
  const app = createApp({
    store,
    clock,
    timers,
    events,
    trustProxy: options.trustProxy ?? false,
    heartbeatSeconds: 1,
    webhooks: options.webhooks,
    publicUrl: options.publicUrl,
    streamLimits: options.streamLimits,
    mail: options.smtpUrl ? { smtpUrl: options.smtpUrl, from: 'Keel <keel@example.com>' } : undefined,
    localOrigin: ORIGIN,
    files: {
      dir: filesDir,
      maxBytes: options.files?.maxBytes ?? 25 * 1024 * 1024,
      graceMs: options.files?.graceMs ?? 0,
    },
    providers: options.providers,
  })

  // The timers the app keeps waiting all along (the reminders' hourly round): what tests count comes on top.
  const standingTimers = timers?.pending() ?? 0

  async function request(
    method: string,
    path: string,
    body?: unknown,
    caller?: Caller,
    extra: Record<string, string> = {},
  ) {
    const headers: Record<string, string> = { origin: ORIGIN, ...caller?.headers, ...extra }
    let payload: string | undefined
    if (body !== undefined) {
      headers['content-type'] = 'application/json'
      payload = typeof body === 'string' ? body : JSON.stringify(body)
    }
    const res = await app.request(`${ORIGIN}${path}`, { method, headers, body: payload })
    const text = await res.text()
    // biome-ignore lint/suspicious/noExplicitAny: each test reads the fields it asserts on
    let json: any
    try {
      json = text ? JSON.parse(text) : undefined
    } catch {
      json = text
    }
    return { status: res.status, body: json, headers: res.headers }
  }

  const sessionOf = (headers: Headers): Caller => {
    const cookie = headers.get('set-cookie')?.match(/keel_session=([^;]+)/)?.[1]
    if (!cookie) throw new Error('no session cookie in the answer')
    return { headers: { cookie: `keel_session=${cookie}` } }
  }

  /** First-run setup: the owner, logged in, and their workspace id. */
  async function setup(email = 'owner@example.com', password = 'correct horse battery') {
    const res = await request('POST', '/api/setup', {
      workspaceName: 'Acme',
      name: 'Olivia Owner',
      email,
      password,
    })
    if (res.status !== 201) throw new Error(`setup failed: ${res.status} ${JSON.stringify(res.body)}`)
    return {
      owner: sessionOf(res.headers),
      ws: res.body.workspace.id as number,
      userId: res.body.user.id as number,
    }
  }

  async function roleId(owner: Caller, ws: number, builtIn: string): Promise<number> {
    const res = await request('GET', `/api/workspaces/${ws}/roles`, undefined, owner)
    const role = res.body.find((r: { builtIn: string | null }) => r.builtIn === builtIn)
    if (!role) throw new Error(`no role ${builtIn}`)
    return role.id
  }

  /** Invites someone with a built-in role, accepts the invite and returns their session. */
  async function addMember(
    owner: Caller,
    ws: number,
    role: string,
    email = `${role}@example.com`,
    productIds?: number[],
  ) {
    return addMemberWithRole(owner, ws, await roleId(owner, ws, role), email, productIds, `${role} person`)
  }

  /** Invites someone with any role (by id), accepts the invite and returns their session. */
  async function addMemberWithRole(
    owner: Caller,
    ws: number,
    roleIdToGive: number,
    email: string,
    productIds?: number[],
    name = email.split('@')[0]!,
  ) {
    const invited = await request(
      'POST',
      `/api/workspaces/${ws}/members`,
      { email, name, roleId: roleIdToGive, productIds },
      owner,
    )
    if (invited.status !== 201)
      throw new Error(`invite failed: ${invited.status} ${JSON.stringify(invited.body)}`)
    const accepted = await request('POST', `/api/invites/${invited.body.token}/accept`, {
      password: 'member password 1',
    })
    if (accepted.status !== 200)
      throw new Error(`accept failed: ${accepted.status} ${JSON.stringify(accepted.body)}`)
    return { caller: sessionOf(accepted.headers), userId: accepted.body.user.id as number }
  }

  let side: OpenDb | undefined
  return {
    app,
    store,
    /** The test's own SQLite connection to the app's file (SQLite-only tests; `sql` works on both engines). */
    get db(): OpenDb {
      if (store.engine !== 'sqlite')
        throw new Error('t.db is SQLite only: use t.sql, which runs on either engine')
      side ??= sideConnection(store as SqliteStore)
      return side
    },
    /** Raw SQL (`?` parameters) on a connection of the test's own, on either engine. */
    sql: sideQuery(store),
    clock,
    timers,
    /** Timers waiting beyond those the app always keeps (manual timers only). */
    waitingTimers: () => (timers ? timers.pending() - standingTimers : 0),
    events,
    request,
    setup,
    addMember,
    addMemberWithRole,
    roleId,
    sessionOf,
    /** Waits for the background work the requests so far set off (the notifier). */
    settled: () => app.settled(),
    filesDir,
  }
}

export type TestApp = ReturnType<typeof makeApp>
