// The zh-CN / en switch: two toggle buttons, the current one pressed.
import { For } from 'solid-js'
import { LOCALES, type Locale, useI18n } from '../i18n'

export function LanguageSwitch(props: { onChoose?: (locale: Locale) => void }) {
  const { t, locale, setLocale } = useI18n()
  return (
    <fieldset class="segmented">
      <legend class="visually-hidden">{t('language.label')}</legend>
      <For each={LOCALES}>
        {(l) => (
          <button
            type="button"
            class="segmented-item"
            aria-pressed={locale() === l}
            lang={l}
            title={t(`language.${l}`)}
            onClick={() => {
              setLocale(l)
              props.onChoose?.(l)
            }}
          >
            {t(`language.short.${l}`)}
          </button>
        )}
      </For>
    </fieldset>
  )
}
