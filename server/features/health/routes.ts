// Liveness for load balancers and monitors: the version, the database engine and whether the database
// answers (a trivial query); 503 when it does not, so a balancer takes the process out of rotation.
import { z } from '@hono/zod-openapi'
import { newApp, route } from '../../lib/route'
import { json } from '../../lib/schemas'

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

export const healthRoutes = newApp().openapi(
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
