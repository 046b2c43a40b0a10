// Comments are edited and deleted by their author (issue 14): an edit shows as edited and the history keeps
// the earlier text; others may delete only with comment.moderate; nobody edits someone else's words.
import { describe, expect, it } from 'vitest'
import { domainApp, type Json } from '../helpers/domain'

async function discussion() {
  const d = await domainApp()
  const p = await d.product()
  const r = await d.requirement(p.id, { title: 'Andon board shows the stop reason' })
  const dev = await d.memberWithPermissions(
    ['requirement.view', 'task.view', 'comment.create'],
    'dev@example.com',
  )
  const moderator = await d.memberWithPermissions(
    ['requirement.view', 'task.view', 'comment.create', 'comment.moderate'],
    'lead@example.com',
  )
  const said = await d.ok(
    'POST',
    `/requirements/${r.id}/comments`,
    { body: 'Needs the PLC tag list' },
    201,
    dev.caller,
  )
  return { d, r, dev, moderator, said }
}

describe('editing a comment', () => {
  it('lets its author change it; it shows as edited, and the history keeps what it said', async () => {
    const { d, r, dev, said } = await discussion()
    d.t.clock.advance(60_000)
    const edited = await d.ok(
      'PATCH',
      `/comments/${said.id}`,
      { body: 'Needs the PLC tag list (v2)' },
      200,
      dev.caller,
    )
    expect(edited).toMatchObject({ body: 'Needs the PLC tag list (v2)', version: said.version + 1 })
    expect(edited.updatedAt > edited.createdAt).toBe(true)
    const list = await d.ok('GET', `/requirements/${r.id}/comments`)
    expect(list.items[0]).toMatchObject({ body: 'Needs the PLC tag list (v2)' })
    const history = await d.ok('GET', `/activity?entityType=comment&entityId=${said.id}`)
    expect(history.items[0]).toMatchObject({
      action: 'updated',
      before: { body: 'Needs the PLC tag list' },
      after: { body: 'Needs the PLC tag list (v2)' },
    })
    // A stale version is refused.
    const stale = await d.api(
      'PATCH',
      `/comments/${said.id}`,
      { body: 'x', version: said.version },
      dev.caller,
    )
    expect(stale.status).toBe(409)
  })

  it('refuses anyone else, even the owner and a moderator; an empty body is refused', async () => {
    const { d, dev, moderator, said } = await discussion()
    for (const who of [d.owner, moderator.caller]) {
      const res = await d.api('PATCH', `/comments/${said.id}`, { body: 'Rewritten by someone else' }, who)
      expect(res.status).toBe(403)
    }
    expect((await d.api('PATCH', `/comments/${said.id}`, { body: '   ' }, dev.caller)).status).toBe(400)
  })
})

describe('deleting a comment', () => {
  it('lets its author or a moderator delete it, nobody else; the history keeps it', async () => {
    const { d, r, dev, moderator, said } = await discussion()
    const other = await d.memberWithPermissions(['requirement.view', 'comment.create'], 'other@example.com')
    expect((await d.api('DELETE', `/comments/${said.id}`, undefined, other.caller)).status).toBe(403)
    await d.ok('DELETE', `/comments/${said.id}`, undefined, 204, moderator.caller)
    expect((await d.ok('GET', `/requirements/${r.id}/comments`)).items).toEqual([])
    const history = await d.ok('GET', `/activity?entityType=comment&entityId=${said.id}`)
    expect(history.items[0]).toMatchObject({ action: 'deleted', before: { body: 'Needs the PLC tag list' } })

    const own = await d.ok('POST', `/requirements/${r.id}/comments`, { body: 'Mine' }, 201, dev.caller)
    await d.ok('DELETE', `/comments/${own.id}`, undefined, 204, dev.caller)
    expect((await d.api('DELETE', `/comments/${own.id}`, undefined, dev.caller)).status).toBe(404)
  })

  it('hides comments of requirements a narrowed member cannot see (404)', async () => {
    const { d, said } = await discussion()
    const other = await d.product('ERP')
    const narrowed = await d.memberWithPermissions(
      ['requirement.view', 'comment.create', 'comment.moderate'],
      'narrow@example.com',
      [other.id],
    )
    expect((await d.api('DELETE', `/comments/${said.id}`, undefined, narrowed.caller)).status).toBe(404)
    const kept = (await d.ok('GET', `/activity?entityType=comment&entityId=${said.id}`)).items as Json[]
    expect(kept.map((a) => a.action)).toEqual(['created'])
  })
})
