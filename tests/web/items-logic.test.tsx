// The detail page's logic: the history reads as sentences in both languages, and the acceptance checklist
// saves the whole list on every change. (Markdown sanitizing is tested in Chromium: tests/e2e/pm-markdown.)
import { createRoot } from 'solid-js'
import { render } from 'solid-js/web'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { type ActivityNames, describeActivity } from '../../web/src/features/activity/activity-text'
import { AcceptanceChecklist, type Criterion } from '../../web/src/features/requirements/acceptance'
import { createI18n, I18nProvider, type Locale } from '../../web/src/i18n'

let dispose: (() => void) | undefined
afterEach(() => {
  dispose?.()
  dispose = undefined
  document.body.innerHTML = ''
})

const names: ActivityNames = {
  iteration: (id) => (id === 3 ? 'Sprint 3' : undefined),
  module: (id) => (id === 4 ? 'Quality / SPC' : undefined),
  release: () => undefined,
  member: (id) => (id === 7 ? '张伟' : undefined),
}

function say(
  locale: Locale,
  entry: Parameters<typeof describeActivity>[0],
  entity: 'requirement' | 'task' = 'requirement',
) {
  return createRoot((done) => {
    const phrases = describeActivity(entry, entity, names, createI18n(locale, false))
    done()
    return phrases
  })
}

describe('activity in words', () => {
  it('a status move, in English and Chinese', () => {
    const entry = {
      action: 'transitioned',
      automatic: false,
      before: { status: 'planned' },
      after: { status: 'developing' },
    }
    expect(say('en', entry)).toEqual(['moved status Planned → Developing'])
    expect(say('zh-CN', entry)).toEqual(['将状态从 已排期 改为 开发中'])
  })

  it('a file attached to the item or to one of its comments, and removed', () => {
    const attached = {
      entityType: 'attachment',
      action: 'created',
      automatic: false,
      before: null,
      after: { name: 'spec.pdf', target: 'requirement', targetId: 1 },
    }
    expect(say('en', attached)).toEqual(['attached spec.pdf'])
    expect(say('zh-CN', attached)).toEqual(['添加了附件 spec.pdf'])
    const onComment = { ...attached, after: { name: 'log.txt', target: 'comment', targetId: 9 } }
    expect(say('en', onComment)).toEqual(['attached log.txt to a comment'])
    const removed = { ...attached, action: 'deleted', before: attached.after, after: null }
    expect(say('en', removed)).toEqual(['removed the file spec.pdf'])
    expect(say('zh-CN', removed)).toEqual(['删除了附件 spec.pdf'])
  })

  it('an import: from which system, under which key, from which file', () => {
    const entry = {
      action: 'imported',
      automatic: false,
      before: null,
      after: { source: 'zentao', key: 'story-7', file: 'stories.csv' },
    }
    expect(say('en', entry)).toEqual(['imported it from ZenTao (story-7, file stories.csv)'])
    expect(say('zh-CN', entry)).toEqual(['从禅道导入（原编号 story-7，文件 stories.csv）'])
  })

  it('several fields of one edit, by name, leaving out derived ones', () => {
    const entry = {
      action: 'updated',
      automatic: false,
      before: { priority: 'P2', iterationId: null, moduleId: null, score: 1, rank: 'a0', updatedAt: 'x' },
      after: { priority: 'P1', iterationId: 3, moduleId: 4, score: 2, rank: 'a1', updatedAt: 'y' },
    }
    expect(say('en', entry)).toEqual([
      'changed Priority P2 → P1',
      'put it into Sprint 3',
      'changed Module none → Quality / SPC',
    ])
  })

  it('a task: assigned, blocked with a reason, reordered within a column', () => {
    expect(
      say(
        'en',
        { action: 'updated', automatic: false, before: { assigneeId: null }, after: { assigneeId: 7 } },
        'task',
      ),
    ).toEqual(['assigned it to 张伟'])
    expect(
      say(
        'en',
        {
          action: 'moved',
          automatic: false,
          before: { status: 'doing', blockedReason: null },
          after: { status: 'blocked', blockedReason: 'Waiting for the PLC vendor' },
        },
        'task',
      ),
    ).toEqual(['moved status Doing → Blocked', 'noted “Waiting for the PLC vendor”'])
    expect(
      say(
        'en',
        {
          action: 'moved',
          automatic: false,
          before: { status: 'todo', rank: 'a' },
          after: { status: 'todo', rank: 'b' },
        },
        'task',
      ),
    ).toEqual(['reordered it on the board'])
  })

  it('creation, re-ranking and deletion', () => {
    expect(say('en', { action: 'created', automatic: false, before: null, after: { title: 'x' } })).toEqual([
      'created this requirement',
    ])
    expect(
      say('zh-CN', {
        action: 'moved',
        automatic: false,
        before: { rank: 'a' },
        after: { rank: 'b', beforeId: 3 },
      }),
    ).toEqual(['调整了它在需求池中的排序'])
    expect(say('en', { action: 'deleted', automatic: false, before: { title: 'x' }, after: null })).toEqual([
      'deleted it',
    ])
  })
})

describe('AcceptanceChecklist', () => {
  function mount(items: Criterion[], canEdit = true) {
    const onSave = vi.fn()
    const container = document.createElement('div')
    document.body.append(container)
    dispose = render(
      () => (
        <I18nProvider locale="en">
          <AcceptanceChecklist items={items} canEdit={canEdit} onSave={onSave} />
        </I18nProvider>
      ),
      container,
    )
    return { container, onSave }
  }

  it('toggles, adds and removes criteria, saving the whole list each time', () => {
    const items = [
      { text: 'Reads the label', done: false },
      { text: 'Works with gloves', done: true },
    ]
    const { container, onSave } = mount(items)
    expect(container.textContent).toContain('1 of 2 met')
    container.querySelector<HTMLInputElement>('input[type="checkbox"]')!.click()
    expect(onSave).toHaveBeenLastCalledWith([
      { text: 'Reads the label', done: true },
      { text: 'Works with gloves', done: true },
    ])
    container.querySelector<HTMLButtonElement>('button[aria-label="Remove “Works with gloves”"]')!.click()
    expect(onSave).toHaveBeenLastCalledWith([{ text: 'Reads the label', done: false }])
    const input = container.querySelector<HTMLInputElement>('input:not([type])')!
    input.value = '  Under a second  '
    input.dispatchEvent(new Event('input', { bubbles: true }))
    container.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }))
    expect(onSave).toHaveBeenLastCalledWith([...items, { text: 'Under a second', done: false }])
  })

  it('is read-only without the permission', () => {
    const { container } = mount([{ text: 'Reads the label', done: false }], false)
    expect(container.querySelector<HTMLInputElement>('input[type="checkbox"]')!.disabled).toBe(true)
    expect(container.querySelector('form')).toBeNull()
    expect(container.querySelector('button')).toBeNull()
  })
})
