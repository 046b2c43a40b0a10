// The pieces of two-factor authentication that the account card, the page of a Keel that requires it and the
// login page share: the code field, the key for the authenticator app (QR code and text), the ten recovery
// codes shown once (copy, download, "I have saved them"), and the setup flow made of them.
import { createEffect, createSignal, For, onMount, Show } from 'solid-js'
import { Dynamic } from 'solid-js/web'
import { useI18n } from '../../i18n'
import { Loading } from '../../ui/boundary'
import { ErrorNotice } from '../../ui/errors'
import { TextField } from '../../ui/field'
import { focusWhenShown } from './auth-fields'
import { cleanCode, isWrongCode, type TwoFactorSecret, useTwoFactorMutations } from './two-factor-queries'
import './two-factor.css'

type Heading = 'h2' | 'h3'

/**
 * A one-time code: six digits from the app (the phone's keypad, and the code the system offers from a
 * message), or, with `recovery`, a recovery code like k7m2q-x9p4r. Focused when shown with `autofocus`;
 * its text is selected when an error comes, so the next code replaces it.
 */
export function CodeField(props: {
  value: string
  onValue: (code: string) => void
  label: string
  hint?: string
  error?: string
  recovery?: boolean
  autofocus?: boolean
  name?: string
}) {
  let input: HTMLInputElement | undefined
  createEffect(() => {
    if (props.error) input?.select()
  })
  return (
    <TextField
      label={props.label}
      name={props.name ?? 'code'}
      class="tf-code-field"
      required
      minLength={6}
      maxLength={20}
      autocomplete={props.recovery ? 'off' : 'one-time-code'}
      inputmode={props.recovery ? 'text' : 'numeric'}
      autocapitalize="none"
      spellcheck={false}
      placeholder={props.recovery ? 'xxxxx-xxxxx' : '123456'}
      hint={props.hint}
      error={props.error}
      value={props.value}
      onValue={(code) => props.onValue(code)}
      autofocus={props.autofocus}
      ref={(el) => {
        input = el
        if (props.autofocus) focusWhenShown(el)
      }}
    />
  )
}

/** Copies text; without a secure context (plain http on a LAN address) selects `fallback` and tries the old way. */
async function copyText(text: string, fallback?: HTMLElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    if (!fallback) return false
    const range = document.createRange()
    range.selectNodeContents(fallback)
    const selection = window.getSelection()
    selection?.removeAllRanges()
    selection?.addRange(range)
    return document.execCommand?.('copy') ?? false
  }
}

/** A copy button that says whether it worked. */
function CopyButton(props: { text: () => string; label: string; target?: () => HTMLElement | undefined }) {
  const { t } = useI18n()
  const [state, setState] = createSignal<'idle' | 'copied' | 'failed'>('idle')
  return (
    <>
      <button
        type="button"
        class="btn btn-small"
        onClick={async () => setState((await copyText(props.text(), props.target?.())) ? 'copied' : 'failed')}
      >
        {state() === 'copied' ? t('common.copied') : props.label}
      </button>
      <Show when={state() === 'failed'}>
        <p class="field-hint" role="status">
          {t('common.copyFailed')}
        </p>
      </Show>
    </>
  )
}

/** "JBSW Y3DP EHPK 3PXP": a key is typed into an app more easily in groups of four. */
export const groupKey = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret

/** The QR code to scan, and the same key as text for an app that cannot scan. */
function AuthenticatorKey(props: { secret: TwoFactorSecret }) {
  const { t } = useI18n()
  let key: HTMLElement | undefined
  return (
    <div class="tf-key">
      <img
        class="tf-qr"
        src={props.secret.qrCode}
        alt={t('account.twoFactor.setup.qrAlt')}
        width="168"
        height="168"
      />
      <div class="tf-key-text">
        <p>{t('account.twoFactor.setup.scan')}</p>
        <p class="field-hint">{t('account.twoFactor.setup.manual')}</p>
        <div class="tf-secret-row">
          <code class="tf-secret mono" ref={key} data-testid="totp-secret">
            {groupKey(props.secret.secret)}
          </code>
          <CopyButton text={() => props.secret.secret} label={t('common.copy')} target={() => key} />
        </div>
      </div>
    </div>
  )
}

/** The text file of recovery codes: whose they are, what they do, and the codes one a line. */
export function recoveryCodesFile(codes: readonly string[], title: string, note: string) {
  return [title, '', note, '', ...codes, ''].join('\n')
}

/**
 * Recovery codes, shown once: copy them, download them as a .txt, say they are saved; then Done. Done stays
 * off until then, since the server keeps only their hashes.
 */
export function RecoveryCodesPanel(props: {
  codes: readonly string[]
  email: string
  onDone: () => void
  doneLabel?: string
  heading?: Heading
}) {
  const { t, formatDateTime } = useI18n()
  const [saved, setSaved] = createSignal(false)
  let list: HTMLOListElement | undefined
  const download = () => {
    const file = recoveryCodesFile(
      props.codes,
      t('account.twoFactor.codes.fileTitle', { email: props.email }),
      t('account.twoFactor.codes.fileNote', { date: formatDateTime(new Date().toISOString()) }),
    )
    const url = URL.createObjectURL(new Blob([file], { type: 'text/plain;charset=utf-8' }))
    const link = document.createElement('a')
    link.href = url
    link.download = t('account.twoFactor.codes.fileName')
    link.click()
    setTimeout(() => URL.revokeObjectURL(url), 1000)
  }
  return (
    <div class="tf-codes-panel" data-testid="recovery-codes">
      <Dynamic component={props.heading ?? 'h3'} class="tf-heading">
        {t('account.twoFactor.codes.title')}
      </Dynamic>
      <p class="notice notice-warning" role="note">
        {t('account.twoFactor.codes.intro')}
      </p>
      <ol class="tf-codes mono" ref={list} aria-label={t('account.twoFactor.codes.listLabel')}>
        <For each={props.codes}>{(code) => <li>{code}</li>}</For>
      </ol>
      <div class="tf-actions-row">
        <CopyButton
          text={() => props.codes.join('\n')}
          label={t('account.twoFactor.codes.copy')}
          target={() => list}
        />
        <button type="button" class="btn btn-small" onClick={download}>
          {t('account.twoFactor.codes.download')}
        </button>
      </div>
      <label class="checkbox">
        <input type="checkbox" checked={saved()} onChange={(e) => setSaved(e.currentTarget.checked)} />
        {t('account.twoFactor.codes.saved')}
      </label>
      <div class="form-actions">
        <button type="button" class="btn btn-primary" disabled={!saved()} onClick={() => props.onDone()}>
          {props.doneLabel ?? t('account.twoFactor.codes.done')}
        </button>
      </div>
    </div>
  )
}

/** A form that asks for one code (a new set of recovery codes, turning it off): field, error, buttons. */
export function CodeForm(props: {
  intro: string
  submitLabel: string
  busy: boolean
  error: unknown
  onSubmit: (code: string) => void
  onCancel: () => void
  danger?: boolean
  /** Messages for statuses other than a wrong code (400). */
  overrides?: Partial<Record<number, string>>
  testId?: string
}) {
  const { t } = useI18n()
  const [code, setCode] = createSignal('')
  return (
    <form
      class="form tf-code-form"
      data-testid={props.testId}
      onSubmit={(e) => {
        e.preventDefault()
        props.onSubmit(cleanCode(code()))
      }}
    >
      <p class="field-hint">{props.intro}</p>
      <CodeField
        label={t('account.twoFactor.code')}
        hint={t('account.twoFactor.codeHint')}
        error={isWrongCode(props.error) ? t('account.twoFactor.wrongCode') : undefined}
        value={code()}
        onValue={setCode}
        autofocus
      />
      <ErrorNotice error={isWrongCode(props.error) ? undefined : props.error} overrides={props.overrides} />
      <div class="form-actions">
        <button type="button" class="btn" onClick={() => props.onCancel()}>
          {t('common.cancel')}
        </button>
        <button
          type="submit"
          class={props.danger ? 'btn btn-danger' : 'btn btn-primary'}
          disabled={props.busy}
        >
          {props.busy ? t('common.working') : props.submitLabel}
        </button>
      </div>
    </form>
  )
}

/**
 * Turning two-factor on: a new key (QR code and text), the first code from the app, then the recovery codes
 * once. `onDone` runs when the person has said the codes are saved; `onCancel` before the first code.
 */
export function TwoFactorSetup(props: {
  email: string
  onDone: () => void
  onCancel?: () => void
  doneLabel?: string
  heading?: Heading
}) {
  const { t } = useI18n()
  const { begin, confirm } = useTwoFactorMutations()
  const [code, setCode] = createSignal('')
  onMount(() => begin.mutate())
  const cancel = () => props.onCancel?.()

  return (
    <Show
      when={confirm.data}
      fallback={
        <div class="tf-setup" data-testid="two-factor-setup">
          <Show when={begin.isError}>
            <ErrorNotice
              error={begin.error}
              overrides={{ 409: t('account.twoFactor.setup.alreadyOn') }}
              onRetry={() => begin.mutate()}
            />
          </Show>
          <Show when={begin.isPending || begin.isIdle}>
            <Loading />
          </Show>
          <Show when={begin.data}>
            {(secret) => (
              <form
                class="form"
                onSubmit={(e) => {
                  e.preventDefault()
                  confirm.mutate(cleanCode(code()))
                }}
              >
                <AuthenticatorKey secret={secret()} />
                <p>{t('account.twoFactor.setup.enterCode')}</p>
                <CodeField
                  label={t('account.twoFactor.setup.code')}
                  error={isWrongCode(confirm.error) ? t('account.twoFactor.setup.wrongCode') : undefined}
                  value={code()}
                  onValue={setCode}
                  autofocus
                />
                <ErrorNotice error={isWrongCode(confirm.error) ? undefined : confirm.error} />
                <div class="form-actions">
                  <Show when={props.onCancel}>
                    <button type="button" class="btn" onClick={cancel}>
                      {t('common.cancel')}
                    </button>
                  </Show>
                  <button type="submit" class="btn btn-primary" disabled={confirm.isPending}>
                    {confirm.isPending
                      ? t('account.twoFactor.setup.submitting')
                      : t('account.twoFactor.setup.submit')}
                  </button>
                </div>
              </form>
            )}
          </Show>
          <Show when={begin.isError && props.onCancel}>
            <div class="form-actions">
              <button type="button" class="btn" onClick={cancel}>
                {t('common.cancel')}
              </button>
            </div>
          </Show>
        </div>
      }
    >
      {(answer) => (
        <>
          <p class="notice notice-success" role="status">
            {t('account.twoFactor.setup.done')}
          </p>
          <RecoveryCodesPanel
            codes={answer().recoveryCodes}
            email={props.email}
            onDone={() => props.onDone()}
            doneLabel={props.doneLabel}
            heading={props.heading}
          />
        </>
      )}
    </Show>
  )
}
