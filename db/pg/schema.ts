// The PostgreSQL tables, one per table of db/schema (derived in db/pg/tables.ts), as drizzle-kit reads them
// to generate db/pg/migrations. A table added to db/schema must be added here: the parity test says so.
import * as schema from '../schema'
import { pgTablesFrom } from './tables'

export const {
  activity,
  cursors,
  notifications,
  notificationSettings,
  watchers,
  customers,
  externalRefs,
  importRuns,
  webhookDeliveries,
  webhooks,
  iterations,
  modules,
  releases,
  accessEpoch,
  apiTokens,
  instanceSettings,
  invites,
  members,
  passwordResets,
  roles,
  sessions,
  throttles,
  users,
  workspaces,
  memberProducts,
  products,
  shareLinks,
  comments,
  customerAsks,
  requirements,
  tasks,
} = pgTablesFrom(schema)
