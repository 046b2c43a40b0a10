// Display names: of a role (built-in roles in the current language, custom roles as their owners named
// them) and of a permission.
import type { I18n, Locale } from '../../i18n'

export function roleName(role: { name: string; builtIn: string | null }, i18n: Pick<I18n, 'tryT'>): string {
  return (role.builtIn && i18n.tryT(`roles.builtIn.${role.builtIn}`)) || role.name
}

/** A permission described in the UI's language, as the catalogue (GET /api/permissions) words it. */
export const permissionText = (info: { description: string; descriptionZh: string }, locale: Locale) =>
  locale === 'zh-CN' ? info.descriptionZh : info.description
