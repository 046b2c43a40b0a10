// Where an account is signed in (instance owners): each session's browser, address and last use, and signing
// the account out everywhere, asked once more in place before it happens (its API tokens stay).
import { createSignal, For, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { Modal } from '../../ui/dialog'
import { ErrorNotice } from '../../ui/errors'
import { createLocalQuery, QueryView } from '../../ui/query-view'
import { Table } from '../../ui/table'
import { describeBrowser } from '../auth/describe-browser'
import { relativeTime } from '../workspaces/home-activity'
import { type Account, accountSessionsQuery, useInstanceMutations } from './queries'

export function AccountSessionsDialog(props: { account: Account; isMe: boolean; onClose: () => void }) {
  const { t, locale, formatDateTime } = useI18n()
  const sessions = createLocalQuery(() => accountSessionsQuery(props.account.id))
  const { signOut } = useInstanceMutations()
  const [confirming, setConfirming] = createSignal(false)
  const [done, setDone] = createSignal(false)
  const count = () => sessions.data?.items.length ?? 0
  const name = () => props.account.name
  let confirmButton: HTMLButtonElement | undefined

  const ask = () => {
    setDone(false)
    setConfirming(true)
    confirmButton?.focus()
  }
  const signOutEverywhere = () =>
    signOut.mutate(props.account.id, {
      onSuccess: () => {
        setConfirming(false)
        setDone(true)
      },
    })

  return (
    <Modal
      open
      wide
      onOpenChange={(open) => !open && props.onClose()}
      title={t('instance.sessionsTitle', { name: name() })}
      description={t('instance.sessionsIntro')}
    >
      <QueryView
        query={sessions}
        isEmpty={(answer) => answer.items.length === 0}
        empty={<p class="muted in-sessions-empty">{t('instance.sessionsEmpty')}</p>}
      >
        {(answer) => (
          <Table
            class="in-table in-sessions"
            label={t('instance.sessionsLabel', { name: name() })}
            columns={[
              { label: t('instance.browser') },
              { label: t('instance.address') },
              { label: t('instance.lastUsed') },
              { label: t('instance.signedIn'), class: 'col-date' },
            ]}
          >
            <For each={answer().items}>
              {(session) => (
                <tr data-testid="account-session">
                  <td class="cell-strong" title={session.userAgent}>
                    {describeBrowser(session.userAgent) ?? t('instance.unknownBrowser')}
                  </td>
                  <td class="mono">{session.address}</td>
                  <td>
                    <time
                      datetime={session.lastUsedAt ?? session.createdAt}
                      title={formatDateTime(session.lastUsedAt ?? session.createdAt)}
                    >
                      {relativeTime(session.lastUsedAt ?? session.createdAt, new Date(), locale())}
                    </time>
                  </td>
                  <td class="cell-muted">{formatDateTime(session.createdAt)}</td>
                </tr>
              )}
            </For>
          </Table>
        )}
      </QueryView>
      <Show when={done()}>
        <p class="form-status in-sessions-status" role="status">
          {t('instance.signedOut', { name: name() })}
        </p>
      </Show>
      <ErrorNotice error={signOut.error} />
      <div class="in-signout" classList={{ 'is-confirming': confirming() }}>
        <Show when={confirming()}>
          <p class="in-signout-question" id="in-signout-question">
            {t('instance.signOutConfirm', { name: name() })}
            <Show when={props.isMe}> {t('instance.signOutSelf')}</Show>
          </p>
        </Show>
        <div class="dialog-actions">
          <Show
            when={confirming()}
            fallback={
              <button type="button" class="btn btn-danger-quiet" disabled={count() === 0} onClick={ask}>
                {t('instance.signOutEverywhere')}
              </button>
            }
          >
            <button type="button" class="btn" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
            <button
              ref={confirmButton}
              type="button"
              class="btn btn-danger"
              aria-describedby="in-signout-question"
              disabled={signOut.isPending}
              onClick={signOutEverywhere}
            >
              {signOut.isPending ? t('common.working') : t('instance.signOutEverywhere')}
            </button>
          </Show>
        </div>
      </div>
    </Modal>
  )
}
