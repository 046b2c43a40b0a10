// Where each kind of notification goes (the account page): inbox, email, digest or off, one row per kind,
// saved as soon as it is chosen; and the hour of the daily digest. While the server sends no email, the
// email and digest choices cannot be picked (one made earlier stays, for when email is on), and the
// section says why and who can change that.
import { useLocation } from '@solidjs/router'
import { createEffect, For, on, Show } from 'solid-js'
import {
  NOTIFICATION_CHANNELS,
  NOTIFICATION_KINDS,
  type NotificationChannel,
} from '../../../../domain/vocabulary'
import { useI18n } from '../../i18n'
import { ErrorNotice } from '../../ui/errors'
import { SelectField } from '../../ui/field'
import { createLocalQuery, QueryView } from '../../ui/query-view'
import { preferencesQuery, useSavePreferences } from './queries'

const HOURS = Array.from({ length: 24 }, (_, hour) => hour)
/** The channels that need the server to send email. */
const BY_EMAIL: readonly NotificationChannel[] = ['email', 'digest']

/** The address of this section on the account page (the unsubscribe page links to it). */
export const PREFERENCES_ANCHOR = 'account-notifications'

export function NotificationPreferences() {
  const { t } = useI18n()
  const location = useLocation()
  const preferences = createLocalQuery(() => preferencesQuery())
  const save = useSavePreferences()
  let section!: HTMLElement
  // Linked to (…/settings/account#account-notifications): shown once it has its rows, so the page above it
  // has its final height too.
  createEffect(
    on(
      () => preferences.data !== undefined,
      (ready) => {
        if (ready && location.hash === `#${PREFERENCES_ANCHOR}`)
          requestAnimationFrame(() => section.scrollIntoView({ block: 'start' }))
      },
    ),
  )
  return (
    <section
      ref={section}
      id={PREFERENCES_ANCHOR}
      class="card card-pad account-section"
      aria-labelledby="account-notifications-title"
    >
      <h2 id="account-notifications-title" class="section-title">
        {t('inbox.preferencesTitle')}
      </h2>
      <QueryView query={preferences}>
        {(prefs) => (
          <>
            <Show when={!prefs().emailAvailable}>
              <p class="notice preferences-email-off" role="note" data-testid="email-off">
                {t('inbox.emailOff')}
              </p>
            </Show>
            <table class="table preferences-table">
              <thead>
                <tr>
                  <th scope="col">{t('inbox.kindLabel')}</th>
                  <th scope="col">{t('inbox.channelLabel')}</th>
                </tr>
              </thead>
              <tbody>
                <For each={NOTIFICATION_KINDS}>
                  {(kind) => (
                    <tr>
                      <th scope="row">{t(`inbox.kinds.${kind}`)}</th>
                      <td>
                        <select
                          class="input select select-compact"
                          aria-label={t(`inbox.kinds.${kind}`)}
                          onChange={(e) =>
                            save.mutate({ [kind]: e.currentTarget.value as NotificationChannel })
                          }
                        >
                          <For each={NOTIFICATION_CHANNELS}>
                            {(channel) => (
                              <option
                                value={channel}
                                selected={prefs()[kind] === channel}
                                disabled={!prefs().emailAvailable && BY_EMAIL.includes(channel)}
                              >
                                {t(`inbox.channels.${channel}`)}
                              </option>
                            )}
                          </For>
                        </select>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
            <SelectField
              label={t('inbox.digestHour')}
              hint={t('inbox.digestHourHint')}
              disabled={!prefs().emailAvailable}
              value={String(prefs().digestHour)}
              onValue={(value) => save.mutate({ digestHour: Number(value) })}
            >
              <For each={HOURS}>
                {(hour) => <option value={String(hour)}>{`${String(hour).padStart(2, '0')}:00`}</option>}
              </For>
            </SelectField>
            <ErrorNotice error={save.error} />
          </>
        )}
      </QueryView>
    </section>
  )
}
