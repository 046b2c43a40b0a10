// A big upload is parsed without stalling the server: other people's requests are answered while a
// 30 MB CSV is being read.
import { describe, expect, test } from 'vitest'
import { makeApp, ORIGIN } from '../helpers/app'
import { workspaceWithProduct } from '../helpers/imports'

/** A generic CSV of about `megabytes` MB: many ordinary rows, as a real tracker export would have. */
function bigCsv(megabytes: number) {
  const lines = ['Key,Title,Type,Status,Priority,Estimate,Description,Module,Sprint']
  let size = 0
  for (let i = 0; size < megabytes * 1024 * 1024; i++) {
    const line = `K-${i},"Item ${i}, with a comma",Story,In Progress,High,3,"What item ${i} is about, told at the length a real description has.",Line ${i % 20},Sprint ${i % 30}`
    lines.push(line)
    size += line.length + 1
  }
  return new TextEncoder().encode(lines.join('\n'))
}

describe('a big import and everyone else', () => {
  test('health checks are answered while a 30 MB CSV is being parsed', async () => {
    const t = makeApp()
    const { owner, ws, productId } = await workspaceWithProduct(t)
    const form = new FormData()
    form.set('file', new File([bigCsv(30)], 'big.csv'))
    form.set('productId', String(productId))
    form.set('dryRun', 'true')
    const encoded = new Request(`${ORIGIN}/`, { method: 'POST', body: form })
    const payload = new Uint8Array(await encoded.arrayBuffer())
    // The body is handed over in chunks, so the test knows when the server has all of it: from then on
    // the server is parsing, and a stalled parse would leave every other request waiting until it ends.
    let offset = 0
    let received = false
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (offset >= payload.length) {
          received = true
          controller.close()
          return
        }
        controller.enqueue(payload.subarray(offset, offset + 1024 * 1024))
        offset += 1024 * 1024
      },
    })
    let importDone = false
    const importing = Promise.resolve(
      t.app.request(`${ORIGIN}/api/workspaces/${ws}/imports`, {
        method: 'POST',
        headers: {
          origin: ORIGIN,
          ...owner.headers,
          'content-type': encoded.headers.get('content-type')!,
        },
        body,
        duplex: 'half',
      } as RequestInit),
    ).then(async (res) => {
      const json = (await res.json()) as { counts?: { created: number } }
      importDone = true
      return { status: res.status, json }
    })

    // Health checks one after another until the import answers; count those served after the upload
    // was complete and before the import answered.
    let servedDuringParse = 0
    while (!importDone) {
      await new Promise((resolve) => setImmediate(resolve))
      if (importDone) break
      const wasReceived = received
      const health = await t.request('GET', '/api/health')
      expect(health.status).toBe(200)
      if (wasReceived && !importDone) servedDuringParse++
    }
    const result = await importing
    expect(result.status).toBe(200)
    expect(result.json.counts?.created).toBeGreaterThan(100_000)
    // A parse that never hands the loop back lets none through; this one lets hundreds through.
    expect(servedDuringParse).toBeGreaterThanOrEqual(10)
  }, 60_000)
})
