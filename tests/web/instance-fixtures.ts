// Answers of the instance owners' API that several page tests need: the instance's health, as GET
// /api/admin/health gives it, with any part changed.
export interface HealthAnswer {
  version: string
  engine: 'sqlite' | 'postgres'
  node: string
  uptimeSeconds: number
  databaseBytes: number
  files: { count: number; bytes: number }
  accounts: { total: number; deactivated: number; instanceOwners: number; twoFactor: number }
  workspaces: number
  liveSessions: number
  jobs: {
    running: number
    emailOn: boolean
    emails: { waiting: number; failed: number }
    webhooks: { waiting: number; failed: number }
  }
  auditEvents: number
}

/** A calm instance: nothing waiting, nothing failed. */
export const healthAnswer = (over: Partial<HealthAnswer> = {}): HealthAnswer => ({
  version: '0.1.0',
  engine: 'sqlite',
  node: 'v22.12.0',
  uptimeSeconds: 3600,
  databaseBytes: 2_400_000,
  files: { count: 0, bytes: 0 },
  accounts: { total: 3, deactivated: 0, instanceOwners: 1, twoFactor: 0 },
  workspaces: 1,
  liveSessions: 1,
  jobs: {
    running: 0,
    emailOn: true,
    emails: { waiting: 0, failed: 0 },
    webhooks: { waiting: 0, failed: 0 },
  },
  auditEvents: 12,
  ...over,
})
