// The store the configuration names: PostgreSQL when KEEL_DATABASE_URL is set, else the SQLite file.
import { openPgStore } from './pg/store'
import { openStore, type Store } from './store'

export interface DatabaseConfig {
  dbPath: string
  databaseUrl: string | undefined
  databasePool: number
}

/** Where the data lives, for the start-up line (a PostgreSQL address without its password). */
export function describeDatabase(config: DatabaseConfig): string {
  if (!config.databaseUrl) return config.dbPath
  const url = new URL(config.databaseUrl)
  url.password = ''
  return `PostgreSQL ${url.host}${url.pathname}`
}

/**
 * Opens the configured database and brings it to the latest migration. A PostgreSQL that cannot be reached
 * or refuses Keel throws one line that names it (no stack): the caller prints it and exits.
 */
export async function openConfiguredStore(
  config: DatabaseConfig,
  options: { checkpointer?: boolean } = {},
): Promise<Store> {
  if (!config.databaseUrl) return openStore({ path: config.dbPath, checkpointer: options.checkpointer })
  try {
    return await openPgStore({ url: config.databaseUrl, poolSize: config.databasePool })
  } catch (error) {
    throw new Error(`Cannot open the database at ${describeDatabase(config)}: ${reasonOf(error)}`)
  }
}

/** An error's message; a failed connection to every address of a host is an AggregateError without one. */
function reasonOf(error: unknown): string {
  if (error instanceof AggregateError && !error.message)
    return [...new Set(error.errors.map(reasonOf))].join('; ')
  if (error instanceof Error) return error.message || (error as { code?: string }).code || error.name
  return String(error)
}
