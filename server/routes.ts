// Every API feature mounted under /api. Routes are static; their dependencies arrive per request
// through the context, so this module holds no state. `AppType` feeds the web app's typed client.
import { activityRoutes } from './features/activity/routes'
import { authRoutes } from './features/auth/routes'
import { eventRoutes } from './features/events/routes'
import { healthRoutes } from './features/health/routes'
import { productRoutes } from './features/products/routes'
import { workspaceRoutes } from './features/workspaces/routes'
import { newApp } from './lib/route'

export const apiRoutes = newApp()
  .route('/', healthRoutes)
  .route('/', authRoutes)
  .route('/', workspaceRoutes)
  .route('/', productRoutes)
  .route('/', activityRoutes)
  .route('/', eventRoutes)

export type AppType = typeof apiRoutes
