// Which products a member may see: all (null) or a chosen few.
import { createUniqueId, For, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import type { Product } from '../products/queries'

export function AccessPicker(props: {
  products: readonly Pick<Product, 'id' | 'key' | 'name'>[]
  value: number[] | null
  onChange: (value: number[] | null) => void
  legend: string
}) {
  const { t } = useI18n()
  const name = createUniqueId()
  const chosen = () => new Set(props.value ?? [])
  const toggle = (id: number, on: boolean) => {
    const next = new Set(chosen())
    if (on) next.add(id)
    else next.delete(id)
    props.onChange(props.products.map((p) => p.id).filter((p) => next.has(p)))
  }
  return (
    <fieldset class="access-picker">
      <legend class="field-label">{props.legend}</legend>
      <Show
        when={props.products.length > 0}
        fallback={<p class="field-hint">{t('members.accessNoProducts')}</p>}
      >
        <label class="radio">
          <input
            type="radio"
            name={name}
            checked={props.value === null}
            onChange={() => props.onChange(null)}
          />
          <span>{t('members.accessAll')}</span>
        </label>
        <label class="radio">
          <input
            type="radio"
            name={name}
            checked={props.value !== null}
            onChange={() => props.onChange([])}
          />
          <span>{t('members.accessSome')}</span>
        </label>
        <Show when={props.value !== null}>
          <ul class="access-products">
            <For each={props.products}>
              {(product) => (
                <li>
                  <label class="checkbox">
                    <input
                      type="checkbox"
                      checked={chosen().has(product.id)}
                      onChange={(e) => toggle(product.id, e.currentTarget.checked)}
                    />
                    <span class="key-chip">{product.key}</span>
                    <span>{product.name}</span>
                  </label>
                </li>
              )}
            </For>
          </ul>
          <Show when={props.value?.length === 0}>
            <p class="field-hint">{t('members.accessPickOne')}</p>
          </Show>
        </Show>
      </Show>
    </fieldset>
  )
}
