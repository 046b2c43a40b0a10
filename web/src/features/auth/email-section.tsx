// The account page's email address: the current one, and a change made with the password. With email on
// the server, a link goes to the new address and the address changes when it is opened; without email, at
// once (the notification preferences' answer says which, so the card can say so before anything is sent).
import { createSignal, Show } from 'solid-js'
import { FIELD_LIMITS } from '../../../../domain/limits'
import { ApiError } from '../../api'
import { useI18n } from '../../i18n'
import { TextField } from '../../ui/field'
import { FormActions } from '../../ui/form-actions'
import { createLocalQuery } from '../../ui/query-view'
import { Sentence } from '../../ui/sentence'
import { preferencesQuery } from '../notifications/queries'
import { useWorkspace } from '../workspaces/workspace-context'
import { useAccountMutations } from './account-queries'

const reasonOf = (err: unknown) =>
  err instanceof ApiError ? (err.details as { reason?: unknown; column?: unknown } | undefined) : undefined

export function EmailSection() {
  const { t } = useI18n()
  const ws = useWorkspace()
  const current = () => ws.me().user.email
  const preferences = createLocalQuery(() => preferencesQuery())
  const { email: change } = useAccountMutations()
  const [address, setAddress] = createSignal('')
  const [password, setPassword] = createSignal('')
  const [same, setSame] = createSignal(false)
  const [done, setDone] = createSignal<{ email: string; pending: boolean; was: string }>()

  // The server's refusals that belong to one field are shown under it; the rest under the form.
  const wrongPassword = () =>
    change.error instanceof ApiError &&
    change.error.status === 400 &&
    reasonOf(change.error)?.column === 'password'
  const taken = () => change.error instanceof ApiError && reasonOf(change.error)?.reason === 'email_taken'
  const otherError = () => (wrongPassword() || taken() ? undefined : change.error)

  const hint = () => {
    const available = preferences.data?.emailAvailable
    if (available === undefined) return undefined
    return available ? t('account.emailConfirmHint') : t('account.emailAtOnceHint')
  }

  return (
    <section class="card card-pad account-section" aria-labelledby="account-email">
      <h2 id="account-email" class="section-title">
        {t('account.emailTitle')}
      </h2>
      <p class="account-email-current" data-testid="current-email">
        <Sentence template={t('account.emailCurrent')} parts={{ email: <strong>{current()}</strong> }} />
      </p>
      <form
        class="form"
        onSubmit={(e) => {
          e.preventDefault()
          setDone(undefined)
          const wanted = address().trim()
          setSame(wanted.toLowerCase() === current().toLowerCase())
          if (same()) return
          const was = current()
          change.mutate(
            { email: wanted, password: password() },
            {
              onSuccess: (answer) => {
                setDone({ ...answer, was })
                setAddress('')
                setPassword('')
              },
            },
          )
        }}
      >
        <div class="field-row">
          <TextField
            class="field-grow"
            label={t('account.newEmail')}
            name="newEmail"
            type="email"
            autocomplete="email"
            required
            maxLength={FIELD_LIMITS.name}
            hint={hint()}
            error={same() ? t('account.emailSame') : taken() ? t('account.emailTaken') : undefined}
            value={address()}
            onValue={(value) => {
              setAddress(value)
              setSame(false)
            }}
          />
          <TextField
            class="field-grow"
            label={t('account.emailPassword')}
            name="emailPassword"
            type="password"
            autocomplete="current-password"
            required
            maxLength={FIELD_LIMITS.password.max}
            hint={t('account.emailPasswordHint')}
            error={wrongPassword() ? t('account.emailWrongPassword') : undefined}
            value={password()}
            onValue={setPassword}
          />
        </div>
        <Show when={!done() && ws.me().user.pendingEmail}>
          {(waiting) => (
            <p class="notice notice-info" role="status" data-testid="pending-email">
              {t('account.emailPending', { email: waiting(), current: current() })}
            </p>
          )}
        </Show>
        <Show when={done()}>
          {(answer) => (
            <p class="notice notice-success" role="status">
              {answer().pending
                ? t('account.emailPending', { email: answer().email, current: answer().was })
                : t('account.emailChanged', { email: answer().email })}
            </p>
          )}
        </Show>
        <FormActions
          error={otherError()}
          busy={change.isPending}
          submitLabel={t('account.changeEmail')}
          busyLabel={t('common.saving')}
        />
      </form>
    </section>
  )
}
