// The grouped permission checklist of the roles page: grouped and described in the current language,
// toggles single permissions and whole groups, respects what the user may grant, and has a read-only view.
import { createSignal } from 'solid-js'
import { render } from 'solid-js/web'
import { afterEach, describe, expect, it } from 'vitest'
import { PERMISSIONS } from '../../server/lib/permissions'
import { PermissionChecklist } from '../../web/src/features/roles/permission-checklist'
import type { PermissionInfo } from '../../web/src/features/roles/queries'
import { I18nProvider, type Locale } from '../../web/src/i18n'

// The same catalogue GET /api/permissions answers.
const catalogue: PermissionInfo[] = PERMISSIONS.map((p) => ({
  name: p.name,
  group: p.group,
  description: p.en,
  descriptionZh: p.zh,
}))

let dispose: (() => void) | undefined
afterEach(() => {
  dispose?.()
  document.body.innerHTML = ''
})

function mount(options: {
  locale: Locale
  selected?: string[]
  readOnly?: boolean
  grantable?: (n: string) => boolean
}) {
  const [selected, setSelected] = createSignal<string[]>(options.selected ?? [])
  const container = document.createElement('div')
  document.body.append(container)
  dispose = render(
    () => (
      <I18nProvider locale={options.locale}>
        <PermissionChecklist
          permissions={catalogue}
          selected={selected()}
          onChange={options.readOnly ? undefined : setSelected}
          grantable={options.grantable}
        />
      </I18nProvider>
    ),
    container,
  )
  const box = (name: string) => container.querySelector<HTMLInputElement>(`input[value="${name}"]`)!
  const groupBox = (label: string) =>
    container.querySelector<HTMLInputElement>(`input[aria-label="${label}"]`)!
  return { container, selected, box, groupBox }
}

describe('PermissionChecklist', () => {
  it('groups permissions and describes them in Chinese when the locale is zh-CN', () => {
    const { container } = mount({ locale: 'zh-CN' })
    const titles = [...container.querySelectorAll('fieldset')].map((f) => f.dataset.group)
    expect(titles).toEqual([
      'workspace',
      'product',
      'customer',
      'requirement',
      'iteration',
      'task',
      'insight',
      'integration',
    ])
    const text = container.textContent ?? ''
    for (const title of [
      '空间',
      '产品',
      '客户',
      '需求',
      '迭代',
      '任务',
      '路线图与报表',
      '导入、导出与集成',
    ]) {
      expect(text).toContain(title)
    }
    expect(text).toContain('查看需求与需求池')
    expect(text).toContain('在看板上移动任务')
    expect(text).not.toContain('See requirements and the backlog')
    const requirementView = container.querySelector('input[value="requirement.view"]')?.closest('label')
    expect(requirementView?.textContent).toContain('查看需求与需求池')
  })

  it('describes them in English when the locale is en', () => {
    const { container } = mount({ locale: 'en' })
    expect(container.textContent).toContain('See requirements and the backlog')
    expect(container.textContent).toContain('Roadmaps and reports')
    expect(container.textContent).not.toContain('查看需求与需求池')
  })

  it('toggles single permissions, keeping the catalogue order', () => {
    const { box, selected } = mount({ locale: 'en', selected: ['task.view'] })
    box('requirement.create').click()
    box('requirement.view').click()
    expect(selected()).toEqual(['requirement.view', 'requirement.create', 'task.view'])
    expect(box('requirement.view').checked).toBe(true)
    box('task.view').click()
    expect(selected()).toEqual(['requirement.view', 'requirement.create'])
    expect(box('task.view').checked).toBe(false)
  })

  it('selects and clears a whole group, showing a partly checked group as indeterminate', () => {
    const { box, groupBox, selected, container } = mount({ locale: 'zh-CN', selected: ['task.view'] })
    const tasks = groupBox('“任务”全部权限')
    expect(tasks.indeterminate).toBe(true)
    tasks.click()
    const taskNames = catalogue.filter((p) => p.group === 'task').map((p) => p.name)
    expect(selected()).toEqual(taskNames)
    expect(tasks.checked).toBe(true)
    expect(tasks.indeterminate).toBe(false)
    expect(container.querySelector('[data-group="task"] .permission-group-count')?.textContent).toBe(
      `${taskNames.length}/${taskNames.length}`,
    )
    tasks.click()
    expect(selected()).toEqual([])
    expect(box('task.assign').checked).toBe(false)
  })

  it('leaves permissions the user may not grant disabled, even for the group toggle', () => {
    const { box, groupBox, selected } = mount({
      locale: 'en',
      grantable: (name) => name !== 'workspace.delete',
    })
    expect(box('workspace.delete').disabled).toBe(true)
    groupBox('All of “Workspace”').click()
    expect(selected()).toContain('workspace.manage')
    expect(selected()).toContain('role.manage')
    expect(selected()).not.toContain('workspace.delete')
  })

  it('shows a read-only view without checkboxes when nothing may change', () => {
    const { container } = mount({
      locale: 'zh-CN',
      selected: ['product.view', 'roadmap.view'],
      readOnly: true,
    })
    expect(container.querySelectorAll('input').length).toBe(0)
    const granted = [...container.querySelectorAll('.permission.is-on')].map(
      (el) => el.querySelector('code')?.textContent,
    )
    expect(granted).toEqual(['product.view', 'roadmap.view'])
    expect(container.textContent).toContain('已授予')
  })
})
