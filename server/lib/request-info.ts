// Where the request being served comes from (its address and browser), for the audit log. Each request's
// dependencies carry it (AppDeps.request, set by the app): an AsyncLocalStorage would cost every promise
// of every request (Node 20 runs it on async hooks: task moves lost 7-10 %).
export interface RequestInfo {
  address: string
  userAgent: string
}
