// Personal API tokens: create one (its secret shown once, with a warning), list, revoke.

import { createQuery } from '@tanstack/solid-query'
import { createSignal, For, Show } from 'solid-js'
import { FIELD_LIMITS } from '../../../../domain/limits'
import { useI18n } from '../../i18n'
import { CopySecret, SecretPanel } from '../../ui/copy-secret'
import { ConfirmDialog } from '../../ui/dialog'
import { ErrorNotice } from '../../ui/errors'
import { TextField } from '../../ui/field'
import { KeyIcon } from '../../ui/icons'
import { EmptyState, PageHeader } from '../../ui/page'
import { GhostButton, Table } from '../../ui/table'
import { type ApiToken, type CreatedToken, tokensQuery, useTokenMutations } from './queries'

export default function TokensPage() {
  const { t, formatDate, formatDateTime } = useI18n()
  const tokens = createQuery(tokensQuery)
  const { create, revoke } = useTokenMutations()
  const [name, setName] = createSignal('')
  const [created, setCreated] = createSignal<CreatedToken>()
  const [revoking, setRevoking] = createSignal<ApiToken>()

  return (
    <div class="page">
      <PageHeader title={t('tokens.title')} intro={t('tokens.intro')} />
      <section class="card card-pad">
        <form
          class="inline-form"
          onSubmit={(e) => {
            e.preventDefault()
            create.mutate(name().trim(), {
              onSuccess: (token) => {
                setCreated(token)
                setName('')
              },
            })
          }}
        >
          <TextField
            class="field-grow"
            label={t('tokens.name')}
            hint={t('tokens.nameHint')}
            name="tokenName"
            required
            maxLength={FIELD_LIMITS.name}
            autocomplete="off"
            value={name()}
            onValue={setName}
          />
          <button type="submit" class="btn btn-primary" disabled={create.isPending}>
            {create.isPending ? t('common.creating') : t('tokens.create')}
          </button>
        </form>
        <ErrorNotice error={create.error} />
        <Show when={created()}>
          {(token) => (
            <SecretPanel
              testId="token-created"
              heading={<h2 class="section-title">{t('tokens.newToken', { name: token().name })}</h2>}
              onClose={() => setCreated(undefined)}
            >
              <CopySecret
                label={t('tokens.prefix')}
                value={token().token}
                warning={t('tokens.onceWarning')}
                note={t('tokens.usage')}
              />
            </SecretPanel>
          )}
        </Show>
      </section>

      <Show
        when={(tokens.data?.items.length ?? 0) > 0}
        fallback={
          <EmptyState
            icon={<KeyIcon />}
            title={t('tokens.emptyTitle')}
            body={t('tokens.emptyBody')}
            action={
              <a class="btn" href="/api/docs" target="_blank" rel="noopener">
                {t('tokens.docsLink')}
              </a>
            }
          />
        }
      >
        <Table
          wrapClass="section"
          columns={[
            { label: t('tokens.name') },
            { label: t('tokens.prefix') },
            { label: t('tokens.created'), class: 'col-date' },
            { label: t('tokens.lastUsed'), class: 'col-date' },
          ]}
          actions={t('members.actions')}
        >
          <For each={tokens.data?.items}>
            {(token) => (
              <tr>
                <td class="cell-strong">{token.name}</td>
                <td>
                  <code class="mono cell-muted">{token.prefix}…</code>
                </td>
                <td class="cell-muted">{formatDate(token.createdAt)}</td>
                <td class="cell-muted">
                  {token.lastUsedAt ? formatDateTime(token.lastUsedAt) : t('common.never')}
                </td>
                <td class="cell-actions">
                  <GhostButton
                    danger
                    label={t('tokens.revokeLabel', { name: token.name })}
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
      <ConfirmDialog
        open={!!revoking()}
        onOpenChange={(open) => !open && setRevoking()}
        title={t('tokens.revokeConfirmTitle', { name: revoking()?.name ?? '' })}
        body={t('tokens.revokeConfirmBody')}
        confirmLabel={t('common.revoke')}
        onConfirm={async () => {
          const token = revoking()!
          await revoke.mutateAsync(token.id)
          if (created()?.id === token.id) setCreated(undefined)
        }}
      />
    </div>
  )
}
