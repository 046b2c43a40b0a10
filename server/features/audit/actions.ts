// Every kind of event the audit log holds. Changes to audited records (lib/audit.ts) are named
// `<record>.<created|updated|deleted>`; the others are added by the services that do them.
import { AUDITED_ENTITIES } from '../../lib/audit'

/** Events services add themselves: sign-ins, accounts, the instance, and reads that take data away. */
export const SERVICE_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.password_changed',
  'auth.password_reset',
  'auth.email_changed',
  'session.ended',
  'two_factor.enabled',
  'two_factor.disabled',
  'two_factor.recovery_codes_renewed',
  'two_factor.recovery_code_used',
  'token.created',
  'token.revoked',
  'account.created',
  'account.identity_linked',
  'account.deactivated',
  'account.reactivated',
  'account.signed_out',
  'account.owner_granted',
  'account.owner_revoked',
  'account.reset_link_created',
  'instance.settings_updated',
  'sign_in_provider.created',
  'sign_in_provider.updated',
  'sign_in_provider.deleted',
  'scim_token.created',
  'scim_token.revoked',
  'export.downloaded',
  'audit.exported',
] as const

export type ServiceAction = (typeof SERVICE_ACTIONS)[number]

/** Every action name, for the audit log's filter. */
export const AUDIT_ACTIONS: readonly string[] = [
  ...SERVICE_ACTIONS,
  ...[...AUDITED_ENTITIES].flatMap((e) => ['created', 'updated', 'deleted'].map((a) => `${e}.${a}`)),
]
