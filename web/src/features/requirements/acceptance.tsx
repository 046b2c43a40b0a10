// The acceptance checklist of a requirement: toggle, add and remove criteria; each change saves the list.
import { createSignal, createUniqueId, For, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { CloseIcon } from '../../ui/dialog'

export interface Criterion {
  text: string
  done: boolean
}

export function AcceptanceChecklist(props: {
  items: Criterion[]
  canEdit: boolean
  onSave: (items: Criterion[]) => void
}) {
  const { t } = useI18n()
  const [draft, setDraft] = createSignal('')
  const id = createUniqueId()
  const done = () => props.items.filter((c) => c.done).length
  const add = () => {
    const text = draft().trim()
    if (!text) return
    props.onSave([...props.items, { text, done: false }])
    setDraft('')
  }
  return (
    <section class="item-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} class="item-section-title">
        {t('items.acceptance')}
        <Show when={props.items.length > 0}>
          <span class="count">
            {t('items.acceptanceDone', { done: String(done()), total: String(props.items.length) })}
          </span>
        </Show>
      </h2>
      <Show when={props.items.length > 0}>
        <div class="progress" aria-hidden="true">
          <span style={{ width: `${(done() / props.items.length) * 100}%` }} />
        </div>
      </Show>
      <ul class="checklist">
        <For
          each={props.items}
          fallback={
            <li class="muted">{props.canEdit ? t('items.acceptanceEmpty') : t('items.acceptanceNone')}</li>
          }
        >
          {(criterion, index) => (
            <li class="checklist-item" classList={{ 'is-done': criterion.done }}>
              <label class="checkbox">
                <input
                  type="checkbox"
                  checked={criterion.done}
                  disabled={!props.canEdit}
                  onChange={(e) =>
                    props.onSave(
                      props.items.map((c, i) =>
                        i === index() ? { ...c, done: e.currentTarget.checked } : c,
                      ),
                    )
                  }
                />
                <span>{criterion.text}</span>
              </label>
              <Show when={props.canEdit}>
                <button
                  type="button"
                  class="icon-btn checklist-remove"
                  aria-label={t('items.acceptanceRemove', { text: criterion.text })}
                  onClick={() => props.onSave(props.items.filter((_, i) => i !== index()))}
                >
                  <CloseIcon />
                </button>
              </Show>
            </li>
          )}
        </For>
      </ul>
      <Show when={props.canEdit}>
        <form
          class="inline-add"
          onSubmit={(e) => {
            e.preventDefault()
            add()
          }}
        >
          <label for={id} class="visually-hidden">
            {t('items.acceptanceAdd')}
          </label>
          <input
            id={id}
            class="input"
            maxLength={2000}
            placeholder={t('items.acceptancePlaceholder')}
            value={draft()}
            onInput={(e) => setDraft(e.currentTarget.value)}
          />
          <button type="submit" class="btn btn-small" disabled={!draft().trim()}>
            {t('items.add')}
          </button>
        </form>
      </Show>
    </section>
  )
}
