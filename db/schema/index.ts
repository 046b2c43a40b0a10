// The whole database schema; drizzle-kit reads this file to generate migrations.
export * from './activity'
export * from './customers'
export * from './integrations'
export * from './planning'
export * from './platform'
export * from './products'
export * from './sharing'
export * from './work'
