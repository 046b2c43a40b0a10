// The parts of the webhook form that choose from fixed lists: the chat preset (which shapes the message)
// and the events the hook hears (all, or some by group).
import { For, Show } from 'solid-js'
import { type MessageKey, useI18n } from '../../i18n'

export const PRESETS = ['generic', 'feishu', 'dingtalk', 'wecom'] as const
export type Preset = (typeof PRESETS)[number]

/** The events offered by name; `*` covers these and every other kind. */
const EVENT_GROUPS = {
  task: ['task.created', 'task.moved', 'task.updated', 'task.deleted'],
  requirement: [
    'requirement.created',
    'requirement.transitioned',
    'requirement.updated',
    'requirement.moved',
    'requirement.deleted',
  ],
  other: ['comment.created', 'ask.created', 'iteration.updated', 'release.updated'],
} as const

/** Events after ticking (`on`) or unticking one: naming one event drops "all". */
export const toggleEvent = (events: readonly string[], event: string, on: boolean) =>
  on ? [...events.filter((e) => e !== '*'), event] : events.filter((e) => e !== event)

export function PresetPicker(props: { value: Preset; onValue: (preset: Preset) => void }) {
  const { t } = useI18n()
  return (
    <fieldset class="webhook-fieldset">
      <legend class="field-label">{t('webhooks.preset')}</legend>
      <div class="preset-grid">
        <For each={PRESETS}>
          {(preset) => (
            <label class="preset-option" classList={{ selected: props.value === preset }}>
              <input
                type="radio"
                name="preset"
                value={preset}
                checked={props.value === preset}
                onChange={() => props.onValue(preset)}
              />
              <span class="preset-text">
                <span class="preset-name">{t(`webhooks.presets.${preset}`)}</span>
                <span class="preset-help">{t(`webhooks.presetHelp.${preset}`)}</span>
              </span>
            </label>
          )}
        </For>
      </div>
    </fieldset>
  )
}

/** Every event (`*`), or a choice of them; `missing` says that none is chosen. */
export function EventPicker(props: {
  value: readonly string[]
  onValue: (events: string[]) => void
  missing: boolean
}) {
  const i18n = useI18n()
  const { t } = i18n
  const all = () => props.value.includes('*')
  return (
    <fieldset class="webhook-fieldset">
      <legend class="field-label">{t('webhooks.events')}</legend>
      <label class="checkbox">
        <input
          type="checkbox"
          checked={all()}
          onChange={(e) => props.onValue(e.currentTarget.checked ? ['*'] : [])}
        />
        <span>
          <strong>{t('webhooks.allEvents')}</strong>
          <span class="field-hint event-all-hint">{t('webhooks.allEventsHint')}</span>
        </span>
      </label>
      <div class="event-groups" classList={{ muted: all() }}>
        <For each={Object.entries(EVENT_GROUPS)}>
          {([group, names]) => (
            <div class="event-group">
              <p class="event-group-title">{t(`webhooks.eventGroups.${group}` as MessageKey)}</p>
              <For each={names}>
                {(event) => (
                  <label class="checkbox">
                    <input
                      type="checkbox"
                      disabled={all()}
                      checked={all() || props.value.includes(event)}
                      onChange={(e) =>
                        props.onValue(toggleEvent(props.value, event, e.currentTarget.checked))
                      }
                    />
                    <span>{i18n.tryT(`webhooks.eventNames.${event}`) ?? event}</span>
                  </label>
                )}
              </For>
            </div>
          )}
        </For>
      </div>
      <Show when={props.missing}>
        <p class="field-error" role="alert">
          {t('webhooks.pickEvents')}
        </p>
      </Show>
    </fieldset>
  )
}
