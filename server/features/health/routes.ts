// Liveness for load balancers and monitors: the version, the database engine and whether the database
// answers (a trivial query); 503 when it does not, so a balancer takes the process out of rotation.
import { z } from '@hono/zod-openapi'
import { newApp, route } from '../../lib/route'
import { errors, json } from '../../lib/schemas'
import { health } from '../instance/health'

const Health = z
  .object({
    ok: z.boolean(),
    version: z.string(),
    engine: z
      .enum(['sqlite', 'postgres'])
      .openapi({ description: 'The database engine this process runs on' }),
    database: z.enum(['ok', 'unavailable']),
  })
  .openapi('Health')

const InstanceHealth = z
  .object({
    version: z.string(),
    engine: z.enum(['sqlite', 'postgres']),
    node: z.string(),
    uptimeSeconds: z.number(),
    databaseBytes: z.number(),
    files: z.object({ count: z.number(), bytes: z.number() }),
    accounts: z.object({
      total: z.number(),
      deactivated: z.number(),
      instanceOwners: z.number(),
      twoFactor: z.number(),
    }),
    workspaces: z.number(),
    liveSessions: z.number(),
    jobs: z.object({
      running: z.number().openapi({ description: 'Work started by requests, still waiting or running' }),
      emailOn: z.boolean(),
      emails: z.object({ waiting: z.number(), failed: z.number() }),
      webhooks: z.object({ waiting: z.number(), failed: z.number() }),
    }),
    auditEvents: z.number(),
  })
  .openapi('InstanceHealth')

export const healthRoutes = newApp()
  .openapi(
    route('instance', {
      method: 'get',
      path: '/admin/health',
      tags: ['Instance'],
      summary:
        'The instance at a glance: version, engine, database and files size, accounts, and background work waiting or failed',
      responses: { 200: json(InstanceHealth), ...errors },
    }),
    async (c) => c.json(await health(c.get('deps'), KEEL_VERSION), 200),
  )
  .openapi(
    route('public', {
      method: 'get',
      path: '/health',
      tags: ['Health'],
      summary: 'Liveness, version, database engine and whether the database answers',
      responses: {
        200: json(Health),
        503: json(Health, 'The database does not answer'),
      },
    }),
    async (c) => {
      const { store } = c.get('deps')
      const answers = await store.ping()
      const body = { version: KEEL_VERSION, engine: store.engine }
      return answers
        ? c.json({ ...body, ok: true, database: 'ok' as const }, 200)
        : c.json({ ...body, ok: false, database: 'unavailable' as const }, 503)
    },
  )

declare const __KEEL_VERSION__: string | undefined
/** Injected by the server build; tests and tsx read package.json's version through the env. */
const KEEL_VERSION =
  typeof __KEEL_VERSION__ === 'string' ? __KEEL_VERSION__ : (process.env.npm_package_version ?? 'dev')
