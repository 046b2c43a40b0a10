// Every read honours the permission of what it returns, not only of its route. Generated: a custom role
// holding each single permission (with product.view, so it reaches products) reads every GET route it is
// allowed, on a workspace seeded with one recognisable marker per guarded kind of data; no answer may
// carry a marker whose permission the role lacks.
import { describe, expect, it } from 'vitest'
import { PERMISSION_NAMES, type Permission } from '../../server/lib/permissions'
import { domainApp } from '../helpers/domain'

/** Text that only a holder of the permission may read, wherever it appears. */
const MARKERS: Record<string, Permission> = {
  'Marker Customer 宁德': 'customer.view',
  '7654321': 'customer.view',
  'ask-note-marker': 'customer.view',
  'hidden.member@example.com': 'member.view',
  'pending.invite@example.com': 'member.manage',
  'hooks.marker.example': 'webhook.manage',
  'share-label-marker': 'share.create',
}

async function seeded() {
  const d = await domainApp({ start: '2026-11-10T09:00:00.000Z' })
  const product = await d.product('MES')
  const iteration = await d.iteration(product.id, { startDate: '2026-11-09', endDate: '2026-11-20' })
  await d.ok('POST', `/iterations/${iteration.id}/start`, {}).catch(() => undefined)
  const release = await d.release(product.id, { targetDate: '2026-11-30' })
  const customer = await d.customer({
    name: 'Marker Customer 宁德',
    contractValue: 7654321,
    tier: 'strategic',
  })
  const requirement = await d.requirement(product.id, {
    title: '扫码报工',
    iterationId: iteration.id,
    releaseId: release.id,
    estimate: 5,
  })
  await d.ok(
    'POST',
    `/requirements/${requirement.id}/asks`,
    { customerId: customer.id, importance: 'critical', note: 'ask-note-marker', promisedDate: '2026-11-15' },
    201,
  )
  const task = await d.task({
    productId: product.id,
    requirementId: requirement.id,
    iterationId: iteration.id,
    kind: 'feature',
  })
  await d.ok(
    'POST',
    '/share-links',
    { productId: product.id, customerId: customer.id, label: 'share-label-marker' },
    201,
  )
  await d.ok(
    'POST',
    '/webhooks',
    {
      name: 'Robot',
      url: 'https://hooks.marker.example/x',
      events: ['*'],
      preset: 'generic',
      language: 'en',
    },
    201,
  )
  // Member names show wherever work is assigned; their email addresses only to who may see members.
  const someRole = (await d.ok('GET', '/roles'))[0].id
  await d.t.addMemberWithRole(
    d.owner,
    d.ws,
    someRole,
    'hidden.member@example.com',
    undefined,
    'Hidden Member',
  )
  await d.ok(
    'POST',
    '/members',
    { email: 'pending.invite@example.com', name: 'Pending', roleId: someRole },
    201,
  )
  const ids: Record<string, number> = {
    products: product.id,
    requirements: requirement.id,
    iterations: iteration.id,
    releases: release.id,
    customers: customer.id,
    tasks: task.id,
  }
  return { d, ids, product }
}

/** A concrete URL for a route: each `{id}` is the seeded entity named by the segment before it. */
function concrete(path: string, ws: number, ids: Record<string, number>, productId: number) {
  return path
    .replace('{ws}', String(ws))
    .replace('{productId}', String(productId))
    .replace(/([a-z-]+)\/\{id\}/g, (_, segment: string) => `${segment}/${ids[segment] ?? 999999}`)
    .replace('{key}', 'MES-1')
    .replace(/\{[a-zA-Z]+\}/g, '999999')
}

describe('reads honour the permission of what they return', () => {
  it('no GET answer carries data its reader may not see, for a custom role of each permission', async () => {
    const { d, ids, product } = await seeded()
    const doc = (await d.t.request('GET', '/api/openapi.json')).body as {
      paths: Record<string, { get?: { 'x-permission'?: string } }>
    }
    const reads = Object.entries(doc.paths)
      .filter(([path, item]) => path.includes('{ws}') && item.get && !path.endsWith('/events'))
      .map(([path, item]) => ({ path, access: item.get!['x-permission']! }))
    let checked = 0
    for (const [i, permission] of PERMISSION_NAMES.entries()) {
      const held = new Set<string>(['product.view', permission])
      const reader = await d.memberWithPermissions([...held], `reader-${i}@example.com`)
      for (const read of reads) {
        if (read.access !== 'member' && !held.has(read.access)) continue
        const url = concrete(read.path, d.ws, ids, product.id)
        const res = await d.t.request('GET', url, undefined, reader.caller)
        const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body)
        for (const [marker, needs] of Object.entries(MARKERS)) {
          if (held.has(needs)) continue
          expect(text.includes(marker), `${[...held].join('+')} read ${marker} in GET ${url}`).toBe(false)
        }
        checked++
      }
    }
    expect(checked).toBeGreaterThan(100)
  }, 120_000)
})
