// Search and jump: a button in the top bar and Ctrl/Cmd+K anywhere open a palette that searches
// requirements, tasks and customers as you type, jumps straight to a key such as MES-42, and offers quick
// ways to each product's views. ↑/↓ move, Enter opens, Esc closes (a combobox over a listbox).
import { Dialog } from '@kobalte/core/dialog'
import { useNavigate } from '@solidjs/router'
import {
  createEffect,
  createMemo,
  createSignal,
  createUniqueId,
  For,
  Match,
  on,
  onCleanup,
  onMount,
  Show,
  Switch,
} from 'solid-js'
import { useI18n } from '../../i18n'
import { ErrorNotice } from '../../ui/errors'
import { SearchIcon } from '../../ui/icons'
import { createLocalQuery } from '../../ui/query-view'
import { productsQuery } from '../products/queries'
import { useWorkspace } from '../workspaces/workspace-context'
import {
  buildOptions,
  isPaletteShortcut,
  moveActive,
  type PaletteOption,
  type PaletteSection,
  parseItemKey,
  type QuickAction,
  type SearchHit,
  sectionOf,
} from './palette'
import { itemKeyQuery, searchQuery } from './queries'
import './search.css'

const DEBOUNCE_MS = 150

const isMac = () => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)

/** The top-bar button and the palette it opens; mount once inside the workspace shell. */
export function SearchPalette() {
  const { t } = useI18n()
  const [open, setOpen] = createSignal(false)
  const keys = () => (isMac() ? '⌘K' : 'Ctrl K')

  onMount(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isPaletteShortcut(e)) return
      e.preventDefault()
      setOpen((o) => !o)
    }
    document.addEventListener('keydown', onKey)
    onCleanup(() => document.removeEventListener('keydown', onKey))
  })

  return (
    <>
      <button
        type="button"
        class="search-trigger"
        aria-keyshortcuts="Control+K Meta+K"
        title={t('search.shortcut', { keys: keys() })}
        onClick={() => setOpen(true)}
      >
        <SearchIcon />
        <span class="search-trigger-label">{t('search.title')}</span>
        <kbd class="search-kbd">{keys()}</kbd>
      </button>
      <Dialog open={open()} onOpenChange={setOpen}>
        <Dialog.Portal>
          <Dialog.Overlay class="dialog-overlay palette-overlay" />
          <div class="dialog-positioner palette-positioner">
            <Dialog.Content class="palette" aria-label={t('search.open')}>
              <Dialog.Title class="visually-hidden">{t('search.open')}</Dialog.Title>
              <Palette onClose={() => setOpen(false)} />
            </Dialog.Content>
          </div>
        </Dialog.Portal>
      </Dialog>
    </>
  )
}

function Palette(props: { onClose: () => void }) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const navigate = useNavigate()
  const listId = createUniqueId()
  const [input, setInput] = createSignal('')
  const [query, setQuery] = createSignal('')
  const [active, setActive] = createSignal(0)
  let list: HTMLDivElement | undefined

  // Debounce what goes to the server; a key jump and the quick actions follow the input at once.
  createEffect(
    on(input, (value) => {
      const timer = setTimeout(() => setQuery(value.trim()), DEBOUNCE_MS)
      onCleanup(() => clearTimeout(timer))
    }),
  )

  const results = createLocalQuery(() => searchQuery(ws.id(), query()))
  const jumpKey = createMemo(() => parseItemKey(input()))
  const resolved = createLocalQuery(() => ({
    ...itemKeyQuery(ws.id(), jumpKey() ?? ''),
    enabled: jumpKey() !== undefined,
  }))
  const actions = useQuickActions()

  // Hits belong to the query they answered; while a new query is on its way the previous hits stay.
  const hits = () => (input().trim() ? (results.data?.items ?? []) : [])
  const options = createMemo(() => buildOptions(ws.id(), input(), hits(), actions()))

  // A new query starts at the top; when options arrive or go, the active one stays within the list.
  createEffect(on(input, () => setActive(0)))
  createEffect(() => {
    const count = options().length
    const current = active()
    if (count === 0) setActive(-1)
    else if (current < 0 || current >= count) setActive(0)
  })
  createEffect(() => {
    const id = options()[active()]?.id
    if (!id || !list) return
    const el = list.querySelector<HTMLElement>(`[data-option-id="${CSS.escape(id)}"]`)
    el?.scrollIntoView?.({ block: 'nearest' })
  })

  const choose = (option: PaletteOption | undefined) => {
    if (!option) return
    // A key opens only once it is known to name an item the reader may see.
    if (option.type === 'jump' && !resolved.isSuccess) return
    props.onClose()
    navigate(option.href)
  }

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.isComposing) return
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault()
      setActive((i) => moveActive(i, e.key === 'ArrowDown' ? 1 : -1, options().length))
    } else if (e.key === 'Enter') {
      e.preventDefault()
      choose(options()[active()])
    }
  }

  const searching = () => input().trim() !== '' && (results.isFetching || input().trim() !== query())
  const nothing = () =>
    input().trim() !== '' && !searching() && options().every((o) => o.type === 'action') && !jumpKey()

  return (
    <div class="palette-body">
      <div class="palette-input-row">
        <SearchIcon />
        <input
          class="palette-input"
          type="text"
          role="combobox"
          aria-label={t('search.inputLabel')}
          aria-expanded="true"
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={options()[active()] ? optionId(listId, options()[active()]!) : undefined}
          placeholder={t('search.placeholder')}
          autocomplete="off"
          spellcheck={false}
          value={input()}
          ref={(el) => queueMicrotask(() => el.focus())}
          onInput={(e) => setInput(e.currentTarget.value)}
          onKeyDown={onKeyDown}
        />
        <Show when={searching()}>
          <span class="spinner" role="status" aria-label={t('search.searching')} />
        </Show>
      </div>
      <ErrorNotice error={results.error} class="palette-error" />
      <PaletteListbox
        id={listId}
        ref={(el) => {
          list = el
        }}
        options={options()}
        active={active()}
        unknownKey={resolved.isError}
        jumpTitle={resolved.data?.title}
        onHover={setActive}
        onChoose={choose}
      />
      <Show when={nothing()}>
        <p class="palette-empty">{t('search.noResults', { query: input().trim() })}</p>
      </Show>
      <PaletteFooter />
    </div>
  )
}

/** The element id of an option, for the combobox's aria-activedescendant. */
const optionId = (listId: string, option: PaletteOption) => `${listId}-${option.id}`

/** Home, customers, and each product's board, backlog and roadmap, as far as the role may see them. */
function useQuickActions() {
  const { t } = useI18n()
  const ws = useWorkspace()
  const products = createLocalQuery(() => ({ ...productsQuery(ws.id()), enabled: ws.can('product.view') }))
  return createMemo<QuickAction[]>(() => {
    const base = `/w/${ws.id()}`
    const list: QuickAction[] = [{ id: 'home', label: t('search.goHome'), keywords: 'home 首页', href: base }]
    if (ws.can('customer.view'))
      list.push({
        id: 'customers',
        label: t('search.goCustomers'),
        keywords: 'customers 客户',
        href: `${base}/customers`,
      })
    const views = [
      { view: 'board', allowed: ws.can('iteration.view'), words: 'board 看板' },
      { view: 'backlog', allowed: ws.can('requirement.view'), words: 'backlog 需求池' },
      { view: 'roadmap', allowed: ws.can('roadmap.view'), words: 'roadmap 路线图' },
    ] as const
    for (const product of products.data?.items ?? []) {
      for (const v of views) {
        if (!v.allowed) continue
        list.push({
          id: `${product.key}:${v.view}`,
          label: t('search.goView', { view: t(`work.terms.${v.view}`), product: product.name }),
          keywords: `${product.key} ${product.name} ${v.words}`,
          href: `${base}/p/${product.key}/${v.view}`,
        })
      }
    }
    return list
  })
}

/** The options under their section headings; the pointer moves the active option and a click opens it. */
function PaletteListbox(props: {
  id: string
  ref: (el: HTMLDivElement) => void
  options: PaletteOption[]
  active: number
  unknownKey: boolean
  /** The title of the item a typed key names, once known. */
  jumpTitle?: string
  onHover: (index: number) => void
  onChoose: (option: PaletteOption) => void
}) {
  const { t } = useI18n()
  /** Options in runs of the same section, each keeping its index in the flat list (for the arrows). */
  const groups = createMemo(() => {
    const list: { section: PaletteSection; items: { option: PaletteOption; index: number }[] }[] = []
    props.options.forEach((option, index) => {
      const section = sectionOf(option)
      const last = list.at(-1)
      if (last?.section === section) last.items.push({ option, index })
      else list.push({ section, items: [{ option, index }] })
    })
    return list
  })
  const sectionLabel = (section: PaletteSection) =>
    ({
      jump: t('search.jumpSection'),
      requirement: t('search.requirements'),
      task: t('search.tasks'),
      customer: t('search.customers'),
      action: t('search.actions'),
    })[section]
  return (
    <div class="palette-list" id={props.id} role="listbox" aria-label={t('search.title')} ref={props.ref}>
      <For each={groups()}>
        {(group) => (
          // biome-ignore lint/a11y/useSemanticElements: a listbox groups its options with role="group" (no fieldset inside a listbox)
          <div role="group" aria-labelledby={`${props.id}-${group.section}`}>
            <div id={`${props.id}-${group.section}`} class="palette-section">
              {sectionLabel(group.section)}
            </div>
            <For each={group.items}>
              {({ option, index }) => (
                // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard path is the combobox input (arrows, Enter)
                <div
                  id={optionId(props.id, option)}
                  data-option-id={option.id}
                  class="palette-option"
                  classList={{ 'is-active': index === props.active }}
                  role="option"
                  tabIndex={-1}
                  aria-selected={index === props.active}
                  onMouseMove={() => props.onHover(index)}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => props.onChoose(option)}
                >
                  <OptionContent option={option} unknownKey={props.unknownKey} jumpTitle={props.jumpTitle} />
                </div>
              )}
            </For>
          </div>
        )}
      </For>
    </div>
  )
}

function PaletteFooter() {
  const { t } = useI18n()
  return (
    <footer class="palette-footer" aria-hidden="true">
      <span>
        <kbd>↑</kbd>
        <kbd>↓</kbd> {t('search.hintMove')}
      </span>
      <span>
        <kbd>Enter</kbd> {t('search.hintOpen')}
      </span>
      <span>
        <kbd>Esc</kbd> {t('search.hintClose')}
      </span>
    </footer>
  )
}

function OptionContent(props: { option: PaletteOption; unknownKey: boolean; jumpTitle?: string }) {
  const { t, tryT } = useI18n()
  const statusLabel = (hit: SearchHit) => {
    if (!hit.status) return undefined
    return (
      tryT(`work.${hit.kind === 'task' ? 'taskStatus' : 'requirementStatus'}.${hit.status}`) ?? hit.status
    )
  }
  return (
    <Switch>
      <Match when={props.option.type === 'jump' && props.option}>
        {(jump) => (
          <>
            <span class="key-chip">{jump().key}</span>
            <span class="palette-title">
              <Show
                when={props.unknownKey}
                fallback={props.jumpTitle ?? t('search.jump', { key: jump().key })}
              >
                <span class="muted">{t('search.jumpUnknown')}</span>
              </Show>
            </span>
          </>
        )}
      </Match>
      <Match when={props.option.type === 'hit' && props.option}>
        {(hit) => (
          <>
            <Show
              when={hit().hit.key}
              fallback={<span class="palette-kind">{t('work.terms.customer')}</span>}
            >
              <span class="key-chip">{hit().hit.key}</span>
            </Show>
            <span class="palette-title">{hit().hit.title}</span>
            <Show when={statusLabel(hit().hit)}>
              {(label) => <span class="palette-status">{label()}</span>}
            </Show>
          </>
        )}
      </Match>
      <Match when={props.option.type === 'action' && props.option}>
        {(action) => <span class="palette-title">{action().action.label}</span>}
      </Match>
    </Switch>
  )
}
