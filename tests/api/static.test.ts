import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../server/app'
import { testStore } from '../helpers/store'

function webApp() {
  const dir = mkdtempSync(join(tmpdir(), 'keel-web-'))
  mkdirSync(join(dir, 'assets'))
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Keel</title><div id="root"></div>')
  writeFileSync(join(dir, 'assets', 'app-abc123.js'), 'console.log(1)')
  writeFileSync(join(dir, 'assets', 'app-abc123.js.br'), brotliCompressSync('console.log(1)'))
  writeFileSync(join(tmpdir(), 'keel-secret.txt'), 'secret')
  return createApp({ store: testStore(), webDir: dir })
}

describe('serving the web app', () => {
  it('serves hashed assets with long caching and index.html for app routes', async () => {
    const app = webApp()
    const asset = await app.request('/assets/app-abc123.js')
    expect(asset.status).toBe(200)
    expect(asset.headers.get('cache-control')).toContain('immutable')
    for (const path of ['/', '/w/1/settings/members', '/invite/abc']) {
      const res = await app.request(path)
      expect(res.status, path).toBe(200)
      expect(await res.text()).toContain('<div id="root">')
      expect(res.headers.get('cache-control')).toBe('no-cache')
    }
  })

  it('sends the precompressed asset to browsers that accept it, and the plain one to others', async () => {
    const app = webApp()
    const br = await app.request('/assets/app-abc123.js', {
      headers: { 'Accept-Encoding': 'gzip, deflate, br' },
    })
    expect(br.headers.get('content-encoding')).toBe('br')
    expect(br.headers.get('vary')).toContain('Accept-Encoding')
    expect(br.headers.get('content-type')).toContain('javascript')
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe('console.log(1)')
    const plain = await app.request('/assets/app-abc123.js', { headers: { 'Accept-Encoding': 'identity' } })
    expect(plain.headers.get('content-encoding')).toBeNull()
    expect(await plain.text()).toBe('console.log(1)')
  })

  it('never serves files outside the web directory', async () => {
    const app = webApp()
    for (const path of [
      '/../keel-secret.txt',
      '/assets/../../keel-secret.txt',
      '/%2e%2e/keel-secret.txt',
      '/..%2fkeel-secret.txt',
    ]) {
      const res = await app.request(path)
      expect(await res.text(), path).not.toContain('secret')
    }
  })

  it('keeps unknown API routes as JSON 404s rather than the app page', async () => {
    const app = webApp()
    const res = await app.request('/api/unknown')
    expect(res.status).toBe(404)
    expect((await res.json()).error.code).toBe('not_found')
  })
})
