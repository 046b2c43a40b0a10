// drizzle-kit configuration: generates SQL migrations from db/schema into db/migrations.
import { defineConfig } from 'drizzle-kit'

export default defineConfig({
  dialect: 'sqlite',
  schema: './db/schema/index.ts',
  out: './db/migrations',
})
