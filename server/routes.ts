// Every API feature mounted under /api. Routes are static; their dependencies arrive per request
// through the context, so this module holds no state. `AppType` feeds the web app's typed client.
import { activityRoutes } from './features/activity/routes'
import { attachmentRoutes } from './features/attachments/routes'
import { auditRoutes } from './features/audit/routes'
import { authRoutes } from './features/auth/routes'
import { twoFactorRoutes } from './features/auth/two-factor-routes'
import { commentRoutes } from './features/comments/routes'
import { customerRoutes } from './features/customers/routes'
import { emailRoutes } from './features/email/routes'
import { eventRoutes } from './features/events/routes'
import { exportRoutes } from './features/exports/routes'
import { healthRoutes } from './features/health/routes'
import { importRoutes } from './features/imports/routes'
import { instanceRoutes } from './features/instance/routes'
import { iterationRoutes } from './features/iterations/routes'
import { moduleRoutes } from './features/modules/routes'
import { notificationRoutes } from './features/notifications/routes'
import { productRoutes } from './features/products/routes'
import { providerRoutes } from './features/providers/routes'
import { releaseRoutes } from './features/releases/routes'
import { reportRoutes } from './features/reports/routes'
import { requirementRoutes } from './features/requirements/routes'
import { roadmapRoutes } from './features/roadmap/routes'
import { scimTokenRoutes } from './features/scim/routes'
import { searchRoutes } from './features/search/routes'
import { setupRoutes } from './features/setup/routes'
import { sharingRoutes } from './features/sharing/routes'
import { taskRoutes } from './features/tasks/routes'
import { webhookRoutes } from './features/webhooks/routes'
import { workspaceRoutes } from './features/workspaces/routes'
import { newApp } from './lib/route'

export const apiRoutes = newApp()
  .route('/', healthRoutes)
  .route('/', setupRoutes)
  .route('/', authRoutes)
  .route('/', instanceRoutes)
  .route('/', auditRoutes)
  .route('/', twoFactorRoutes)
  .route('/', providerRoutes)
  .route('/', scimTokenRoutes)
  .route('/', workspaceRoutes)
  .route('/', productRoutes)
  .route('/', moduleRoutes)
  .route('/', customerRoutes)
  .route('/', requirementRoutes)
  .route('/', iterationRoutes)
  .route('/', taskRoutes)
  .route('/', releaseRoutes)
  .route('/', commentRoutes)
  .route('/', attachmentRoutes)
  .route('/', searchRoutes)
  .route('/', roadmapRoutes)
  .route('/', reportRoutes)
  .route('/', sharingRoutes)
  .route('/', activityRoutes)
  .route('/', eventRoutes)
  .route('/', importRoutes)
  .route('/', webhookRoutes)
  .route('/', exportRoutes)
  .route('/', notificationRoutes)
  .route('/', emailRoutes)

export type AppType = typeof apiRoutes
