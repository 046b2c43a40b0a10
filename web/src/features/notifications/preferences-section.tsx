// Where each kind of notification goes (the account page): inbox, email, digest or off, one row per kind,
// saved as soon as it is chosen; and the hour of the daily digest. Email choices wait until the server
// sends email, and the section says so.
import { For, Show } from 'solid-js'
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

export function NotificationPreferences() {
  const { t } = useI18n()
  const preferences = createLocalQuery(() => preferencesQuery())
  const save = useSavePreferences()
  return (
    <section class="card card-pad account-section" aria-labelledby="account-notifications">
      <h2 id="account-notifications" class="section-title">
        {t('inbox.preferencesTitle')}
      </h2>
      <QueryView query={preferences}>
        {(prefs) => (
          <>
            <Show when={!prefs().emailAvailable}>
              <p class="notice" role="note">
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
                              <option value={channel} selected={prefs()[kind] === channel}>
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
