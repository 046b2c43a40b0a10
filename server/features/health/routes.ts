// Liveness: answers without touching anything but a trivial query.
import { z } from '@hono/zod-openapi'
import { newApp, route } from '../../lib/route'
import { json } from '../../lib/schemas'

export const healthRoutes = newApp().openapi(
  route('public', {
    method: 'get',
    path: '/health',
    tags: ['Health'],
    summary: 'Liveness and version',
    responses: { 200: json(z.object({ ok: z.boolean(), version: z.string() })) },
  }),
  (c) => {
    c.get('deps').db.$client.prepare('select 1').get()
    return c.json({ ok: true, version: KEEL_VERSION }, 200)
  },
)

declare const __KEEL_VERSION__: string | undefined
/** Injected by the server build; tests and tsx read package.json's version through the env. */
const KEEL_VERSION =
  typeof __KEEL_VERSION__ === 'string' ? __KEEL_VERSION__ : (process.env.npm_package_version ?? 'dev')
