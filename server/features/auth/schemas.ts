// Response schemas shared by the auth, set-up and workspace routes.
import { z } from '@hono/zod-openapi'

export const User = z.object({ id: z.number(), email: z.string(), name: z.string() }).openapi('User')
