// A date field in the UI's language, whatever the browser's: it shows "2026年12月8日" or "Dec 8, 2026",
// takes a typed 2026-12-08 (or 2026/12/8, 2026年12月8日) while focused, and opens a calendar whose month and
// weekday names, and first day of the week, are the UI's too. Its value is an ISO day ("" for none), as
// <input type="date"> gives, so forms read it the same way.
import { Popover } from '@kobalte/core/popover'
import { createEffect, createMemo, createSignal, For, type JSX, Show } from 'solid-js'
import { useI18n } from '../i18n'
import { CalendarIcon } from './icons'

export interface DateInputProps {
  id?: string
  name?: string
  value: string
  onChange: (iso: string) => void
  min?: string
  max?: string
  required?: boolean
  disabled?: boolean
  autofocus?: boolean
  class?: string
  /** What the empty field says; "YYYY-MM-DD" (年-月-日) by default. */
  placeholder?: string
  'aria-label'?: string
  'aria-describedby'?: string
  'aria-invalid'?: boolean
  onKeyDown?: JSX.EventHandler<HTMLInputElement, KeyboardEvent>
  onBlur?: () => void
}

const pad = (n: number) => String(n).padStart(2, '0')
const isoOf = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`
const utc = (iso: string) => new Date(`${iso}T00:00:00Z`)

/** The ISO day a typed text names (2026-12-08, 2026/12/8, 2026.12.8, 2026年12月8日), if it is a real day. */
export function parseDay(text: string): string | undefined {
  const m = /^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$/.exec(text)
  if (!m) return undefined
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const iso = isoOf(y, mo, d)
  const date = utc(iso)
  return date.getUTCFullYear() === y && date.getUTCMonth() + 1 === mo && date.getUTCDate() === d
    ? iso
    : undefined
}

/** The weeks of a month as ISO days (null outside the month), weeks starting on `firstDay` (0 Sunday). */
export function monthGrid(year: number, month: number, firstDay: number): (string | null)[][] {
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate()
  const lead = (new Date(Date.UTC(year, month - 1, 1)).getUTCDay() - firstDay + 7) % 7
  const cells: (string | null)[] = [
    ...Array.from({ length: lead }, () => null),
    ...Array.from({ length: days }, (_, i) => isoOf(year, month, i + 1)),
  ]
  while (cells.length % 7) cells.push(null)
  return Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7))
}

const addDays = (iso: string, n: number) => {
  const d = utc(iso)
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}

const todayIso = () => {
  const d = new Date()
  return isoOf(d.getFullYear(), d.getMonth() + 1, d.getDate())
}

export function DateInput(props: DateInputProps) {
  const { t, locale } = useI18n()
  const [focused, setFocused] = createSignal(false)
  const [draft, setDraft] = createSignal<string>()
  const [open, setOpen] = createSignal(false)
  const format = createMemo(() => new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeZone: 'UTC' }))
  const shown = () => {
    if (draft() !== undefined) return draft()!
    if (!props.value) return ''
    return focused() ? props.value : format().format(utc(props.value))
  }
  const inRange = (iso: string) => (!props.min || iso >= props.min) && (!props.max || iso <= props.max)
  // What is wrong with the text last left in the field; it stays shown, with this message, until mended.
  const [draftError, setDraftError] = createSignal<string>()
  let input: HTMLInputElement | undefined

  // The field's message in the UI's words, kept true as the value, the bounds (an end date's minimum is the
  // start chosen beside it) and the text change: the typed text's fault first, then the value's.
  createEffect(() => {
    const message =
      draftError() ??
      (props.value && !inRange(props.value)
        ? t('validation.dateRange')
        : props.required && !props.value && !draft()?.trim()
          ? t('validation.required')
          : '')
    input?.setCustomValidity(message)
  })

  /** Takes the field's text as the value if it names a day in range; otherwise keeps it, with the reason. */
  const commit = (el: HTMLInputElement) => {
    const text = el.value.trim()
    const iso = text === '' ? '' : parseDay(text)
    if (iso === '' || (iso && inRange(iso))) {
      setDraftError(undefined)
      setDraft(undefined)
      if (iso !== props.value) props.onChange(iso)
      return
    }
    setDraftError(iso ? t('validation.dateRange') : t('validation.date'))
  }

  return (
    <Popover open={open()} onOpenChange={setOpen} placement="bottom-start" gutter={4}>
      <Popover.Anchor class={`date-input ${props.class ?? ''}`}>
        <input
          ref={input}
          id={props.id}
          name={props.name}
          class="input date-input-text"
          type="text"
          inputmode="numeric"
          autocomplete="off"
          placeholder={props.placeholder ?? t('common.datePlaceholder')}
          required={props.required}
          disabled={props.disabled}
          autofocus={props.autofocus}
          aria-label={props['aria-label']}
          aria-describedby={props['aria-describedby']}
          aria-invalid={props['aria-invalid'] ?? (draftError() ? true : undefined)}
          value={shown()}
          onFocus={() => setFocused(true)}
          onInput={(e) => {
            setDraftError(undefined)
            setDraft(e.currentTarget.value)
            // A whole YYYY-MM-DD is taken as typed; anything else when the field is left or Enter pressed,
            // so a half-typed day ("2026-12-1" on the way to "2026-12-15") is never taken.
            const iso = /^\d{4}-\d{2}-\d{2}$/.test(e.currentTarget.value) && parseDay(e.currentTarget.value)
            if (iso && inRange(iso) && iso !== props.value) props.onChange(iso)
          }}
          onBlur={(e) => {
            commit(e.currentTarget)
            setFocused(false)
            props.onBlur?.()
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' && e.altKey) {
              e.preventDefault()
              setOpen(true)
              return
            }
            if (e.key === 'Enter') commit(e.currentTarget)
            props.onKeyDown?.(e)
          }}
        />
        <Popover.Trigger
          class="date-input-button"
          disabled={props.disabled}
          aria-label={t('common.openCalendar')}
        >
          <CalendarIcon />
        </Popover.Trigger>
      </Popover.Anchor>
      <Popover.Portal>
        <Popover.Content
          class="menu date-popover"
          aria-label={t('common.calendar')}
          onOpenAutoFocus={(e) => {
            // Into the month at the chosen day (or today), where the arrow keys work.
            e.preventDefault()
            const content = e.currentTarget as HTMLElement
            queueMicrotask(() => content.querySelector<HTMLElement>('.calendar-day[tabindex="0"]')?.focus())
          }}
        >
          <Calendar
            value={props.value}
            min={props.min}
            max={props.max}
            onPick={(iso) => {
              setDraftError(undefined)
              setDraft(undefined)
              props.onChange(iso)
              setOpen(false)
            }}
            onClear={
              props.required
                ? undefined
                : () => {
                    setDraftError(undefined)
                    setDraft(undefined)
                    props.onChange('')
                    setOpen(false)
                  }
            }
          />
        </Popover.Content>
      </Popover.Portal>
    </Popover>
  )
}

/** A month of days to pick from, moved through with the arrow keys (a week with up and down). */
function Calendar(props: {
  value: string
  min?: string
  max?: string
  onPick: (iso: string) => void
  onClear?: () => void
}) {
  const { t, locale } = useI18n()
  const today = todayIso()
  const start = props.value || (props.min && today < props.min ? props.min : today)
  const [focus, setFocus] = createSignal(start)
  const year = () => Number(focus().slice(0, 4))
  const month = () => Number(focus().slice(5, 7))
  // Chinese calendars start the week on Monday; English (US) ones on Sunday.
  const firstDay = () => (locale() === 'zh-CN' ? 1 : 0)
  const title = createMemo(() =>
    new Intl.DateTimeFormat(locale(), { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(
      utc(`${focus().slice(0, 7)}-01`),
    ),
  )
  const weekdays = createMemo(() => {
    const f = new Intl.DateTimeFormat(locale(), { weekday: 'short', timeZone: 'UTC' })
    // 2023-01-01 was a Sunday.
    return Array.from({ length: 7 }, (_, i) => f.format(utc(`2023-01-0${1 + ((i + firstDay()) % 7)}`)))
  })
  const label = createMemo(() => new Intl.DateTimeFormat(locale(), { dateStyle: 'full', timeZone: 'UTC' }))
  const allowed = (iso: string) => (!props.min || iso >= props.min) && (!props.max || iso <= props.max)
  let grid: HTMLTableElement | undefined
  const moveTo = (iso: string) => {
    setFocus(iso)
    queueMicrotask(() => grid?.querySelector<HTMLButtonElement>(`[data-day="${iso}"]`)?.focus())
  }
  const shiftMonth = (n: number) => {
    const d = utc(`${focus().slice(0, 7)}-01`)
    d.setUTCMonth(d.getUTCMonth() + n)
    const days = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate()
    setFocus(isoOf(d.getUTCFullYear(), d.getUTCMonth() + 1, Math.min(Number(focus().slice(8)), days)))
  }
  const onKey = (e: KeyboardEvent) => {
    const step: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 }
    if (e.key in step) {
      e.preventDefault()
      moveTo(addDays(focus(), step[e.key]!))
    } else if (e.key === 'PageUp' || e.key === 'PageDown') {
      e.preventDefault()
      shiftMonth(e.key === 'PageUp' ? -1 : 1)
      moveTo(focus())
    }
  }
  return (
    <div class="calendar">
      <div class="calendar-head">
        <button
          type="button"
          class="icon-btn"
          aria-label={t('common.previousMonth')}
          onClick={() => shiftMonth(-1)}
        >
          ‹
        </button>
        <span class="calendar-title" aria-live="polite">
          {title()}
        </span>
        <button
          type="button"
          class="icon-btn"
          aria-label={t('common.nextMonth')}
          onClick={() => shiftMonth(1)}
        >
          ›
        </button>
      </div>
      <table class="calendar-grid" aria-label={title()} ref={grid} onKeyDown={onKey}>
        <thead>
          <tr>
            <For each={weekdays()}>
              {(day) => (
                <th scope="col" class="calendar-weekday">
                  {day}
                </th>
              )}
            </For>
          </tr>
        </thead>
        <tbody>
          <For each={monthGrid(year(), month(), firstDay())}>
            {(week) => (
              <tr>
                <For each={week}>
                  {(iso) => (
                    <td class="calendar-cell">
                      <Show when={iso}>
                        {(day) => (
                          <button
                            type="button"
                            class="calendar-day"
                            classList={{ 'is-today': day() === today, 'is-selected': day() === props.value }}
                            data-day={day()}
                            aria-pressed={day() === props.value}
                            aria-current={day() === today ? 'date' : undefined}
                            tabIndex={day() === focus() ? 0 : -1}
                            disabled={!allowed(day())}
                            aria-label={label().format(utc(day()))}
                            onClick={() => props.onPick(day())}
                          >
                            {Number(day().slice(8))}
                          </button>
                        )}
                      </Show>
                    </td>
                  )}
                </For>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <div class="calendar-foot">
        <button
          type="button"
          class="btn btn-small btn-ghost"
          disabled={!allowed(today)}
          onClick={() => props.onPick(today)}
        >
          {t('common.today')}
        </button>
        <Show when={props.onClear}>
          {(clear) => (
            <button type="button" class="btn btn-small btn-ghost" onClick={() => clear()()}>
              {t('common.clear')}
            </button>
          )}
        </Show>
      </div>
    </div>
  )
}
