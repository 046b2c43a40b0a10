// A deactivated account in a workspace: the members page marks it, and the places that give work to people
// (a new task's assignee, a task's assignee) no longer offer it, while a task already assigned to it still
// shows its name. Against a fake API.
import { afterEach, describe, expect, it } from 'vitest'
import { AddTaskDialog } from '../../web/src/features/board/add-task-dialog'
import type { Iteration } from '../../web/src/features/board/queries'
import type { Task } from '../../web/src/features/items/queries'
import { useNames } from '../../web/src/features/items/use-names'
import MembersPage from '../../web/src/features/members/members-page'
import type { Member } from '../../web/src/features/members/queries'
import { TaskProperties } from '../../web/src/features/tasks/task-properties'
import type { Locale } from '../../web/src/i18n'
import {
  type PageOptions,
  PM_PERMISSIONS,
  type Rendered,
  renderPage,
  until,
  untranslatedKeys,
} from './home-harness'

let page: Rendered | undefined
afterEach(() => {
  page?.dispose()
  page = undefined
})
const show = (options: PageOptions) => {
  page?.dispose()
  page = renderPage(options)
  return page
}
const found = async <T,>(check: () => T | null | undefined | false): Promise<T> => (await until(check)) as T

const member = (id: number, name: string, over: Partial<Member> = {}): Member => ({
  id: id + 100,
  userId: id,
  name,
  email: `${name.split(' ')[0]!.toLowerCase()}@acme.test`,
  deactivated: false,
  roleId: 4,
  restricted: false,
  productIds: null,
  createdAt: '2026-01-05T09:00:00.000Z',
  version: 1,
  ...over,
})

/** Pat (the harness's user), Dana, and Lee, whose account an instance owner deactivated. */
const MEMBERS = [
  member(1, 'Pat PM', { email: 'pm@acme.test' }),
  member(2, 'Dana Developer'),
  member(3, 'Lee Leaver', { deactivated: true }),
]
const ROLES = [{ id: 4, name: 'developer', builtIn: 'developer', permissions: [], version: 1 }]
const ASSIGNING = [...PM_PERMISSIONS, 'task.assign', 'task.update']

const optionTexts = (select: HTMLSelectElement) => [...select.options].map((o) => o.textContent?.trim())

describe('a deactivated member', () => {
  const openMembers = (locale: Locale = 'en') =>
    show({
      page: MembersPage,
      route: '/w/:ws/settings/members',
      at: '/w/1/settings/members',
      locale,
      routes: { '/api/workspaces/1/members': { items: MEMBERS }, '/api/workspaces/1/roles': ROLES },
    })
  const badgeOf = (container: HTMLElement, email: string) =>
    container.querySelector(`tr[data-email="${email}"] [data-testid="member-deactivated"]`)

  it('is marked on the members page, and only they are', async () => {
    const { container } = openMembers()
    const badge = await found(() => badgeOf(container, 'lee@acme.test'))
    expect(badge.textContent).toBe('Deactivated')
    expect(badge.getAttribute('title')).toContain('cannot sign in')
    expect(badgeOf(container, 'dana@acme.test')).toBeNull()
    expect(badgeOf(container, 'pm@acme.test')).toBeNull()
  })

  it('is marked in Chinese too', async () => {
    const { container } = openMembers('zh-CN')
    const badge = await found(() => badgeOf(container, 'lee@acme.test'))
    expect(badge.textContent).toBe('已停用')
    expect(untranslatedKeys(container)).toEqual([])
  })

  it('is not offered as the assignee of a new task', async () => {
    show({
      page: () => (
        <AddTaskDialog
          open
          status="todo"
          productId={5}
          iteration={{ id: 3, name: 'Sprint 12' } as Iteration}
          onClose={() => {}}
          onCreated={() => {}}
        />
      ),
      route: '/w/:ws/p/:key/board',
      at: '/w/1/p/MES/board',
      permissions: ASSIGNING,
      routes: {
        '/api/workspaces/1/members': { items: MEMBERS },
        '/api/workspaces/1/products/5/requirements': { items: [], nextCursor: null },
      },
    })
    const dialog = await found(() => document.querySelector<HTMLElement>('[role="dialog"]'))
    const assignee = await found(() => {
      const select = [...dialog.querySelectorAll<HTMLSelectElement>('select')].find((s) =>
        optionTexts(s).includes('Dana Developer'),
      )
      return select
    })
    expect(optionTexts(assignee)).toEqual(['Unassigned', 'Pat PM', 'Dana Developer'])
  })

  it('is not offered on a task’s page, but stays shown on a task already assigned to them', async () => {
    const task = (assigneeId: number | null) =>
      ({
        id: 7,
        workspaceId: 1,
        productId: 5,
        number: 7,
        key: 'MES-7',
        kind: 'chore',
        title: 'Rotate the keys',
        description: '',
        requirementId: null,
        requirement: null,
        iterationId: null,
        status: 'todo',
        blockedReason: null,
        category: null,
        risk: null,
        assigneeId,
        assignee: assigneeId === 3 ? { id: 3, name: 'Lee Leaver' } : null,
        estimate: null,
        remaining: null,
        dueDate: null,
        rank: 'a0',
        importedFrom: null,
        createdBy: 1,
        createdAt: '2026-01-01T09:00:00.000Z',
        updatedAt: '2026-01-02T09:00:00.000Z',
        version: 1,
      }) as unknown as Task
    const open = (assigneeId: number | null) =>
      show({
        page: () => {
          const lookups = useNames(() => 5)
          return (
            <TaskProperties
              task={task(assigneeId)}
              canEdit
              save={() => {}}
              lookups={lookups}
              onDelete={() => {}}
            />
          )
        },
        route: '/w/:ws/i/:key',
        at: '/w/1/i/MES-7',
        permissions: ASSIGNING,
        routes: { '/api/workspaces/1/members': { items: MEMBERS } },
      })
    const choices = async (container: HTMLElement) => {
      const select = await found(() => container.querySelector<HTMLSelectElement>('#prop-assignee'))
      await found(() => select.options.length > 1)
      return select
    }

    const unassigned = await choices(open(null).container)
    expect(optionTexts(unassigned)).toEqual(['Unassigned', 'Pat PM', 'Dana Developer'])

    const assigned = await choices(open(3).container)
    expect(optionTexts(assigned)).toEqual([
      'Unassigned',
      'Pat PM',
      'Dana Developer',
      'Lee Leaver (deactivated)',
    ])
    expect(assigned.options[3]?.value).toBe('3')
  })
})
