// The instance page's Sign-in section: whether everyone may use a password (switching it off is asked first,
// saying that instance owners keep theirs as the way in), whether two-factor is required, and the providers:
// on or off, edited on their own page, tested (the answer shown in the server's words) and deleted after
// asking. A provider from the environment says so and cannot be deleted here.
import { A } from '@solidjs/router'
import { useQueryClient } from '@tanstack/solid-query'
import { createSignal, Index, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { ConfirmDialog } from '../../ui/dialog'
import { ErrorNotice } from '../../ui/errors'
import { createLocalQuery, QueryView } from '../../ui/query-view'
import { GhostButton, Table } from '../../ui/table'
import { type SettingsChange, settingsQuery, useInstanceMutations } from '../instance/queries'
import { useWorkspace } from '../workspaces/workspace-context'
import './providers.css'
import {
  type Provider,
  providerKeys,
  providersQuery,
  type TestResult,
  useProviderMutations,
  useProviderTest,
} from './queries'
import { TestResultBox } from './test-result'

export function SignInSection() {
  const { t } = useI18n()
  const queryClient = useQueryClient()
  const settings = createLocalQuery(settingsQuery)
  const providers = createLocalQuery(providersQuery)
  const { updateSettings } = useInstanceMutations()
  // Its own mutation: a refusal while switching passwords off shows in the dialog, not also here.
  const passwordsOff = useInstanceMutations().updateSettings
  const [asking, setAsking] = createSignal(false)
  const refreshLoginPage = () => queryClient.invalidateQueries({ queryKey: providerKeys.signInOptions })
  const change = (settingsChange: SettingsChange) =>
    updateSettings.mutate(settingsChange, { onSuccess: () => void refreshLoginPage() })
  const anyOn = () => (providers.data?.items ?? []).some((p) => p.enabled)

  return (
    <section class="card card-pad section" aria-labelledby="instance-sign-in">
      <h2 class="section-title" id="instance-sign-in">
        {t('providers.title')}
      </h2>
      <p class="in-intro">{t('providers.intro')}</p>
      <QueryView query={settings}>
        {(current) => (
          <fieldset class="in-choices sso-toggles" disabled={updateSettings.isPending}>
            <legend class="visually-hidden">{t('providers.title')}</legend>
            <label class="checkbox in-choice">
              <input
                type="checkbox"
                name="passwordSignIn"
                checked={current().passwordSignIn}
                onChange={(e) => {
                  if (e.currentTarget.checked) return change({ passwordSignIn: true })
                  // Asked first: the box stays ticked until the owner confirms.
                  e.currentTarget.checked = true
                  passwordsOff.reset()
                  setAsking(true)
                }}
              />
              <span>
                <span class="cell-strong">{t('providers.passwordSignIn')}</span>
                <span class="in-choice-hint">{t('providers.passwordSignInHint')}</span>
              </span>
            </label>
            <label class="checkbox in-choice">
              <input
                type="checkbox"
                name="requireTwoFactor"
                checked={current().requireTwoFactor}
                onChange={(e) => change({ requireTwoFactor: e.currentTarget.checked })}
              />
              <span>
                <span class="cell-strong">{t('providers.requireTwoFactor')}</span>
                <span class="in-choice-hint">{t('providers.requireTwoFactorHint')}</span>
              </span>
            </label>
          </fieldset>
        )}
      </QueryView>
      <Show when={updateSettings.isSuccess || passwordsOff.isSuccess}>
        <p class="form-status" role="status">
          {t('providers.saved')}
        </p>
      </Show>
      <ErrorNotice error={updateSettings.error} />
      <Show when={asking()}>
        <ConfirmDialog
          open
          onOpenChange={(open) => !open && setAsking(false)}
          title={t('providers.passwordOffTitle')}
          body={anyOn() ? t('providers.passwordOffBody') : t('providers.passwordOffNoProvider')}
          confirmLabel={t('providers.passwordOffConfirm')}
          onConfirm={async () => {
            updateSettings.reset()
            await passwordsOff.mutateAsync({ passwordSignIn: false })
            void refreshLoginPage()
          }}
        />
      </Show>
      <ProviderList />
      <p class="in-foot sso-note">{t('providers.brokerNote')}</p>
    </section>
  )
}

function ProviderList() {
  const { t } = useI18n()
  const ws = useWorkspace()
  const providers = createLocalQuery(providersQuery)
  const { update, remove } = useProviderMutations()
  const test = useProviderTest()
  const [results, setResults] = createSignal<Record<number, TestResult>>({})
  const [testing, setTesting] = createSignal<number>()
  const [removing, setRemoving] = createSignal<Provider>()
  const base = () => `/w/${ws.id()}/settings/instance/sign-in`
  const runTest = (provider: Provider) => {
    setTesting(provider.id)
    test.mutate(provider.id, {
      onSuccess: (result) => setResults({ ...results(), [provider.id]: result }),
      onSettled: () => setTesting(undefined),
    })
  }
  const setEnabled = (provider: Provider, box: HTMLInputElement) =>
    update.mutate(
      { id: provider.id, change: { enabled: box.checked } },
      { onError: () => (box.checked = provider.enabled) },
    )

  return (
    <>
      <div class="sso-subhead">
        <h3 class="section-title">{t('providers.providers')}</h3>
        <A class="btn btn-small" href={`${base()}/new`}>
          {t('providers.add')}
        </A>
      </div>
      <ErrorNotice error={update.error ?? test.error} />
      <QueryView
        query={providers}
        isEmpty={(answer) => answer.items.length === 0}
        empty={<p class="cell-muted">{t('providers.empty')}</p>}
      >
        {(answer) => (
          <Table
            class="sso-table"
            columns={[
              { label: t('providers.name') },
              { label: t('providers.kind') },
              { label: t('providers.slug') },
              { label: t('providers.status') },
            ]}
            actions={t('members.actions')}
          >
            {/* By position: a row (and the focus in it) stays while its provider is switched on or off. */}
            <Index each={answer().items}>
              {(provider) => (
                <ProviderRow
                  provider={provider()}
                  base={base()}
                  testing={testing()}
                  result={results()[provider().id]}
                  onEnabled={(box) => setEnabled(provider(), box)}
                  onTest={() => runTest(provider())}
                  onRemove={() => setRemoving(provider())}
                />
              )}
            </Index>
          </Table>
        )}
      </QueryView>
      <Show when={removing()}>
        {(provider) => (
          <ConfirmDialog
            open
            onOpenChange={(open) => !open && setRemoving(undefined)}
            title={t('providers.removeTitle', { name: provider().name })}
            body={t('providers.removeBody')}
            confirmLabel={t('providers.remove')}
            onConfirm={() => remove.mutateAsync(provider().id)}
          />
        )}
      </Show>
    </>
  )
}

/** One provider: its name (and whether the environment sets it), kind, short name, whether it is on, its
 * actions, and under it what its last test answered. */
function ProviderRow(props: {
  provider: Provider
  base: string
  /** The provider being tested, if any (one at a time). */
  testing: number | undefined
  result: TestResult | undefined
  onEnabled: (box: HTMLInputElement) => void
  onTest: () => void
  onRemove: () => void
}) {
  const { t } = useI18n()
  return (
    <>
      <tr data-provider={props.provider.slug}>
        <td>
          <span class="cell-strong">{props.provider.name}</span>
          <Show when={props.provider.source === 'env'}>
            <span class="tag" data-testid="from-env" title={t('providers.fromEnvHint')}>
              {t('providers.fromEnv')}
            </span>
          </Show>
        </td>
        <td>{t(`providers.type.${props.provider.type}`)}</td>
        <td class="mono cell-muted">{props.provider.slug}</td>
        <td>
          <label class="checkbox">
            <input
              type="checkbox"
              name="enabled"
              checked={props.provider.enabled}
              aria-label={t('providers.enabledLabel', { name: props.provider.name })}
              onChange={(e) => props.onEnabled(e.currentTarget)}
            />
            <span aria-hidden="true">{t('providers.on')}</span>
          </label>
        </td>
        <td class="cell-actions">
          <A
            class="btn btn-small btn-ghost"
            href={`${props.base}/${props.provider.id}`}
            aria-label={t('providers.editLabel', { name: props.provider.name })}
          >
            {t('providers.edit')}
          </A>
          <GhostButton
            label={t('providers.testLabel', { name: props.provider.name })}
            disabled={props.testing !== undefined}
            onClick={props.onTest}
          >
            {props.testing === props.provider.id ? t('providers.testing') : t('providers.test')}
          </GhostButton>
          <Show when={props.provider.source !== 'env'}>
            <GhostButton
              danger
              label={t('providers.removeLabel', { name: props.provider.name })}
              onClick={props.onRemove}
            >
              {t('providers.remove')}
            </GhostButton>
          </Show>
        </td>
      </tr>
      <Show when={props.result}>
        {(result) => (
          <tr class="sso-result-row">
            <td colSpan={5}>
              <TestResultBox result={result()} name={props.provider.name} />
            </td>
          </tr>
        )}
      </Show>
    </>
  )
}
