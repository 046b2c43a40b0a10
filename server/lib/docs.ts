// The API reference page at /api/docs: Swagger UI served from the installed swagger-ui-dist package,
// so the page works on networks without internet access (no CDN) and under a strict CSP.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { Hono } from 'hono'
import type { AppEnv } from './context'

const distDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))
const assets: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
}

const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Keel API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/api/docs/swagger-ui.css"></head>
<body><div id="ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script><script src="/api/docs/init.js"></script></body></html>`

const init = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#ui', deepLinking: true })`

export function docsRoutes() {
  const cache = new Map<string, string>()
  const read = (name: string) => {
    let text = cache.get(name)
    if (text === undefined) {
      text = readFileSync(join(distDir, name), 'utf8')
      cache.set(name, text)
    }
    return text
  }
  return new Hono<AppEnv>()
    .get('/', (c) => c.html(page))
    .get('/init.js', (c) => c.body(init, 200, { 'content-type': 'text/javascript; charset=utf-8' }))
    .get('/:asset', (c) => {
      const type = assets[c.req.param('asset')]
      if (!type) return c.notFound()
      return c.body(read(c.req.param('asset')), 200, {
        'content-type': type,
        'cache-control': 'public, max-age=86400',
      })
    })
}
