// A product's releases in its settings: each with its target date (or the day it went out), added with a
// name and a date, edited in a dialog, marked released, or deleted (one that carries work asks where the
// work goes). Managed with iteration.manage, as the API requires; read-only otherwise.
import { DropdownMenu } from '@kobalte/core/dropdown-menu'
import { createSignal, createUniqueId, For, Show } from 'solid-js'
import { DATE_WINDOW, FIELD_LIMITS } from '../../../../domain/limits'
import { useI18n } from '../../i18n'
import { DateInput } from '../../ui/date-input'
import { ConfirmDialog, Modal } from '../../ui/dialog'
import { ErrorNotice } from '../../ui/errors'
import { TextAreaField, TextField } from '../../ui/field'
import { FormActions } from '../../ui/form-actions'
import { ChevronIcon, PlusIcon } from '../../ui/icons'
import { afterMenuCloses } from '../../ui/menu'
import { createLocalQuery, QueryView } from '../../ui/query-view'
import { releasesQuery } from '../backlog/lookups'
import { useWorkspace } from '../workspaces/workspace-context'
import { type Release, useReleaseMutations } from './queries'

export function ReleaseList(props: { productId: number }) {
  const { t, formatDate } = useI18n()
  const ws = useWorkspace()
  const canManage = () => ws.can('iteration.manage')
  const releases = createLocalQuery(() => releasesQuery(ws.id(), props.productId))
  const writes = useReleaseMutations(ws.id, () => props.productId)
  const [editing, setEditing] = createSignal<Release>()
  const [deleting, setDeleting] = createSignal<Release>()
  return (
    <div class="rl">
      <QueryView
        query={releases}
        isEmpty={(answer) => answer.items.length === 0}
        empty={<p class="muted">{canManage() ? t('releases.emptyManage') : t('releases.empty')}</p>}
      >
        {(answer) => (
          <ul class="rl-list">
            <For each={answer().items}>
              {(release) => (
                <li class="rl-row" data-testid="release">
                  <span class="rl-name">{release.name}</span>
                  <span class="rl-when" classList={{ 'is-released': release.status === 'released' }}>
                    {release.status === 'released' && release.releasedAt
                      ? t('releases.released', { date: formatDate(release.releasedAt.slice(0, 10)) })
                      : t('releases.target', { date: formatDate(release.targetDate) })}
                  </span>
                  <Show when={canManage()}>
                    <ReleaseMenu
                      release={release}
                      onEdit={() => setEditing(release)}
                      onDelete={() => setDeleting(release)}
                      onToggle={() =>
                        writes.update.mutate({
                          release,
                          patch: { status: release.status === 'released' ? 'planned' : 'released' },
                        })
                      }
                    />
                  </Show>
                  <Show when={release.description}>
                    <p class="rl-description">{release.description}</p>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        )}
      </QueryView>
      <ErrorNotice error={writes.update.error} />
      <Show when={canManage()}>
        <AddRelease productId={props.productId} />
      </Show>
      <Show when={editing()}>
        {(release) => <EditRelease release={release()} onDone={() => setEditing(undefined)} />}
      </Show>
      <Show when={deleting()}>
        {(release) => (
          <DeleteRelease
            release={release()}
            others={(releases.data?.items ?? []).filter((other) => other.id !== release().id)}
            onDone={() => setDeleting(undefined)}
          />
        )}
      </Show>
    </div>
  )
}

/** Deleting a release says what names it; when something does, asks where it goes (default: no release). */
function DeleteRelease(props: { release: Release; others: Release[]; onDone: () => void }) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const writes = useReleaseMutations(ws.id, () => props.release.productId)
  const id = createUniqueId()
  const [moveTo, setMoveTo] = createSignal('')
  const hasWork = () => props.release.requirementCount + props.release.iterationCount > 0
  // "1 iteration", "3 requirements and 1 iteration": only what there is.
  const work = () => {
    const { requirementCount: r, iterationCount: i } = props.release
    const parts = [
      r === 0
        ? ''
        : r === 1
          ? t('releases.requirementCountOne')
          : t('releases.requirementCount', { count: String(r) }),
      i === 0
        ? ''
        : i === 1
          ? t('releases.iterationCountOne')
          : t('releases.iterationCount', { count: String(i) }),
    ].filter(Boolean)
    return parts.join(t('releases.and'))
  }
  return (
    <ConfirmDialog
      open
      onOpenChange={(open) => !open && props.onDone()}
      title={t('releases.deleteTitle', { name: props.release.name })}
      body={hasWork() ? t('releases.deleteBodyWork', { work: work() }) : t('releases.deleteBody')}
      confirmLabel={t('releases.delete')}
      onConfirm={() =>
        writes.remove.mutateAsync({
          release: props.release,
          moveTo: moveTo() === '' ? undefined : Number(moveTo()),
        })
      }
    >
      <Show when={hasWork()}>
        <div class="field">
          <label class="field-label" for={id}>
            {t('releases.deleteMoveTo')}
          </label>
          <select id={id} class="input" value={moveTo()} onChange={(e) => setMoveTo(e.currentTarget.value)}>
            <option value="">{t('releases.deleteToNone')}</option>
            <For each={props.others}>{(other) => <option value={other.id}>{other.name}</option>}</For>
          </select>
        </div>
      </Show>
    </ConfirmDialog>
  )
}

function ReleaseMenu(props: {
  release: Release
  onEdit: () => void
  onDelete: () => void
  onToggle: () => void
}) {
  const { t } = useI18n()
  const menu = afterMenuCloses()
  return (
    <DropdownMenu gutter={4} placement="bottom-end">
      <DropdownMenu.Trigger class="icon-btn" aria-label={t('releases.actions', { name: props.release.name })}>
        <ChevronIcon />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content class="menu" onCloseAutoFocus={menu.onCloseAutoFocus}>
          <DropdownMenu.Item class="menu-item" onSelect={() => menu.open(props.onEdit)}>
            {t('releases.edit')}
          </DropdownMenu.Item>
          <DropdownMenu.Item class="menu-item" onSelect={() => props.onToggle()}>
            {props.release.status === 'released' ? t('releases.reopen') : t('releases.markReleased')}
          </DropdownMenu.Item>
          <DropdownMenu.Item class="menu-item" onSelect={() => menu.open(props.onDelete)}>
            {t('releases.delete')}
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu>
  )
}

function AddRelease(props: { productId: number }) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const writes = useReleaseMutations(ws.id, () => props.productId)
  const [name, setName] = createSignal('')
  const [targetDate, setTargetDate] = createSignal('')
  return (
    <form
      class="ps-inline ps-add rl-add"
      onSubmit={(e) => {
        e.preventDefault()
        if (!name().trim() || !targetDate()) return
        writes.create.mutate(
          { name: name().trim(), targetDate: targetDate() },
          {
            onSuccess: () => {
              setName('')
              setTargetDate('')
            },
          },
        )
      }}
    >
      <input
        class="input ps-inline-input"
        aria-label={t('releases.name')}
        placeholder={t('releases.namePlaceholder')}
        maxLength={FIELD_LIMITS.name}
        value={name()}
        onInput={(e) => setName(e.currentTarget.value)}
      />
      <DateInput
        aria-label={t('releases.targetDate')}
        placeholder={t('releases.targetDate')}
        min={DATE_WINDOW.min}
        max={DATE_WINDOW.max}
        value={targetDate()}
        onChange={setTargetDate}
      />
      <button
        type="submit"
        class="btn btn-small"
        disabled={writes.create.isPending || !name().trim() || !targetDate()}
      >
        <PlusIcon />
        {t('releases.add')}
      </button>
      <ErrorNotice error={writes.create.error} />
    </form>
  )
}

function EditRelease(props: { release: Release; onDone: () => void }) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const writes = useReleaseMutations(ws.id, () => props.release.productId)
  const [name, setName] = createSignal(props.release.name)
  const [targetDate, setTargetDate] = createSignal(props.release.targetDate)
  const [description, setDescription] = createSignal(props.release.description)
  return (
    <Modal
      open
      onOpenChange={(open) => !open && props.onDone()}
      title={t('releases.editTitle', { name: props.release.name })}
    >
      <form
        class="form"
        onSubmit={(e) => {
          e.preventDefault()
          writes.update.mutate(
            {
              release: props.release,
              patch: { name: name().trim(), targetDate: targetDate(), description: description().trim() },
            },
            { onSuccess: () => props.onDone() },
          )
        }}
      >
        <TextField
          label={t('releases.name')}
          required
          maxLength={FIELD_LIMITS.name}
          value={name()}
          onValue={setName}
        />
        <TextField
          label={t('releases.targetDate')}
          type="date"
          required
          min={DATE_WINDOW.min}
          max={DATE_WINDOW.max}
          value={targetDate()}
          onValue={setTargetDate}
        />
        <TextAreaField
          label={t('releases.description')}
          optionalLabel={t('common.optional')}
          value={description()}
          onValue={setDescription}
        />
        <FormActions
          error={writes.update.error}
          onCancel={() => props.onDone()}
          busy={writes.update.isPending}
          submitLabel={t('common.save')}
          busyLabel={t('common.saving')}
        />
      </form>
    </Modal>
  )
}
