// The dry run's preview: what was detected, the counts, the errors that block Apply, the editable mapping of
// the file's types, statuses and priorities onto Keel's, and the warnings by row.

import { For, type JSX, Show } from 'solid-js'
import { PRIORITIES, REQUIREMENT_STATUSES, TASK_STATUSES } from '../../../../domain/vocabulary'
import { useI18n } from '../../i18n'
import { COUNT_KEYS, type ImportResult, ITEM_TYPES, type MappingSection, type RowMessage } from './import-api'
import { ImportRows } from './import-rows'

const SECTIONS = ['type', 'requirementStatus', 'taskStatus', 'priority'] as const

const OPTIONS: Record<MappingSection, readonly string[]> = {
  type: ITEM_TYPES,
  requirementStatus: REQUIREMENT_STATUSES,
  taskStatus: TASK_STATUSES,
  priority: PRIORITIES,
}

export function ImportPreview(props: {
  result: ImportResult
  busy: 'preview' | 'apply' | undefined
  onApply: () => void
  onMapping: (section: MappingSection, value: string, target: string) => void
}) {
  const { t, tryT } = useI18n()
  const result = () => props.result
  return (
    <section class="card card-pad section import-preview" aria-label={t('imports.previewTitle')}>
      <div class="import-preview-head">
        <div>
          <h2 class="section-title">{t('imports.previewTitle')}</h2>
          <p class="cell-muted">
            {result().encoding === 'zip'
              ? t('imports.detectedArchive')
              : t('imports.detected', {
                  format: tryT(`imports.formats.${result().format}`) ?? result().format,
                  encoding: result().encoding.toUpperCase(),
                })}{' '}
            {t('imports.previewNote')}
          </p>
        </div>
        <button
          type="button"
          class="btn btn-primary"
          disabled={props.busy !== undefined || result().errors.length > 0}
          onClick={() => props.onApply()}
        >
          {props.busy === 'apply' ? t('imports.applying') : t('imports.apply')}
        </button>
      </div>
      <dl class="import-counts">
        <For each={COUNT_KEYS.filter((k) => k === 'created' || k === 'updated' || result().counts[k] > 0)}>
          {(key) => (
            <div class="import-count" data-count={key}>
              <dt>{t(`imports.counts.${key}`)}</dt>
              <dd>{result().counts[key]}</dd>
            </div>
          )}
        </For>
      </dl>

      <Show when={result().errors.length > 0}>
        <Messages
          title={t('imports.errorsTitle', { count: result().errors.length })}
          items={result().errors}
          tone="error"
        >
          <p>{t('imports.errorsBlock')}</p>
        </Messages>
      </Show>

      <h3 class="import-subtitle">{t('imports.mappingTitle')}</h3>
      <p class="cell-muted">{t('imports.mappingIntro')}</p>
      <div class="import-mapping">
        <For each={SECTIONS.filter((s) => Object.keys(result().mapping[s]).length > 0)}>
          {(section) => (
            <MappingTable
              section={section}
              mapping={result().mapping[section]}
              disabled={props.busy !== undefined}
              onChange={(value, target) => props.onMapping(section, value, target)}
            />
          )}
        </For>
      </div>

      <ImportRows rows={result().rows} applied={false} />

      <Messages
        title={t('imports.warningsTitle', { count: result().warnings.length })}
        items={result().warnings}
        tone="warning"
      >
        <Show when={result().warnings.length === 0}>
          <p>{t('imports.noWarnings')}</p>
        </Show>
      </Messages>
    </section>
  )
}

/** One section of the mapping: each value found in the file and the Keel value it becomes. */
function MappingTable(props: {
  section: MappingSection
  mapping: Record<string, string>
  disabled: boolean
  onChange: (value: string, target: string) => void
}) {
  const { t, tryT } = useI18n()
  const sectionTitle: Record<MappingSection, () => string> = {
    type: () => t('imports.mappingType'),
    requirementStatus: () => t('imports.mappingRequirementStatus'),
    taskStatus: () => t('imports.mappingTaskStatus'),
    priority: () => t('imports.mappingPriority'),
  }
  const label = (value: string) =>
    props.section === 'type'
      ? t(`imports.types.${value as (typeof ITEM_TYPES)[number]}`)
      : props.section === 'priority'
        ? (tryT(`work.priority.${value}`) ?? value)
        : (tryT(`work.${props.section}.${value}`) ?? value)
  return (
    <table class="table import-mapping-table" data-section={props.section}>
      <caption>{sectionTitle[props.section]()}</caption>
      <thead>
        <tr>
          <th scope="col">{t('imports.sourceValue')}</th>
          <th scope="col">{t('imports.keelValue')}</th>
        </tr>
      </thead>
      <tbody>
        <For each={Object.entries(props.mapping)}>
          {([value, target]) => (
            <tr>
              <td class="cell-strong">{value || t('imports.empty')}</td>
              <td>
                <select
                  class="input select input-small"
                  aria-label={`${sectionTitle[props.section]()}: ${value || t('imports.empty')}`}
                  value={target}
                  disabled={props.disabled}
                  onChange={(e) => props.onChange(value, e.currentTarget.value)}
                >
                  <For each={OPTIONS[props.section]}>
                    {(o) => (
                      <option value={o} selected={o === target}>
                        {label(o)}
                      </option>
                    )}
                  </For>
                </select>
              </td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  )
}

function Messages(props: {
  title: string
  items: RowMessage[]
  tone: 'warning' | 'error'
  children?: JSX.Element
}) {
  const { t, tryT } = useI18n()
  // The server words each message in English and names its kind; known kinds are shown in the UI's language.
  const text = (m: RowMessage) => (m.code && tryT(`imports.messages.${m.code}`, m.params)) || m.message
  return (
    <div class={`import-messages import-messages-${props.tone}`}>
      <h3 class="import-subtitle">{props.title}</h3>
      {props.children}
      <ul class="import-message-list">
        <For each={props.items}>
          {(m) => (
            <li>
              <span class="import-row">{t('imports.row', { row: m.row })}</span>
              <Show when={m.column}>
                <span class="import-column">{m.column}</span>
              </Show>
              <span>{text(m)}</span>
            </li>
          )}
        </For>
      </ul>
    </div>
  )
}
