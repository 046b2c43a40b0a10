// Form fields: a select shows its value even when its options arrive after it (as they do from a query),
// and reports the user's choice.
import { createSignal, For } from 'solid-js'
import { render } from 'solid-js/web'
import { afterEach, describe, expect, it } from 'vitest'
import { I18nProvider } from '../../web/src/i18n'
import { SelectField } from '../../web/src/ui/field'

let dispose: (() => void) | undefined
afterEach(() => {
  dispose?.()
  document.body.innerHTML = ''
})

describe('SelectField', () => {
  it('keeps its value when the options arrive later, and follows value changes', async () => {
    const [options, setOptions] = createSignal<string[]>([])
    const [value, setValue] = createSignal('beta')
    const chosen: string[] = []
    const container = document.createElement('div')
    document.body.append(container)
    dispose = render(
      () => (
        <I18nProvider locale="en">
          <SelectField
            label="Owner"
            value={value()}
            onValue={(v) => {
              chosen.push(v)
              setValue(v)
            }}
          >
            <option value="">None</option>
            <For each={options()}>{(name) => <option value={name}>{name}</option>}</For>
          </SelectField>
        </I18nProvider>
      ),
      container,
    )
    const select = container.querySelector('select') as HTMLSelectElement
    expect(select.value).toBe('')
    setOptions(['alpha', 'beta', 'gamma'])
    await Promise.resolve()
    expect(select.value).toBe('beta')
    setValue('gamma')
    await Promise.resolve()
    expect(select.value).toBe('gamma')

    select.value = 'alpha'
    select.dispatchEvent(new Event('change', { bubbles: true }))
    expect(chosen).toEqual(['alpha'])
    expect(select.value).toBe('alpha')
    expect(container.querySelector('label')?.textContent).toBe('Owner')
  })
})
