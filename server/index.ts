// Starts Keel: one process serving the API and the built web app, with graceful shutdown.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { serve } from '@hono/node-server'
import { openStore } from '../db/store'
import { createApp } from './app'
import { loadConfig } from './config'
import { EventBus } from './lib/events'

const here = dirname(fileURLToPath(import.meta.url))

export function start() {
  const started = performance.now()
  const config = loadConfig()
  const log = config.log ? (line: string) => console.log(`${new Date().toISOString()} ${line}`) : () => {}
  const store = openStore({ path: config.dbPath, checkpointer: true })
  const events = new EventBus()
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
  })
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    const shown = config.host === '0.0.0.0' ? 'localhost' : config.host
    console.log(
      `Keel is running at http://${shown}:${info.port} (data: ${config.dbPath}, ready in ${(performance.now() - started).toFixed(0)} ms)`,
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

start()
