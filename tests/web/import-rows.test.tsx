// The import's rows table: a page of 50 rows at a time with the range said in words; a preview marks new
// items and names the ones it updates; the applied answer links each new key.
import { MemoryRouter, Route } from '@solidjs/router'
import { createSignal } from 'solid-js'
import { render } from 'solid-js/web'
import { afterEach, describe, expect, it } from 'vitest'
import type { ImportRow } from '../../web/src/features/imports/import-api'
import { ImportRows } from '../../web/src/features/imports/import-rows'
import { WorkspaceContext } from '../../web/src/features/workspaces/workspace-context'
import { I18nProvider } from '../../web/src/i18n'

let dispose: (() => void) | undefined
afterEach(() => {
  dispose?.()
  document.body.innerHTML = ''
})

const rows = (n: number, key: (i: number) => string | null): ImportRow[] =>
  Array.from({ length: n }, (_, i) => ({
    row: i + 2,
    sourceKey: `PLAT-${i + 1}`,
    type: i % 2 ? 'task' : 'requirement',
    title: `Item ${i + 1}`,
    status: i % 2 ? 'doing' : 'approved',
    action: key(i) ? 'update' : 'create',
    key: key(i),
  }))

function show(list: ImportRow[] | (() => ImportRow[]), applied: boolean, locale: 'en' | 'zh-CN' = 'en') {
  const current = typeof list === 'function' ? list : () => list
  const container = document.createElement('div')
  document.body.append(container)
  const workspace = {
    id: () => 1,
    workspace: () => ({ id: 1 }) as never,
    me: () => ({}) as never,
    can: () => true,
  }
  dispose = render(
    () => (
      <I18nProvider locale={locale}>
        <WorkspaceContext.Provider value={workspace}>
          <MemoryRouter>
            <Route path="*" component={() => <ImportRows rows={current()} applied={applied} />} />
          </MemoryRouter>
        </WorkspaceContext.Provider>
      </I18nProvider>
    ),
    container,
  )
  return container
}

const cells = (c: HTMLElement, column: number) =>
  [...c.querySelectorAll('[data-testid="import-row"]')].map((r) => r.children[column]?.textContent?.trim())
const button = (c: HTMLElement, name: string) =>
  [...c.querySelectorAll('button')].find((b) => b.textContent === name) as HTMLButtonElement

describe('the rows an import writes', () => {
  it('pages 120 rows fifty at a time, saying which rows are shown', async () => {
    const c = show(
      rows(120, () => null),
      false,
    )
    expect(c.querySelector('h3')?.textContent).toBe('Rows to write (120)')
    expect(cells(c, 1)).toHaveLength(50)
    expect(cells(c, 1)[0]).toBe('PLAT-1')
    expect(c.querySelector('.pager')?.textContent).toContain('1–50 of 120')
    expect(button(c, 'Previous').disabled).toBe(true)
    button(c, 'Next').click()
    expect(cells(c, 1)[0]).toBe('PLAT-51')
    button(c, 'Next').click()
    expect(cells(c, 1)).toHaveLength(20)
    expect(c.querySelector('.pager')?.textContent).toContain('101–120 of 120')
    expect(button(c, 'Next').disabled).toBe(true)
    button(c, 'Previous').click()
    expect(cells(c, 1)[0]).toBe('PLAT-51')
  })

  it('starts a new preview at its first page, even one as long as the last', () => {
    const [list, setList] = createSignal(rows(120, () => null))
    const c = show(list, false)
    button(c, 'Next').click()
    expect(cells(c, 1)[0]).toBe('PLAT-51')
    setList(rows(120, (i) => `WEB-${i}`))
    expect(cells(c, 1)[0]).toBe('PLAT-1')
    expect(c.querySelector('.pager')?.textContent).toContain('1–50 of 120')
  })

  it('marks new rows and names the item a row updates, with statuses in words', () => {
    const c = show(
      rows(3, (i) => (i === 1 ? 'WEB-7' : null)),
      false,
    )
    expect(c.querySelector('.pager')).toBeNull()
    expect(cells(c, 2)).toEqual(['Requirement', 'Task', 'Requirement'])
    expect(cells(c, 4)).toEqual(['Approved', 'Doing', 'Approved'])
    expect(cells(c, 5)).toEqual(['New', 'Updates WEB-7', 'New'])
  })

  it('links each old key to its new item once applied, in Chinese too', () => {
    const c = show(
      rows(2, (i) => `WEB-${i + 10}`),
      true,
      'zh-CN',
    )
    expect(c.querySelector('h3')?.textContent).toBe('已写入：原编号 → 新编号（2）')
    const links = [...c.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href')])
    expect(links).toEqual([
      ['WEB-10', '/w/1/i/WEB-10'],
      ['WEB-11', '/w/1/i/WEB-11'],
    ])
    expect(cells(c, 1)).toEqual(['PLAT-1', 'PLAT-2'])
  })
})
