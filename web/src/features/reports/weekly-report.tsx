// The weekly report (周报) of a product: a week picker (this week by default, never a week to come), the
// sections rendered for reading, and the server's Markdown to copy or download, in the interface language.
import { createSignal, For, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { createLocalQuery } from '../../ui/query-view'
import { useWorkspace } from '../workspaces/workspace-context'
import { currentWeek, isAfterWeek, markdownFileName, shiftWeek } from './logic'
import { type WeeklyReport as Report, weeklyQuery } from './queries'
import { ReportCard } from './report-card'

type Line = Report['sections']['done'][number]

export function WeeklyReport(props: { productId: number; productKey: string }) {
  const { t, locale } = useI18n()
  const ws = useWorkspace()
  const thisWeek = currentWeek()
  const [week, setWeek] = createSignal(thisWeek)
  const [copyState, setCopyState] = createSignal<CopyState>('idle')
  const query = createLocalQuery(() => weeklyQuery(ws.id(), props.productId, week(), locale()))
  const go = (next: string) => {
    setCopyState('idle')
    if (!isAfterWeek(next, thisWeek)) setWeek(next)
  }

  const copy = async (markdown: string) => {
    try {
      await navigator.clipboard.writeText(markdown)
      setCopyState('copied')
    } catch {
      // No clipboard outside a secure context (plain http on a LAN address).
      setCopyState('failed')
    }
  }
  const download = (markdown: string) => {
    const url = URL.createObjectURL(new Blob([markdown], { type: 'text/markdown;charset=utf-8' }))
    const link = document.createElement('a')
    link.href = url
    link.download = markdownFileName(props.productKey, week())
    link.click()
    setTimeout(() => URL.revokeObjectURL(url), 1000)
  }

  return (
    <ReportCard
      titleId="rp-weekly"
      title={t('reports.weekly.title')}
      class="rp-weekly"
      headerClass="rp-weekly-header"
      testId="weekly-report"
      query={query}
      header={
        <>
          <WeekPicker week={week()} thisWeek={thisWeek} onWeek={go} />
          <Show when={query.data}>
            {(data) => (
              <div class="rp-weekly-actions">
                <button
                  type="button"
                  class="btn btn-small btn-primary"
                  onClick={() => void copy(data().markdown)}
                >
                  {copyState() === 'copied'
                    ? t('reports.weekly.copied')
                    : copyState() === 'failed'
                      ? t('reports.weekly.copyFailed')
                      : t('reports.weekly.copy')}
                </button>
                <button type="button" class="btn btn-small" onClick={() => download(data().markdown)}>
                  {t('reports.weekly.download')}
                </button>
              </div>
            )}
          </Show>
        </>
      }
    >
      {(data) => <WeeklyBody report={data()} />}
    </ReportCard>
  )
}

type CopyState = 'idle' | 'copied' | 'failed'

/** Previous and next week, a week input and a way back to this week; a week to come cannot be chosen. */
function WeekPicker(props: { week: string; thisWeek: string; onWeek: (week: string) => void }) {
  const { t } = useI18n()
  return (
    <div class="rp-week-picker">
      <button type="button" class="btn btn-small" onClick={() => props.onWeek(shiftWeek(props.week, -1))}>
        ← {t('reports.weekly.previous')}
      </button>
      <label class="visually-hidden" for="rp-week-input">
        {t('reports.weekly.week')}
      </label>
      <input
        id="rp-week-input"
        class="input rp-week-input"
        type="week"
        value={props.week}
        max={props.thisWeek}
        onChange={(e) => e.currentTarget.value && props.onWeek(e.currentTarget.value)}
      />
      <button
        type="button"
        class="btn btn-small"
        disabled={props.week === props.thisWeek}
        onClick={() => props.onWeek(shiftWeek(props.week, 1))}
      >
        {t('reports.weekly.next')} →
      </button>
      <Show when={props.week !== props.thisWeek}>
        <button type="button" class="btn btn-small btn-ghost" onClick={() => props.onWeek(props.thisWeek)}>
          {t('reports.weekly.thisWeek')}
        </button>
      </Show>
    </div>
  )
}

/** The week's dates and its sections, as read on the page. */
function WeeklyBody(props: { report: Report }) {
  const { t, formatDate } = useI18n()
  const sections = () => props.report.sections
  return (
    <div class="rp-weekly-body">
      <p class="rp-card-meta">
        {t('reports.weekly.weekLabel', {
          week: props.report.week,
          from: formatDate(props.report.from),
          to: formatDate(props.report.to),
        })}{' '}
        · {t('reports.weekly.language')}
      </p>
      <div class="rp-weekly-grid">
        <Section title={t('reports.weekly.done')} lines={sections().done} />
        <Section title={t('reports.weekly.inProgress')} lines={sections().inProgress} />
        <Section title={t('reports.weekly.blocked')} lines={sections().blocked} tone="danger" />
        <Section title={t('reports.weekly.overdue')} lines={sections().overdue} tone="danger" />
        <Section title={t('reports.weekly.nextWeek')} lines={sections().nextWeek} />
        <ShippedSection lines={sections().shipped} />
        <StabilitySection stability={sections().stability} />
      </div>
    </div>
  )
}

/** Requirements released this week, with the customers who asked for them. */
function ShippedSection(props: { lines: Report['sections']['shipped'] }) {
  const { t } = useI18n()
  return (
    <div class="rp-weekly-section">
      <h3 class="rp-subtitle">
        {t('reports.weekly.shipped')} <span class="rp-count">{props.lines.length}</span>
      </h3>
      <Show when={props.lines.length > 0} fallback={<p class="rp-empty">{t('reports.weekly.nothing')}</p>}>
        <ul class="rp-list">
          <For each={props.lines}>
            {(line) => (
              <li>
                <span class="key-chip">{line.key}</span>
                <span class="rp-list-title">{line.title}</span>
                <Show when={line.customers.length > 0}>
                  <span class="rp-list-meta">
                    {t('reports.weekly.shippedTo', { customers: line.customers.join(', ') })}
                  </span>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </div>
  )
}

/** The share of the points finished this week that were stability work. */
function StabilitySection(props: { stability: Report['sections']['stability'] }) {
  const { t } = useI18n()
  return (
    <div class="rp-weekly-section">
      <h3 class="rp-subtitle">{t('reports.weekly.stability')}</h3>
      <div class="rp-share-bar" aria-hidden="true">
        <span style={{ width: `${Math.min(100, props.stability.share)}%` }} />
      </div>
      <p class="rp-muted">
        {t('reports.weekly.stabilityShare', {
          share: props.stability.share,
          points: props.stability.points,
          total: props.stability.totalPoints,
        })}
      </p>
    </div>
  )
}

function Section(props: { title: string; lines: Line[]; tone?: 'danger' }) {
  const { t } = useI18n()
  return (
    <div
      class="rp-weekly-section"
      classList={{ 'rp-tone-danger': props.tone === 'danger' && props.lines.length > 0 }}
    >
      <h3 class="rp-subtitle">
        {props.title} <span class="rp-count">{props.lines.length}</span>
      </h3>
      <Show when={props.lines.length > 0} fallback={<p class="rp-empty">{t('reports.weekly.nothing')}</p>}>
        <ul class="rp-list">
          <For each={props.lines}>
            {(line) => (
              <li>
                <span class="key-chip">{line.key}</span>
                <span class="rp-list-title">{line.title}</span>
                <Show when={line.detail}>
                  <span class="rp-list-meta">{line.detail}</span>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </div>
  )
}
