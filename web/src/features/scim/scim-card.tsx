// A saved provider's SCIM provisioning (instance owners): what a directory does through it, the base URL to
// give the directory, the tokens it may use (revoked after asking), and a new token, its secret shown once.
import { createSignal, For, Show } from 'solid-js'
import { FIELD_LIMITS } from '../../../../domain/limits'
import { useI18n } from '../../i18n'
import { CopySecret, SecretPanel } from '../../ui/copy-secret'
import { ConfirmDialog } from '../../ui/dialog'
import { ErrorNotice } from '../../ui/errors'
import { TextField } from '../../ui/field'
import { createLocalQuery, QueryView } from '../../ui/query-view'
import { GhostButton, Table } from '../../ui/table'
import { relativeTime } from '../workspaces/home-activity'
import { type CreatedScimToken, type ScimToken, scimTokensQuery, useScimTokenMutations } from './queries'
import './scim.css'

export function ScimCard(props: { providerId: number; providerName: string }) {
  const { t, locale, formatDate, formatDateTime } = useI18n()
  const tokens = createLocalQuery(() => scimTokensQuery(props.providerId))
  const { create, revoke } = useScimTokenMutations(() => props.providerId)
  const [name, setName] = createSignal('')
  const [created, setCreated] = createSignal<CreatedScimToken>()
  const [revoking, setRevoking] = createSignal<ScimToken>()

  const submit = (e: SubmitEvent) => {
    e.preventDefault()
    setCreated(undefined)
    create.mutate(name().trim(), {
      onSuccess: (token) => {
        setCreated(token)
        setName('')
      },
    })
  }

  return (
    <section class="card card-pad section scim-card" aria-labelledby="scim-title" data-testid="scim-card">
      <h2 class="section-title" id="scim-title">
        {t('scim.title')}
      </h2>
      <p class="scim-intro">{t('scim.intro')}</p>
      <QueryView query={tokens}>
        {(answer) => (
          <>
            <div data-testid="scim-base-url">
              <CopySecret label={t('scim.baseUrl')} value={answer().baseUrl} note={t('scim.baseUrlNote')} />
            </div>
            <Show
              when={answer().items.length > 0}
              fallback={
                <p class="cell-muted" data-testid="scim-no-tokens">
                  {t('scim.empty')}
                </p>
              }
            >
              <Table
                class="scim-table"
                label={t('scim.tokensLabel', { name: props.providerName })}
                columns={[
                  { label: t('scim.name') },
                  { label: t('scim.token') },
                  { label: t('scim.created'), class: 'col-date' },
                  { label: t('scim.lastUsed') },
                ]}
                actions={t('members.actions')}
              >
                <For each={answer().items}>
                  {(token) => (
                    <tr data-testid="scim-token">
                      <td class="cell-strong">{token.name}</td>
                      <td>
                        <code class="mono cell-muted">{token.prefix}…</code>
                      </td>
                      <td class="cell-muted">{formatDate(token.createdAt)}</td>
                      <td class="cell-muted">
                        <Show when={token.lastUsedAt} fallback={t('common.never')}>
                          {(used) => (
                            <time datetime={used()} title={formatDateTime(used())}>
                              {relativeTime(used(), new Date(), locale())}
                            </time>
                          )}
                        </Show>
                      </td>
                      <td class="cell-actions">
                        <GhostButton
                          danger
                          label={t('scim.revokeLabel', { name: token.name })}
                          onClick={() => setRevoking(token)}
                        >
                          {t('common.revoke')}
                        </GhostButton>
                      </td>
                    </tr>
                  )}
                </For>
              </Table>
            </Show>
          </>
        )}
      </QueryView>

      <form class="inline-form" onSubmit={submit}>
        <TextField
          class="field-grow"
          label={t('scim.name')}
          hint={t('scim.nameHint')}
          name="scimTokenName"
          required
          maxLength={FIELD_LIMITS.name}
          autocomplete="off"
          value={name()}
          onValue={setName}
        />
        <button type="submit" class="btn" disabled={create.isPending}>
          {create.isPending ? t('common.creating') : t('scim.create')}
        </button>
      </form>
      <ErrorNotice error={create.error} />
      <Show when={created()}>
        {(token) => (
          <SecretPanel
            testId="scim-token-created"
            heading={<h3 class="section-title">{t('scim.newToken', { name: token().name })}</h3>}
            onClose={() => setCreated(undefined)}
          >
            <CopySecret
              label={t('scim.token')}
              value={token().token}
              warning={t('scim.onceWarning')}
              note={t('scim.tokenNote')}
            />
          </SecretPanel>
        )}
      </Show>

      <Show when={revoking()}>
        {(token) => (
          <ConfirmDialog
            open
            onOpenChange={(open) => !open && setRevoking()}
            title={t('scim.revokeTitle', { name: token().name })}
            body={t('scim.revokeBody')}
            confirmLabel={t('common.revoke')}
            onConfirm={async () => {
              const { id } = token()
              await revoke.mutateAsync(id)
              if (created()?.id === id) setCreated(undefined)
            }}
          />
        )}
      </Show>
    </section>
  )
}
