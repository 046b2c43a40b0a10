// Customer asks of a requirement: who asked, how important it is to them, what was promised; add and remove.

import { A } from '@solidjs/router'
import { createSignal, createUniqueId, For, Show } from 'solid-js'
import { DATE_WINDOW } from '../../../../domain/limits'
import { IMPORTANCES, type Importance } from '../../../../domain/vocabulary'
import { isApiError } from '../../api'
import { useI18n } from '../../i18n'
import { DateInput } from '../../ui/date-input'
import { CloseIcon } from '../../ui/dialog'
import { ErrorNotice } from '../../ui/errors'
import { createLocalQuery } from '../../ui/query-view'
import { customersQuery } from '../backlog/lookups'
import { loaded, type RequirementDetail } from '../backlog/queries'
import { CustomerDialog } from '../customers/customer-form'
import { industriesOf } from '../customers/queries'
import { useAsks } from '../items/queries'
import { useWorkspace } from '../workspaces/workspace-context'

export function CustomerAsks(props: { requirement: RequirementDetail }) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const asks = useAsks(ws.id, () => props.requirement.id)
  const canManage = () => ws.can('ask.manage')
  const id = createUniqueId()
  return (
    <section class="item-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} class="item-section-title">
        {t('items.asks')}
        <span class="count">{props.requirement.asks.length}</span>
      </h2>
      <Show
        when={props.requirement.asks.length > 0}
        fallback={<p class="muted">{canManage() ? t('items.asksEmpty') : t('items.asksNone')}</p>}
      >
        <ul class="asks">
          <For each={props.requirement.asks}>
            {(ask) => (
              <AskRow
                ask={ask}
                canRemove={canManage()}
                removing={asks.remove.isPending}
                onRemove={() => asks.remove.mutate(ask.id)}
              />
            )}
          </For>
        </ul>
      </Show>
      <ErrorNotice error={asks.remove.error} />
      <Show when={canManage() && ws.can('customer.view')}>
        <AddAsk requirement={props.requirement} add={asks.add} />
      </Show>
    </section>
  )
}

type Ask = RequirementDetail['asks'][number]

/** One ask: the customer (a link for those who can see customers), importance, note, asked and promised dates. */
function AskRow(props: { ask: Ask; canRemove: boolean; removing: boolean; onRemove: () => void }) {
  const { t, tryT, formatDate } = useI18n()
  const ws = useWorkspace()
  const ask = () => props.ask
  return (
    <li class="ask" data-testid="ask">
      <div class="ask-main">
        <p class="ask-customer">
          <Show when={ws.can('customer.view')} fallback={<strong>{ask().customer.name}</strong>}>
            <A href={`/w/${ws.id()}/customers/${ask().customer.id}`}>
              <strong>{ask().customer.name}</strong>
            </A>
          </Show>
          <span class="tag" data-importance={ask().importance}>
            {tryT(`work.importance.${ask().importance}`) ?? ask().importance}
          </span>
          <span class="muted">
            {[tryT(`work.tier.${ask().customer.tier}`) ?? ask().customer.tier, ask().customer.industry]
              .filter(Boolean)
              .join(' · ')}
          </span>
        </p>
        <Show when={ask().note}>
          <p class="ask-note">{ask().note}</p>
        </Show>
        <p class="ask-dates muted">
          {t('items.askedOn', { date: formatDate(ask().askedOn) })}
          <Show when={ask().promisedDate}>
            {(date) => <span class="ask-promised">{t('items.promised', { date: formatDate(date()) })}</span>}
          </Show>
        </p>
      </div>
      <Show when={props.canRemove}>
        <button
          type="button"
          class="icon-btn"
          aria-label={t('items.askRemove', { customer: ask().customer.name })}
          disabled={props.removing}
          onClick={() => props.onRemove()}
        >
          <CloseIcon />
        </button>
      </Show>
    </li>
  )
}

type AddMutation = ReturnType<typeof useAsks>['add']

/** The "add an ask" button, which opens the form in its place. */
function AddAsk(props: { requirement: RequirementDetail; add: AddMutation }) {
  const { t } = useI18n()
  const [open, setOpen] = createSignal(false)
  return (
    <Show
      when={open()}
      fallback={
        <button type="button" class="btn btn-small add-button" onClick={() => setOpen(true)}>
          {t('items.askAdd')}
        </button>
      }
    >
      <AddAskForm requirement={props.requirement} add={props.add} onClose={() => setOpen(false)} />
    </Show>
  )
}

/** Which customer asks, how important it is to them, a note and a promised date; customers who already asked are not offered. */
function AddAskForm(props: { requirement: RequirementDetail; add: AddMutation; onClose: () => void }) {
  const { t, locale } = useI18n()
  const ws = useWorkspace()
  const customers = createLocalQuery(() => customersQuery(ws.id()))
  const [customerId, setCustomerId] = createSignal('')
  const [importance, setImportance] = createSignal<Importance>('important')
  const [note, setNote] = createSignal('')
  const [promised, setPromised] = createSignal('')
  const [creating, setCreating] = createSignal(false)
  const ids = {
    customer: createUniqueId(),
    importance: createUniqueId(),
    note: createUniqueId(),
    promised: createUniqueId(),
  }
  const asked = () => new Set(props.requirement.asks.map((a) => a.customer.id))
  return (
    <form
      class="add-form"
      onSubmit={(e) => {
        e.preventDefault()
        if (!customerId()) return
        props.add.mutate(
          {
            customerId: Number(customerId()),
            importance: importance(),
            note: note().trim() || undefined,
            promisedDate: promised() || null,
          },
          { onSuccess: () => props.onClose() },
        )
      }}
    >
      <div class="field-row">
        <div class="field field-grow">
          <label class="field-label" for={ids.customer}>
            {t('work.terms.customer')}
          </label>
          <select
            id={ids.customer}
            class="input select"
            required
            value={customerId()}
            onChange={(e) => setCustomerId(e.currentTarget.value)}
          >
            <option value="">{t('items.askPickCustomer')}</option>
            <For each={(loaded(customers)?.items ?? []).filter((c) => !asked().has(c.id))}>
              {(c) => (
                <option value={c.id} selected={String(c.id) === customerId()}>
                  {c.name}
                </option>
              )}
            </For>
          </select>
          <Show
            when={ws.can('customer.manage')}
            fallback={
              <Show when={loaded(customers)?.items.length === 0}>
                <p class="field-hint">{t('items.askNoCustomers')}</p>
              </Show>
            }
          >
            <p class="field-hint">
              <Show when={loaded(customers)?.items.length === 0}>{t('items.askNoCustomers')} </Show>
              <button type="button" class="link-btn" onClick={() => setCreating(true)}>
                {t('items.askNewCustomer')}
              </button>
            </p>
            <CustomerDialog
              open={creating()}
              onOpenChange={setCreating}
              industries={industriesOf(loaded(customers)?.items ?? [], locale())}
              onSaved={(id) => setCustomerId(String(id))}
            />
          </Show>
        </div>
        <div class="field">
          <label class="field-label" for={ids.importance}>
            {t('items.importance')}
          </label>
          <select
            id={ids.importance}
            class="input select"
            value={importance()}
            onChange={(e) => setImportance(e.currentTarget.value as Importance)}
          >
            <For each={IMPORTANCES}>
              {(i) => (
                <option value={i} selected={i === importance()}>
                  {t(`work.importance.${i}`)}
                </option>
              )}
            </For>
          </select>
        </div>
      </div>
      <div class="field-row">
        <div class="field field-grow">
          <label class="field-label" for={ids.note}>
            {t('items.askNote')}
            <span class="field-optional"> ({t('common.optional')})</span>
          </label>
          <input
            id={ids.note}
            class="input"
            maxLength={10000}
            placeholder={t('items.askNotePlaceholder')}
            value={note()}
            onInput={(e) => setNote(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label class="field-label" for={ids.promised}>
            {t('items.promisedDate')}
            <span class="field-optional"> ({t('common.optional')})</span>
          </label>
          <DateInput
            id={ids.promised}
            min={DATE_WINDOW.min}
            max={DATE_WINDOW.max}
            value={promised()}
            onChange={setPromised}
          />
        </div>
      </div>
      <ErrorNotice error={props.add.error} overrides={{ 409: t('items.askDuplicate') }} />
      <Show when={isApiError(customers.error, 403)}>
        <ErrorNotice error={customers.error} />
      </Show>
      <div class="form-actions">
        <button
          type="button"
          class="btn btn-small"
          onClick={() => {
            props.add.reset()
            props.onClose()
          }}
        >
          {t('common.cancel')}
        </button>
        <button
          type="submit"
          class="btn btn-small btn-primary"
          disabled={props.add.isPending || !customerId()}
        >
          {props.add.isPending ? t('common.working') : t('items.askSave')}
        </button>
      </div>
    </form>
  )
}
