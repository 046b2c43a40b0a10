// A markdown editor that offers members as you type `@` (name, pinyin or initials: "zw" finds 张伟),
// keyboard first (↑ ↓ choose, Enter or Tab insert, Esc close), and warns when the text mentions someone
// who cannot see the item (they are told nothing). On an item's page a pasted or dropped file is attached
// to the item and written into the text (attachments/editor-uploads.ts).
import {
  type ComponentProps,
  createEffect,
  createMemo,
  createSignal,
  createUniqueId,
  For,
  Show,
  splitProps,
} from 'solid-js'
import { MENTION, mentionOf } from '../../../../domain/mentions'
import { useI18n } from '../../i18n'
import { Avatar } from '../../ui/avatar'
import { createLocalQuery } from '../../ui/query-view'
import { TextEditor } from '../../ui/text-editor'
import { createEditorUploads } from '../attachments/editor-uploads'
import { useWorkspace } from '../workspaces/workspace-context'
import { type MentionTarget, mentionableQuery } from './queries'

/** `@` then what is typed so far, right before the caret, at the start or after a space or punctuation. */
const TYPING = /(?:^|[\s(（，。、；：,.;:])@([^\s@[\]()]{0,20})$/u

export function MentionEditor(
  props: ComponentProps<typeof TextEditor> & {
    target: MentionTarget
    /** Told when a pasted or dropped file starts or stops uploading (its placeholder is in the text meanwhile). */
    onUploading?: (uploading: boolean) => void
  },
) {
  const [own, editor] = splitProps(props, ['target', 'onValue', 'onUploading'])
  const { t } = useI18n()
  const ws = useWorkspace()
  const listId = createUniqueId()
  let textarea: HTMLTextAreaElement | undefined
  const [typing, setTyping] = createSignal<{ start: number; text: string } | null>(null)
  const [active, setActive] = createSignal(0)
  const candidates = createLocalQuery(() => ({
    ...mentionableQuery(ws.id(), own.target, typing()?.text ?? ''),
    enabled: typing() !== null,
  }))
  const options = () => (typing() ? (candidates.data?.items ?? []) : [])
  const uploads = createEditorUploads({
    value: () => props.value,
    onValue: (value) => own.onValue(value),
    textarea: () => textarea,
  })
  createEffect(() => own.onUploading?.(uploads?.busy() ?? false))

  const detect = () => {
    if (!textarea) return
    const caret = textarea.selectionStart
    const match = TYPING.exec(textarea.value.slice(0, caret))
    setTyping(match ? { start: caret - match[1]!.length - 1, text: match[1]! } : null)
    setActive(0)
  }
  const choose = (person: { id: number; name: string }) => {
    const at = typing()
    if (!at || !textarea) return
    const caret = textarea.selectionStart
    const inserted = `${mentionOf(person.id, person.name)} `
    own.onValue(props.value.slice(0, at.start) + inserted + props.value.slice(caret))
    setTyping(null)
    const position = at.start + inserted.length
    queueMicrotask(() => {
      textarea?.focus()
      textarea?.setSelectionRange(position, position)
    })
  }
  const onKeys = (event: KeyboardEvent) => {
    const list = options()
    if (list.length === 0) return
    if (event.key === 'ArrowDown') setActive((active() + 1) % list.length)
    else if (event.key === 'ArrowUp') setActive((active() - 1 + list.length) % list.length)
    else if ((event.key === 'Enter' && !event.ctrlKey && !event.metaKey) || event.key === 'Tab')
      choose(list[active()]!)
    else if (event.key === 'Escape') setTyping(null)
    else return
    event.preventDefault()
    event.stopPropagation()
  }

  // Who the text mentions, and which of them may see the item.
  const mentioned = createMemo(() => {
    const seen = new Map<number, string>()
    for (const m of props.value.matchAll(MENTION)) seen.set(Number(m[2]), m[1]!)
    return seen
  })
  const ids = createMemo(() => [...mentioned().keys()].sort((a, b) => a - b))
  const allowed = createLocalQuery(() => ({
    ...mentionableQuery(ws.id(), own.target, '', ids()),
    enabled: ids().length > 0,
  }))
  const blind = () => {
    const may = allowed.data?.items
    if (!may || ids().length === 0) return []
    return ids()
      .filter((id) => !may.some((m) => m.id === id))
      .map((id) => mentioned().get(id) ?? '')
  }

  return (
    <div class="mention-editor">
      <TextEditor
        {...editor}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={options().length > 0}
        aria-controls={listId}
        aria-activedescendant={options().length > 0 ? `${listId}-${active()}` : undefined}
        textareaRef={(el) => {
          textarea = el
        }}
        onValue={(value) => {
          own.onValue(value)
          queueMicrotask(detect)
        }}
        onKeys={onKeys}
        onBlur={() => setTimeout(() => setTyping(null), 150)}
        onPaste={uploads?.onPaste}
        onDragOver={uploads?.onDragOver}
        onDrop={uploads?.onDrop}
      />
      <Show when={uploads?.error()}>
        {(message) => (
          <div class="notice notice-error editor-upload-error" role="alert">
            <div class="notice-body">
              <p>{message()}</p>
            </div>
            <button type="button" class="btn btn-ghost btn-small" onClick={() => uploads?.dismiss()}>
              {t('attachments.dismiss')}
            </button>
          </div>
        )}
      </Show>
      <Show when={options().length > 0}>
        <div class="mention-list" id={listId} role="listbox" aria-label={t('inbox.mentionList')}>
          <For each={options()}>
            {(person, i) => (
              <div
                id={`${listId}-${i()}`}
                role="option"
                tabIndex={-1}
                class="mention-option"
                aria-selected={active() === i()}
                onMouseDown={(e) => {
                  e.preventDefault()
                  choose(person)
                }}
              >
                <Avatar name={person.name} small />
                <span>{person.name}</span>
                <Show when={person.email}>{(email) => <span class="mention-email">{email()}</span>}</Show>
              </div>
            )}
          </For>
        </div>
      </Show>
      <Show when={blind().length > 0}>
        <p class="notice notice-warning" role="status">
          {t('inbox.cannotSee', { names: blind().join('、') })}
        </p>
      </Show>
    </div>
  )
}
