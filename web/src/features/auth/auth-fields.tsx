// The fields and the submit button that the pages outside a workspace share (setup, login, an invite, a
// password reset), and the rule a new password must meet before the server is asked.
import { FIELD_LIMITS } from '../../../../domain/limits'
import { type I18n, useI18n } from '../../i18n'
import { TextField } from '../../ui/field'

/**
 * Focuses a field once it is in the page. The autofocus attribute alone works only for the first page a
 * document shows; these pages are also reached from one another without a reload.
 */
export const focusWhenShown = (el: HTMLElement) => queueMicrotask(() => el.focus())

/** Why a new password will not do, or undefined. */
export const passwordProblem = (password: string, t: I18n['t']) =>
  password.length < FIELD_LIMITS.password.min ? t('auth.passwordTooShort') : undefined

/** The account's email: typed when `onValue` is given, else fixed by the link (shown for password managers). */
export function EmailField(props: {
  value: string
  onValue?: (email: string) => void
  /** "email" for a new account; "username" (the default) to sign in to an existing one. */
  autocomplete?: 'username' | 'email'
  autofocus?: boolean
}) {
  const { t } = useI18n()
  const typed = () => props.onValue !== undefined
  return (
    <TextField
      label={t('auth.email')}
      name="email"
      type="email"
      autocomplete={props.autocomplete ?? 'username'}
      readOnly={!typed()}
      required={typed()}
      maxLength={typed() ? FIELD_LIMITS.name : undefined}
      value={props.value}
      onValue={(email) => props.onValue?.(email)}
      autofocus={props.autofocus}
      ref={(el) => props.autofocus && focusWhenShown(el)}
    />
  )
}

/** The person's name, for a new account. */
export function NameField(props: { value: string; onValue: (name: string) => void }) {
  const { t } = useI18n()
  return (
    <TextField
      label={t('auth.yourName')}
      name="name"
      autocomplete="name"
      required
      maxLength={FIELD_LIMITS.name}
      value={props.value}
      onValue={(name) => props.onValue(name)}
    />
  )
}

/** A password: the current one, or a new one (`isNew`, which password managers offer to make up). */
export function PasswordField(props: {
  value: string
  onValue: (password: string) => void
  isNew: boolean
  label?: string
  name?: string
  hint?: string
  error?: string
  autofocus?: boolean
}) {
  const { t } = useI18n()
  return (
    <TextField
      label={props.label ?? t('auth.password')}
      name={props.name ?? 'password'}
      type="password"
      autocomplete={props.isNew ? 'new-password' : 'current-password'}
      required
      maxLength={FIELD_LIMITS.password.max}
      hint={props.hint}
      error={props.error}
      value={props.value}
      onValue={(password) => props.onValue(password)}
      autofocus={props.autofocus}
      ref={(el) => props.autofocus && focusWhenShown(el)}
    />
  )
}

/** The card's full-width submit button, which says so while the form is busy. */
export function SubmitButton(props: {
  busy: boolean
  label: string
  busyLabel: string
  /** False for a second, plain submit button (setup's demo). */
  primary?: boolean
  disabled?: boolean
  onClick?: () => void
  /** On a page whose form is only this button (confirming a link). */
  autofocus?: boolean
}) {
  return (
    <button
      type="submit"
      class={props.primary === false ? 'btn btn-block' : 'btn btn-primary btn-block'}
      disabled={props.disabled ?? props.busy}
      autofocus={props.autofocus}
      ref={(el) => props.autofocus && focusWhenShown(el)}
      onClick={() => props.onClick?.()}
    >
      {props.busy ? props.busyLabel : props.label}
    </button>
  )
}
