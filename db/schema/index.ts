// The whole database schema; drizzle-kit reads this file to generate migrations.
export * from './activity'
export * from './platform'
export * from './products'
