// Starts Keel: one process serving the API and the built web app, with graceful shutdown. On PostgreSQL any
// number of these processes serve one Keel (server/lib/relay.ts carries each one's changes to the others).
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { serve } from '@hono/node-server'
import { describeDatabase, openConfiguredStore } from '../db/open'
import type { PgStore } from '../db/pg/store'
import { createApp } from './app'
import { loadConfig } from './config'
import { EventBus } from './lib/events'
import { startRelay } from './lib/relay'

const here = dirname(fileURLToPath(import.meta.url))

export async function start() {
  const started = performance.now()
  const config = loadConfig()
  const log = config.log ? (line: string) => console.log(`${new Date().toISOString()} ${line}`) : () => {}
  const store = await openConfiguredStore(config, { checkpointer: true })
  const events = new EventBus()
  const relay = store.engine === 'postgres' ? startRelay((store as PgStore).url, events, log) : undefined
  const app = createApp({
    store,
    events,
    log,
    // The bundle lives in dist/server, the built web app in dist/web; `npm run dev` serves the web with Vite.
    webDir:
      process.env.KEEL_WEB_DIR === '' ? undefined : (process.env.KEEL_WEB_DIR ?? join(here, '..', 'web')),
    publicUrl: config.publicUrl,
    trustProxy: config.trustProxy,
    webhooks: { allowPrivate: config.webhookAllowPrivate },
    mail: config.mail,
    localOrigin: `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`,
    files: config.files,
    providers: config.providers,
  })
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    const shown = config.host === '0.0.0.0' ? 'localhost' : config.host
    console.log(
      `Keel is running at http://${shown}:${info.port} (data: ${describeDatabase(config)}, ready in ${(performance.now() - started).toFixed(0)} ms)`,
    )
  })

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`${signal} received: finishing requests, then closing the database`)
    events.shutdown()
    const force = setTimeout(() => {
      if ('closeAllConnections' in server) server.closeAllConnections()
    }, 10_000)
    force.unref()
    server.close(async () => {
      await relay?.stop()
      await store.close()
      console.log('Keel stopped')
      process.exit(0)
    })
    if ('closeIdleConnections' in server) server.closeIdleConnections()
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
  return server
}

void start().catch((error) => {
  // One clear line, not a stack: a wrong KEEL_DATABASE_URL, an unreachable database, a bad setting.
  console.error(error instanceof Error ? error.message : String(error))
  process.exit(1)
})
