// PostgreSQL's migrations, generated from the same tables (db/pg/schema.ts derives them from db/schema).
import { defineConfig } from 'drizzle-kit'

export default defineConfig({
  dialect: 'postgresql',
  schema: './db/pg/schema.ts',
  out: './db/pg/migrations',
})
