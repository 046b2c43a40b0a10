// Your own account: name, language and time zone; light or dark (in this browser); the email address (confirmed
// from the new address when the server sends email); the password (the current one first; signing in
// elsewhere ends); two-factor authentication; and where you are signed in, each session with a way to sign
// it out.
import { createSignal, For, Show } from 'solid-js'
import { FIELD_LIMITS } from '../../../../domain/limits'
import { LOCALES, type Locale, useI18n } from '../../i18n'
import { chooseTheme, THEMES, type ThemeChoice, themeChoice } from '../../theme'
import { ErrorNotice } from '../../ui/errors'
import { SelectField, TextField } from '../../ui/field'
import { FormActions } from '../../ui/form-actions'
import { PageHeader } from '../../ui/page'
import { createLocalQuery, QueryView } from '../../ui/query-view'
import { NotificationPreferences } from '../notifications/preferences-section'
import { useWorkspace } from '../workspaces/workspace-context'
import { type Session, sessionsQuery, useAccountMutations } from './account-queries'
import { describeBrowser } from './describe-browser'
import { EmailSection } from './email-section'
import { TwoFactorSection } from './two-factor-section'

export default function ProfilePage() {
  const { t } = useI18n()
  return (
    <div class="page">
      <PageHeader title={t('account.title')} intro={t('account.intro')} />
      <ProfileSection />
      <EmailSection />
      <AppearanceSection />
      <NotificationPreferences />
      <PasswordSection />
      <TwoFactorSection />
      <SessionsSection />
    </div>
  )
}

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone

function ProfileSection() {
  const { t, locale } = useI18n()
  const ws = useWorkspace()
  // The shell's answer to /me, fetched again after every change saved here.
  const user = () => ws.me().user
  const { profile } = useAccountMutations()
  const [name, setName] = createSignal(user().name)
  const [language, setLanguage] = createSignal(user().language ?? '')
  const [timeZone, setTimeZone] = createSignal(user().timeZone ?? '')
  const [saved, setSaved] = createSignal(false)
  const zones = Intl.supportedValuesOf('timeZone')
  return (
    <section class="card card-pad account-section" aria-labelledby="account-profile">
      <h2 id="account-profile" class="section-title">
        {t('account.profile')}
      </h2>
      <form
        class="form"
        onSubmit={(e) => {
          e.preventDefault()
          setSaved(false)
          profile.mutate(
            {
              name: name().trim(),
              language: language() === '' ? null : (language() as Locale),
              timeZone: timeZone() === '' ? null : timeZone(),
            },
            { onSuccess: () => setSaved(true) },
          )
        }}
      >
        <TextField
          label={t('account.name')}
          required
          maxLength={FIELD_LIMITS.name}
          value={name()}
          onValue={setName}
        />
        <div class="field-row">
          <SelectField
            class="field-grow"
            label={t('account.language')}
            value={language()}
            onValue={setLanguage}
          >
            <option value="">{t('account.languageBrowser', { language: t(`language.${locale()}`) })}</option>
            <For each={LOCALES}>{(l) => <option value={l}>{t(`language.${l}`)}</option>}</For>
          </SelectField>
          <SelectField
            class="field-grow"
            label={t('account.timeZone')}
            value={timeZone()}
            onValue={setTimeZone}
            hint={t('account.timeZoneHint')}
          >
            <option value="">{t('account.timeZoneBrowser', { zone: browserZone() })}</option>
            <For each={zones}>{(zone) => <option value={zone}>{zone}</option>}</For>
          </SelectField>
        </div>
        <Show when={saved()}>
          <p class="notice notice-success" role="status">
            {t('account.saved')}
          </p>
        </Show>
        <FormActions
          error={profile.error}
          busy={profile.isPending}
          submitLabel={t('common.save')}
          busyLabel={t('common.saving')}
        />
      </form>
    </section>
  )
}

/** Light, dark or the system's: this browser's choice (the account menu offers the same), applied at once. */
function AppearanceSection() {
  const { t } = useI18n()
  return (
    <section class="card card-pad account-section" aria-labelledby="account-appearance">
      <h2 id="account-appearance" class="section-title">
        {t('shell.theme')}
      </h2>
      <SelectField
        label={t('account.theme')}
        value={themeChoice()}
        onValue={(value) => chooseTheme(value as ThemeChoice)}
        hint={t('account.themeHint')}
      >
        <For each={THEMES}>{(choice) => <option value={choice}>{t(`shell.themes.${choice}`)}</option>}</For>
      </SelectField>
    </section>
  )
}

function PasswordSection() {
  const { t } = useI18n()
  const { password } = useAccountMutations()
  const [current, setCurrent] = createSignal('')
  const [next, setNext] = createSignal('')
  const [again, setAgain] = createSignal('')
  const [changed, setChanged] = createSignal(false)
  const differ = () => again() !== '' && again() !== next()
  return (
    <section class="card card-pad account-section" aria-labelledby="account-password">
      <h2 id="account-password" class="section-title">
        {t('account.password')}
      </h2>
      <form
        class="form"
        onSubmit={(e) => {
          e.preventDefault()
          if (differ()) return
          setChanged(false)
          password.mutate(
            { currentPassword: current(), newPassword: next() },
            {
              onSuccess: () => {
                setChanged(true)
                setCurrent('')
                setNext('')
                setAgain('')
              },
            },
          )
        }}
      >
        <TextField
          label={t('account.currentPassword')}
          type="password"
          autocomplete="current-password"
          required
          value={current()}
          onValue={setCurrent}
        />
        <div class="field-row">
          <TextField
            class="field-grow"
            label={t('account.newPassword')}
            type="password"
            autocomplete="new-password"
            required
            minLength={FIELD_LIMITS.password.min}
            maxLength={FIELD_LIMITS.password.max}
            hint={t('account.newPasswordHint')}
            value={next()}
            onValue={setNext}
          />
          <TextField
            class="field-grow"
            label={t('account.repeatPassword')}
            type="password"
            autocomplete="new-password"
            required
            value={again()}
            onValue={setAgain}
            error={differ() ? t('account.passwordsDiffer') : undefined}
          />
        </div>
        <Show when={changed()}>
          <p class="notice notice-success" role="status">
            {t('account.passwordChanged')}
          </p>
        </Show>
        <FormActions
          error={password.error}
          busy={password.isPending}
          submitLabel={t('account.changePassword')}
          busyLabel={t('common.saving')}
        />
      </form>
    </section>
  )
}

function SessionsSection() {
  const { t, formatDateTime } = useI18n()
  const sessions = createLocalQuery(sessionsQuery)
  const { endSession } = useAccountMutations()
  return (
    <section class="card card-pad account-section" aria-labelledby="account-sessions">
      <h2 id="account-sessions" class="section-title">
        {t('account.sessions')}
      </h2>
      <p class="field-hint">{t('account.sessionsIntro')}</p>
      <QueryView query={sessions}>
        {(answer) => (
          <ul class="account-sessions">
            <For each={answer().items}>
              {(session: Session) => (
                <li class="account-session" data-testid="session">
                  <div>
                    <strong>{describeBrowser(session.userAgent) ?? t('account.unknownBrowser')}</strong>
                    <Show when={session.current}>
                      <span class="tag tag-active">{t('account.thisDevice')}</span>
                    </Show>
                    <p class="field-hint">
                      {t('account.lastUsed', {
                        when: formatDateTime(session.lastUsedAt ?? session.createdAt),
                      })}
                      <Show when={session.address}> · {t('account.from', { address: session.address })}</Show>
                    </p>
                  </div>
                  <Show when={!session.current}>
                    <button
                      type="button"
                      class="btn btn-small"
                      disabled={endSession.isPending}
                      onClick={() => endSession.mutate(session.id)}
                    >
                      {t('account.signOut')}
                    </button>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        )}
      </QueryView>
      <ErrorNotice error={endSession.error} />
    </section>
  )
}
