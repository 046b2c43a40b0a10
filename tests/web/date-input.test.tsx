// Date fields in the UI's language: the value shown as the language writes dates, typed as 2026-12-08 (or
// 2026/12/8, 2026年12月8日), a calendar with the language's month and weekday names and first day of the
// week; out-of-range and impossible days refused in words; the value is always an ISO day.
import { createSignal } from 'solid-js'
import { render } from 'solid-js/web'
import { afterEach, describe, expect, it } from 'vitest'
import { I18nProvider } from '../../web/src/i18n'
import { DateInput, monthGrid, parseDay } from '../../web/src/ui/date-input'

let dispose: (() => void) | undefined
afterEach(() => {
  dispose?.()
  document.body.innerHTML = ''
})

function show(
  locale: 'en' | 'zh-CN',
  initial: string,
  extra: { min?: string; max?: string; required?: boolean } = {},
) {
  const container = document.createElement('div')
  document.body.append(container)
  const changes: string[] = []
  const [value, setValue] = createSignal(initial)
  dispose = render(
    () => (
      <I18nProvider locale={locale}>
        <DateInput
          id="d"
          value={value()}
          onChange={(iso) => {
            setValue(iso)
            changes.push(iso)
          }}
          {...extra}
        />
      </I18nProvider>
    ),
    container,
  )
  return { input: container.querySelector('input')!, changes, container }
}

const type = (input: HTMLInputElement, text: string) => {
  input.focus()
  input.value = text
  input.dispatchEvent(new InputEvent('input', { bubbles: true }))
  input.dispatchEvent(new FocusEvent('blur'))
}

describe('a date field', () => {
  it('shows the day as the UI language writes it, in Chinese and English alike', () => {
    expect(show('zh-CN', '2026-12-08').input.value).toBe('2026年12月8日')
    dispose?.()
    expect(show('en', '2026-12-08').input.value).toBe('Dec 8, 2026')
  })

  it('takes a typed day in the usual ways and gives an ISO day; empty clears', () => {
    const { input, changes } = show('zh-CN', '')
    type(input, '2026/12/9')
    type(input, '2027年1月5日')
    type(input, '2027-02-01')
    type(input, '')
    expect(changes).toEqual(['2026-12-09', '2027-01-05', '2027-02-01', ''])
  })

  it('refuses an impossible or out-of-range day in words, showing the text to mend, the value unchanged', () => {
    const { input, changes } = show('en', '2026-12-08', { min: '2026-01-01', max: '2026-12-31' })
    type(input, '2026-02-30')
    expect(input.validationMessage).toBe('Enter a date like 2026-12-31, or pick one from the calendar.')
    // The wrong text stays in sight beside its message; showing the old day would hide what is wrong.
    expect(input.value).toBe('2026-02-30')
    expect(input.getAttribute('aria-invalid')).toBe('true')
    type(input, '2027-01-02')
    expect(input.validationMessage).toBe('This date is outside the allowed range.')
    expect(changes).toEqual([])
    // Mended, the message goes and the day is taken.
    type(input, '2026-03-01')
    expect(input.validationMessage).toBe('')
    expect(input.value).toBe('Mar 1, 2026')
    expect(changes).toEqual(['2026-03-01'])
  })

  it('checks the day again when its bounds move (an end before a start chosen later)', () => {
    const [min, setMin] = createSignal('2026-01-01')
    const container = document.createElement('div')
    document.body.append(container)
    dispose = render(
      () => (
        <I18nProvider locale="en">
          <DateInput value="2026-03-01" onChange={() => {}} min={min()} />
        </I18nProvider>
      ),
      container,
    )
    const input = container.querySelector('input')!
    expect(input.validationMessage).toBe('')
    setMin('2026-04-01')
    expect(input.validationMessage).toBe('This date is outside the allowed range.')
    setMin('2026-02-01')
    expect(input.validationMessage).toBe('')
  })

  it("asks for a required day in the UI's words, not the browser's", () => {
    const { input } = show('zh-CN', '', { required: true })
    expect(input.validationMessage).toBe('请填写此项。')
    type(input, '2026-12-09')
    expect(input.validationMessage).toBe('')
  })

  it('parses only real days', () => {
    expect(parseDay('2026-2-3')).toBe('2026-02-03')
    expect(parseDay('2028.02.29')).toBe('2028-02-29')
    expect(parseDay('2027-02-29')).toBeUndefined()
    expect(parseDay('12/08/2026')).toBeUndefined()
    expect(parseDay('tomorrow')).toBeUndefined()
  })

  it('lays a month out in weeks from Monday (Chinese) or Sunday (English)', () => {
    // December 2026 starts on a Tuesday.
    expect(monthGrid(2026, 12, 1)[0]).toEqual([
      null,
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
      '2026-12-06',
    ])
    expect(monthGrid(2026, 12, 0)[0]!.slice(0, 3)).toEqual([null, null, '2026-12-01'])
    expect(monthGrid(2026, 12, 1).flat().filter(Boolean)).toHaveLength(31)
  })

  it('opens a calendar in the UI language; picking a day sets it', async () => {
    const { container, changes } = show('zh-CN', '2026-12-08')
    container.querySelector<HTMLButtonElement>('.date-input-button')!.click()
    const calendar = await new Promise<HTMLElement>((resolve) => {
      const check = () => {
        const el = document.querySelector<HTMLElement>('.calendar')
        if (el) resolve(el)
        else setTimeout(check, 5)
      }
      check()
    })
    expect(calendar.querySelector('.calendar-title')?.textContent).toBe('2026年12月')
    expect([...calendar.querySelectorAll('.calendar-weekday')].map((d) => d.textContent)).toEqual([
      '周一',
      '周二',
      '周三',
      '周四',
      '周五',
      '周六',
      '周日',
    ])
    expect(calendar.querySelector('.is-selected')?.textContent).toBe('8')
    calendar.querySelector<HTMLButtonElement>('[data-day="2026-12-15"]')!.click()
    expect(changes).toEqual(['2026-12-15'])
  })
})
