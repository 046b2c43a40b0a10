// Display name of a role: built-in roles in the current language, custom roles as their owners named them.
import type { I18n } from '../../i18n'

export function roleName(role: { name: string; builtIn: string | null }, i18n: Pick<I18n, 'tryT'>): string {
  return (role.builtIn && i18n.tryT(`roles.builtIn.${role.builtIn}`)) || role.name
}
