// @mentions (issue 16): a mention in a comment or a description tells the person once and makes them a
// watcher; an edit tells only the newly mentioned; someone who cannot see the item is told nothing; an
// id that is no member is refused; and the list to mention from finds 张伟 by "zw", "zhang" and "张".
import { describe, expect, it } from 'vitest'
import { mentionOf } from '../../domain/mentions'
import type { Caller } from '../helpers/app'
import { type Domain, domainApp, type Json, rows } from '../helpers/domain'

async function team() {
  const d = await domainApp()
  const p = await d.product('MES')
  const other = await d.product('WMS')
  const zhang = await d.t.addMemberWithRole(
    d.owner,
    d.ws,
    await d.t.roleId(d.owner, d.ws, 'developer'),
    'zw@example.com',
    undefined,
    '张伟',
  )
  const lin = await d.t.addMemberWithRole(
    d.owner,
    d.ws,
    await d.t.roleId(d.owner, d.ws, 'developer'),
    'lin@example.com',
    undefined,
    'Lin Na',
  )
  // Sees only the other product.
  const wang = await d.t.addMemberWithRole(
    d.owner,
    d.ws,
    await d.t.roleId(d.owner, d.ws, 'developer'),
    'wang@example.com',
    [other.id],
    '王芳',
  )
  await d.ok('POST', '/notifications/archive', { all: true })
  return { d, p, other, zhang, lin, wang }
}

const inbox = (d: Domain, as: Caller) =>
  d.ok('GET', '/notifications', undefined, 200, as).then((r) => r.items as Json[])

describe('mentions', () => {
  it('tells the mentioned once (not also as a watcher), makes them watch, and links the comment', async () => {
    const { d, p, zhang } = await team()
    const r = await d.requirement(p.id, { title: '安灯看板' })
    await d.ok('POST', `/requirements/${r.id}/watchers`, undefined, 200, zhang.caller)
    const said = await d.ok(
      'POST',
      `/requirements/${r.id}/comments`,
      { body: `请 ${mentionOf(zhang.userId, '张伟')} 看看` },
      201,
    )
    const items = await inbox(d, zhang.caller)
    expect(items).toHaveLength(1)
    expect(items[0]).toMatchObject({
      kind: 'mentioned',
      entityType: 'requirement',
      entityId: r.id,
      commentId: said.id,
    })
  })

  it('tells a watcher who turned mentions off of the comment instead', async () => {
    const { d, p, zhang } = await team()
    const r = await d.requirement(p.id, { title: '安灯看板' })
    await d.ok('POST', `/requirements/${r.id}/watchers`, undefined, 200, zhang.caller)
    const off = await d.t.request(
      'PATCH',
      '/api/me/notification-preferences',
      { mentioned: 'off' },
      zhang.caller,
    )
    expect(off.status).toBe(200)
    const said = await d.ok(
      'POST',
      `/requirements/${r.id}/comments`,
      { body: `请 ${mentionOf(zhang.userId, '张伟')} 看看` },
      201,
    )
    const items = await inbox(d, zhang.caller)
    expect(items.map((n) => [n.kind, n.commentId])).toEqual([['commented', said.id]])
  })

  it('in a description: on create, and on an edit only for the newly mentioned', async () => {
    const { d, p, zhang, lin } = await team()
    const r = await d.requirement(p.id, { description: `Owner: ${mentionOf(zhang.userId, '张伟')}` })
    expect((await inbox(d, zhang.caller)).map((n) => n.kind)).toEqual(['mentioned'])
    await d.ok('PATCH', `/requirements/${r.id}`, {
      description: `Owner: ${mentionOf(zhang.userId, '张伟')}, with ${mentionOf(lin.userId, 'Lin Na')}`,
    })
    expect((await inbox(d, zhang.caller)).map((n) => n.kind)).toEqual(['mentioned'])
    expect((await inbox(d, lin.caller)).map((n) => n.kind)).toEqual(['mentioned'])
    const watchers = await d.ok('GET', `/requirements/${r.id}/watchers`)
    expect(watchers.items.map((w: Json) => w.id)).toEqual(expect.arrayContaining([zhang.userId, lin.userId]))
    const task = await d.task({ productId: p.id, description: `${mentionOf(lin.userId, 'Lin Na')} please` })
    expect((await inbox(d, lin.caller)).map((n) => [n.kind, n.entityType])).toContainEqual([
      'mentioned',
      'task',
    ])
    // An edited comment tells those it newly mentions.
    const said = await d.ok('POST', `/tasks/${task.id}/comments`, { body: 'Plain' }, 201)
    await d.ok('PATCH', `/comments/${said.id}`, { body: `Plain, ${mentionOf(zhang.userId, '张伟')}` })
    expect(
      (await inbox(d, zhang.caller)).some((n) => n.kind === 'mentioned' && n.commentId === said.id),
    ).toBe(true)
  })

  it('tells nobody who cannot see the item, and refuses an id that is no member', async () => {
    const { d, p, wang } = await team()
    const r = await d.requirement(p.id)
    await d.ok(
      'POST',
      `/requirements/${r.id}/comments`,
      { body: `${mentionOf(wang.userId, '王芳')} FYI` },
      201,
    )
    expect(await inbox(d, wang.caller)).toEqual([])
    expect((await rows(d.t, 'watchers')).some((w) => w.user_id === wang.userId)).toBe(false)

    const before = await rows(d.t, 'comments')
    const refused = await d.api('POST', `/requirements/${r.id}/comments`, {
      body: `${mentionOf(999, 'Ghost')} hi`,
    })
    expect(refused.status).toBe(400)
    expect(refused.body.error).toMatchObject({ code: 'invalid_input', details: { userIds: [999] } })
    expect(await rows(d.t, 'comments')).toEqual(before)
    const badTask = await d.api('POST', '/tasks', {
      kind: 'chore',
      title: 'x',
      productId: p.id,
      description: mentionOf(998, 'x'),
    })
    expect(badTask.status).toBe(400)
  })
})

describe('whom to mention', () => {
  it('finds 张伟 by pinyin, initials and characters; Latin names by any word; only those who can see', async () => {
    const people = await team()
    const { d, p, lin } = people
    const r = await d.requirement(p.id)
    const find = async (q: string) =>
      (
        await d.ok('GET', `/mentionable?entityType=requirement&entityId=${r.id}&q=${encodeURIComponent(q)}`)
      ).items.map((m: Json) => m.name)
    for (const q of ['zw', 'zhang', 'zhangwei', '张', '伟', 'wei']) expect(await find(q), q).toContain('张伟')
    expect(await find('na')).toEqual(['Lin Na'])
    expect(await find('')).toEqual(expect.arrayContaining(['张伟', 'Lin Na']))
    // 王芳 cannot see MES: never offered for its items, but offered in WMS.
    expect(await find('wang')).toEqual([])
    expect(await find('')).not.toContain('王芳')
    const inOther = await d.ok(
      'GET',
      `/mentionable?productId=${(await d.ok('GET', '/products')).items.find((x: Json) => x.key === 'WMS').id}&q=wf`,
    )
    expect(inOther.items.map((m: Json) => m.name)).toEqual(['王芳'])
    // The caller is left out; emails only for those who see the members.
    expect(await find('olivia')).toEqual([])
    const reader = await d.memberWithPermissions(['requirement.view', 'product.view'], 'reader@example.com')
    const asReader = await d.ok(
      'GET',
      `/mentionable?entityType=requirement&entityId=${r.id}&q=lin`,
      undefined,
      200,
      reader.caller,
    )
    expect(asReader.items).toEqual([{ id: lin.userId, name: 'Lin Na' }])
    // Nor are they found by their address.
    const byMail = await d.ok(
      'GET',
      `/mentionable?entityType=requirement&entityId=${r.id}&q=lin@`,
      undefined,
      200,
      reader.caller,
    )
    expect(byMail.items).toEqual([])
    expect((await find('lin@')).length).toBe(1)
    // Which of the people a text mentions may see the item (the editor warns of the others).
    const { zhang, wang } = people
    const some = await d.ok(
      'GET',
      `/mentionable?entityType=requirement&entityId=${r.id}&ids=${zhang.userId},${wang.userId}`,
    )
    expect(some.items.map((m: Json) => m.id)).toEqual([zhang.userId])
  })

  it('answers 404 for an item the caller cannot see and 400 for half an item', async () => {
    const { d, p, wang } = await team()
    const r = await d.requirement(p.id)
    expect(
      (await d.api('GET', `/mentionable?entityType=requirement&entityId=${r.id}`, undefined, wang.caller))
        .status,
    ).toBe(404)
    expect((await d.api('GET', '/mentionable?entityType=requirement')).status).toBe(400)
  })
})
