// Where the request being served comes from (its address and browser), for the audit log: set once per
// request by the app, read by the write path without every service passing it along.
import { AsyncLocalStorage } from 'node:async_hooks'

export interface RequestInfo {
  address: string
  userAgent: string
}

const storage = new AsyncLocalStorage<RequestInfo>()

/** Runs `fn` (the rest of a request) with its address and browser known to everything it calls. */
export const withRequestInfo = <T>(info: RequestInfo, fn: () => T): T => storage.run(info, fn)

/** The request being served, if any (undefined for the command line and timers started outside one). */
export const requestInfo = (): RequestInfo | undefined => storage.getStore()
