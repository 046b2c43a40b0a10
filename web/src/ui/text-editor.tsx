// A <textarea> for longer text (Markdown descriptions and comments) with the keys people expect of it:
// Ctrl/Cmd+Enter saves, Escape cancels (when there is something to cancel).
import { type JSX, splitProps } from 'solid-js'

export function TextEditor(
  props: Omit<JSX.TextareaHTMLAttributes<HTMLTextAreaElement>, 'onInput' | 'value' | 'onKeyDown'> & {
    value: string
    onValue: (value: string) => void
    onSave: () => void
    onCancel?: () => void
    /** Take the focus when shown (an editor opened in place). */
    autofocus?: boolean
    /** Sees each key first; a key it prevents is not handled here (a suggestion list's arrows, Enter). */
    onKeys?: (event: KeyboardEvent) => void
    textareaRef?: (el: HTMLTextAreaElement) => void
  },
) {
  const [own, textarea] = splitProps(props, [
    'value',
    'onValue',
    'onSave',
    'onCancel',
    'autofocus',
    'class',
    'onKeys',
    'textareaRef',
  ])
  return (
    <textarea
      {...textarea}
      class={`input textarea ${own.class ?? ''}`}
      maxLength={textarea.maxLength ?? 20000}
      value={own.value}
      ref={(el) => {
        own.textareaRef?.(el)
        if (own.autofocus) queueMicrotask(() => el.focus())
      }}
      onInput={(e) => own.onValue(e.currentTarget.value)}
      onKeyDown={(e) => {
        own.onKeys?.(e)
        if (e.defaultPrevented) return
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault()
          own.onSave()
        } else if (e.key === 'Escape' && own.onCancel) {
          e.preventDefault()
          e.stopPropagation()
          own.onCancel()
        }
      }}
    />
  )
}
