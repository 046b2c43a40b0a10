// Checkpoints the write-ahead log on a thread of its own. By default SQLite checkpoints inside the commit
// that crosses 1,000 WAL pages: that commit copies the pages into the database file and syncs it, on the
// one thread that serves every request (a task move spent ~15% of its time there, and the unlucky
// request waited). Here a worker with its own connection runs a PASSIVE checkpoint every few dozen milliseconds:
// it never blocks readers or the writer, each page is copied once however often it changed meanwhile, and
// the writer restarts the log from the top once it has been copied. The writer's own automatic checkpoint
// stays as a safety net, set high, in case the worker cannot keep up or has stopped.
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type Database from 'better-sqlite3'

/** Pages (4 KiB) the log may grow to before the writer checkpoints itself (~32 MiB). */
const SAFETY_NET_PAGES = 8000
/** The log file is cut back to this size after a checkpoint let it restart. */
const LOG_SIZE_LIMIT = 16 * 1024 * 1024

// CommonJS, run by the worker: open the file and checkpoint every `busyMs` while the log keeps growing,
// every `idleMs` once it has stopped; close when told.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.path, { fileMustExist: true })
db.pragma('busy_timeout = 1000')
let lastLog = -1
let timer
const tick = () => {
  let delay = workerData.idleMs
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)')
    if (result.log !== lastLog) delay = workerData.busyMs
    lastLog = result.log
  } catch {
    // Busy, or the disk is in trouble: the next tick (or the writer's safety net) tries again.
  }
  timer = setTimeout(tick, delay)
}
tick()
parentPort.once('message', () => {
  clearTimeout(timer)
  db.close()
  parentPort.postMessage('closed')
})
`

export interface Checkpointer {
  /** Stops the worker and closes its connection; call before closing the writer's connection. */
  stop(): Promise<void>
}

/**
 * Starts checkpointing `sqlite`'s file on a worker thread. Small, frequent checkpoints keep each one short
 * (every 50 ms under writes measured best here: at 1 s a task move's p99 doubled).
 */
export function startCheckpointer(
  sqlite: Database.Database,
  { busyMs = 50, idleMs = 1000 } = {},
): Checkpointer {
  sqlite.pragma(`wal_autocheckpoint = ${SAFETY_NET_PAGES}`)
  sqlite.pragma(`journal_size_limit = ${LOG_SIZE_LIMIT}`)
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      path: sqlite.name,
      driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      busyMs,
      idleMs,
    },
  })
  worker.unref()
  let exited = false
  worker.once('exit', () => {
    exited = true
  })
  // Should the worker fail, the writer checkpoints as SQLite does by default.
  worker.on('error', () => {
    if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000')
  })
  return {
    stop: () =>
      new Promise((resolve) => {
        if (exited) return resolve()
        const done = () => resolve()
        worker.once('message', done)
        worker.once('exit', done)
        worker.postMessage('close')
      }),
  }
}
