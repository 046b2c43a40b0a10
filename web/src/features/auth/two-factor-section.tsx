// The account page's two-factor authentication card: whether it is on (since when, how many recovery codes are
// left, a warning when few are), and, in place under it, turning it on, new recovery codes, turning it off.
import { createSignal, Match, Show, Switch } from 'solid-js'
import { useI18n } from '../../i18n'
import { createLocalQuery, QueryView } from '../../ui/query-view'
import { useWorkspace } from '../workspaces/workspace-context'
import { CodeForm, RecoveryCodesPanel, TwoFactorSetup } from './two-factor-parts'
import { reasonOf, twoFactorStatusQuery, useTwoFactorMutations } from './two-factor-queries'

/** Fewer recovery codes than this, and the card says to make new ones. */
const FEW_CODES = 4

type Step =
  | { kind: 'setup' }
  | { kind: 'regenerate' }
  | { kind: 'codes'; codes: string[] }
  | { kind: 'disable' }

export function TwoFactorSection() {
  const { t, formatDateTime } = useI18n()
  const ws = useWorkspace()
  const status = createLocalQuery(twoFactorStatusQuery)
  const { regenerate, disable } = useTwoFactorMutations()
  const [step, setStep] = createSignal<Step>()
  const [turnedOff, setTurnedOff] = createSignal(false)
  const open = (next: Step) => {
    regenerate.reset()
    disable.reset()
    setTurnedOff(false)
    setStep(next)
  }
  const close = () => setStep(undefined)
  const shownCodes = () => {
    const current = step()
    return current?.kind === 'codes' ? current.codes : undefined
  }
  const required = () => reasonOf(disable.error) === 'two_factor_required'

  return (
    <section
      id="two-factor"
      class="card card-pad account-section tf-section"
      aria-labelledby="account-two-factor"
    >
      <h2 id="account-two-factor" class="section-title">
        {t('account.twoFactor.title')}
      </h2>
      <p class="field-hint">{t('account.twoFactor.intro')}</p>
      <QueryView query={status}>
        {(state) => (
          <>
            <p class="tf-status" data-testid="two-factor-status">
              <span class={state().enabled ? 'tag tag-success' : 'tag'}>
                {state().enabled ? t('account.twoFactor.on') : t('account.twoFactor.off')}
              </span>
              <Show when={state().enabled} fallback={<span>{t('account.twoFactor.statusOff')}</span>}>
                <span>
                  {t('account.twoFactor.statusOn', { date: formatDateTime(state().enabledAt ?? '') })}{' '}
                  {t('account.twoFactor.codesLeft', { count: String(state().recoveryCodesLeft) })}
                </span>
              </Show>
            </p>
            <Show when={state().enabled && state().recoveryCodesLeft < FEW_CODES && !shownCodes()}>
              <p class="notice notice-warning tf-notice" role="note" data-testid="few-codes">
                {state().recoveryCodesLeft === 0
                  ? t('account.twoFactor.codesNone')
                  : t('account.twoFactor.codesLow', { count: String(state().recoveryCodesLeft) })}
              </p>
            </Show>
            <Show when={turnedOff()}>
              <p class="notice notice-success tf-notice" role="status">
                {t('account.twoFactor.disable.done')}
              </p>
            </Show>
            <Show when={!step()}>
              <div class="tf-status-actions">
                <Show
                  when={state().enabled}
                  fallback={
                    <button type="button" class="btn btn-primary" onClick={() => open({ kind: 'setup' })}>
                      {t('account.twoFactor.turnOn')}
                    </button>
                  }
                >
                  <button type="button" class="btn" onClick={() => open({ kind: 'regenerate' })}>
                    {t('account.twoFactor.newCodes')}
                  </button>
                  <button
                    type="button"
                    class="btn btn-danger-quiet"
                    onClick={() => open({ kind: 'disable' })}
                  >
                    {t('account.twoFactor.turnOff')}
                  </button>
                </Show>
              </div>
            </Show>
          </>
        )}
      </QueryView>
      <Switch>
        <Match when={step()?.kind === 'setup'}>
          <TwoFactorSetup email={ws.me().user.email} onDone={close} onCancel={close} />
        </Match>
        <Match when={step()?.kind === 'regenerate'}>
          <CodeForm
            testId="regenerate-form"
            intro={t('account.twoFactor.regenerate.intro')}
            submitLabel={t('account.twoFactor.regenerate.submit')}
            busy={regenerate.isPending}
            error={regenerate.error}
            onCancel={close}
            onSubmit={(code) =>
              regenerate.mutate(code, {
                onSuccess: (answer) => setStep({ kind: 'codes', codes: answer.recoveryCodes }),
              })
            }
          />
        </Match>
        <Match when={shownCodes()}>
          {(codes) => <RecoveryCodesPanel codes={codes()} email={ws.me().user.email} onDone={close} />}
        </Match>
        <Match when={step()?.kind === 'disable'}>
          <CodeForm
            testId="disable-form"
            intro={t('account.twoFactor.disable.intro')}
            submitLabel={t('account.twoFactor.disable.submit')}
            danger
            busy={disable.isPending}
            error={disable.error}
            overrides={required() ? { 409: t('account.twoFactor.disable.required') } : undefined}
            onCancel={close}
            onSubmit={(code) =>
              disable.mutate(code, {
                onSuccess: () => {
                  close()
                  setTurnedOff(true)
                },
              })
            }
          />
        </Match>
      </Switch>
    </section>
  )
}
