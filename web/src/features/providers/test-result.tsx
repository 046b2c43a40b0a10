// What a provider's test answered: whether it works, and the server's own words for what it found or what
// failed (an address, a bind DN, an error code), shown as they are.
import { Show } from 'solid-js'
import { useI18n } from '../../i18n'
import type { TestResult } from './queries'

export function TestResultBox(props: { result: TestResult; name?: string }) {
  const { t } = useI18n()
  return (
    <div
      class={`notice ${props.result.ok ? 'notice-success' : 'notice-error'}`}
      role="status"
      data-testid="test-result"
      data-ok={String(props.result.ok)}
    >
      <div class="notice-body sso-result">
        <p class="cell-strong">
          <Show when={props.name}>{(name) => <>{t('providers.testOf', { name: name() })} · </>}</Show>
          {props.result.ok ? t('providers.testOk') : t('providers.testFailed')}
        </p>
        <p class="sso-result-message">{props.result.message}</p>
      </div>
    </div>
  )
}
