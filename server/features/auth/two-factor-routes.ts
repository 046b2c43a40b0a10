// HTTP routes for your own two-factor authentication: its state, setting it up (a secret and QR code,
// confirmed with a first code), new recovery codes, and turning it off. The setup routes stay open to a
// session that the instance requires to set it up first.
import { z } from '@hono/zod-openapi'
import { newApp, requireAuth, route } from '../../lib/route'
import { errors, json, jsonBody, noContent } from '../../lib/schemas'
import * as twoFactor from './two-factor'

const tags = ['Auth']
const Code = z
  .string()
  .trim()
  .min(6)
  .max(20)
  .openapi({ description: 'A code from the app, or a recovery code' })
const RecoveryCodes = z
  .object({ recoveryCodes: z.array(z.string()).openapi({ description: 'Shown this once; each works once' }) })
  .openapi('RecoveryCodes')
const beforeTwoFactor = { beforeTwoFactor: true }

export const twoFactorRoutes = newApp()
  .openapi(
    route(
      'authenticated',
      {
        method: 'get',
        path: '/me/totp',
        tags,
        summary:
          'Whether your two-factor authentication is on, since when, and how many recovery codes are left',
        responses: {
          200: json(
            z.object({
              enabled: z.boolean(),
              enabledAt: z.string().nullable(),
              recoveryCodesLeft: z.number(),
              required: z
                .boolean()
                .openapi({ description: 'The instance requires it: it cannot be turned off' }),
            }),
          ),
          ...errors,
        },
      },
      beforeTwoFactor,
    ),
    async (c) => c.json(await twoFactor.status(c.get('deps'), requireAuth(c).user.id), 200),
  )
  .openapi(
    route(
      'authenticated',
      {
        method: 'post',
        path: '/me/totp',
        tags,
        summary:
          'Start turning on two-factor authentication: a new secret for an authenticator app, as text, otpauth:// link and QR code (an SVG data URL); confirm it with a code. Already on: 409',
        responses: {
          200: json(z.object({ secret: z.string(), otpauthUrl: z.string(), qrCode: z.string() })),
          ...errors,
        },
      },
      beforeTwoFactor,
    ),
    async (c) => c.json(await twoFactor.beginSetup(c.get('deps'), requireAuth(c).user), 200),
  )
  .openapi(
    route(
      'authenticated',
      {
        method: 'post',
        path: '/me/totp/confirm',
        tags,
        summary:
          'Turn two-factor on with the first code of the new secret; answers ten recovery codes, shown this once (wrong code: 400)',
        request: { body: jsonBody(z.object({ code: Code })) },
        responses: { 200: json(RecoveryCodes), ...errors },
      },
      beforeTwoFactor,
    ),
    async (c) =>
      c.json(await twoFactor.confirmSetup(c.get('deps'), requireAuth(c).user, c.req.valid('json').code), 200),
  )
  .openapi(
    route('authenticated', {
      method: 'post',
      path: '/me/totp/recovery-codes',
      tags,
      summary: 'Ten new recovery codes in place of the old ones, with a code (shown this once)',
      request: { body: jsonBody(z.object({ code: Code })) },
      responses: { 200: json(RecoveryCodes), ...errors },
    }),
    async (c) =>
      c.json(
        await twoFactor.regenerateRecoveryCodes(
          c.get('deps'),
          requireAuth(c).user,
          c.req.valid('json').code,
          c.get('clientIp'),
        ),
        200,
      ),
  )
  .openapi(
    route('authenticated', {
      method: 'delete',
      path: '/me/totp',
      tags,
      summary:
        'Turn two-factor off with a code; recovery codes and trusted browsers go too (the instance requires it: 409)',
      request: { body: jsonBody(z.object({ code: Code })) },
      responses: { 204: noContent, ...errors },
    }),
    async (c) => {
      await twoFactor.disable(c.get('deps'), requireAuth(c).user, c.req.valid('json').code, c.get('clientIp'))
      return c.body(null, 204)
    },
  )
