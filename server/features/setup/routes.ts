// HTTP routes for first-run set-up.
import { z } from '@hono/zod-openapi'
import { newApp, route } from '../../lib/route'
import { Email, errors, json, jsonBody, Name, Password } from '../../lib/schemas'
import { User } from '../auth/schemas'
import { startSession } from '../auth/session'
import { Workspace } from '../workspaces/schemas'
import * as service from './service'

const tags = ['Auth']

export const setupRoutes = newApp()
  .openapi(
    route('public', {
      method: 'get',
      path: '/setup',
      tags,
      summary: 'Whether first-run setup is still needed',
      responses: { 200: json(z.object({ needed: z.boolean() })) },
    }),
    async (c) => c.json({ needed: await service.setupNeeded(c.get('deps')) }, 200),
  )
  .openapi(
    route('public', {
      method: 'post',
      path: '/setup',
      tags,
      summary: 'Create the first user (an instance owner) and workspace (409 once any user exists)',
      request: {
        body: jsonBody(
          z.object({
            workspaceName: Name,
            name: Name,
            email: Email,
            password: Password,
            demo: z.boolean().optional().openapi({ description: 'Fill the workspace with the demo data' }),
          }),
        ),
      },
      responses: { 201: json(z.object({ user: User, workspace: Workspace }), 'Set up'), ...errors },
    }),
    async (c) => {
      const result = await service.setup(c.get('deps'), c.req.valid('json'))
      await startSession(c, result.user.id, 'setup')
      return c.json(result, 201)
    },
  )
