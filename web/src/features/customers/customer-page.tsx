// One customer: who they are, what they asked for — planned (with the iteration and release dates and when
// it ships), waiting, delivered — and which promises the schedule does not keep.
import { A, useNavigate, useParams } from '@solidjs/router'
import { createQueries } from '@tanstack/solid-query'
import { createMemo, createSignal, For, type JSX, Show } from 'solid-js'
import { isApiError } from '../../api'
import { useI18n } from '../../i18n'
import { ErrorNotice } from '../../ui/errors'
import { CustomersIcon } from '../../ui/icons'
import { EmptyState } from '../../ui/page'
import { createLocalQuery, QueryView } from '../../ui/query-view'
import { Table } from '../../ui/table'
import { useDayFormat } from '../roadmap/format'
import { RequirementStatus } from '../roadmap/pills'
import { roadmapQuery } from '../roadmap/queries'
import { localToday } from '../roadmap/timeline'
import { useWorkspace } from '../workspaces/workspace-context'
import { type AskGroup, type AskView, atRisk, groupAsks, type Schedule, scheduleFrom } from './asks'
import { CustomerDialog, DeleteCustomerDialog } from './customer-form'
import { type CustomerDetail, customerQuery, customersQuery, industriesOf } from './queries'
import { TierTag, useMoney } from './tier'
import './customers.css'

export default function CustomerPage() {
  const { t } = useI18n()
  const ws = useWorkspace()
  const params = useParams<{ id: string }>()
  const id = () => Number(params.id)
  const valid = () => Number.isInteger(id()) && id() > 0
  const customer = createLocalQuery(() => ({ ...customerQuery(ws.id(), id()), enabled: valid() }))
  const notFound = () => (
    <EmptyState icon={<CustomersIcon />} title={t('errors.pageNotFound')} body={t('customers.notFound')} />
  )
  return (
    <div class="page page-wide cu-page">
      <A class="cu-back" href={`/w/${ws.id()}/customers`}>
        ← {t('customers.back')}
      </A>
      {/* An id that is no number, or no customer's (404), is a normal state of this page. */}
      <Show when={valid()} fallback={notFound()}>
        <QueryView
          query={customer}
          error={(error, retry) => (
            <Show when={!isApiError(error, 404)} fallback={notFound()}>
              <ErrorNotice error={error} onRetry={retry} />
            </Show>
          )}
        >
          {(data) => <CustomerView customer={data()} />}
        </QueryView>
      </Show>
    </div>
  )
}

function CustomerView(props: { customer: CustomerDetail }) {
  const { t, locale } = useI18n()
  const ws = useWorkspace()
  const navigate = useNavigate()
  const money = useMoney()
  const today = localToday()
  const [editing, setEditing] = createSignal(false)
  const [deleting, setDeleting] = createSignal(false)
  const canManage = () => ws.can('customer.manage')
  const industries = createLocalQuery(() => ({
    ...customersQuery(ws.id()),
    enabled: canManage() && editing(),
  }))

  const productIds = createMemo(() => [...new Set(props.customer.asks.map((a) => a.requirement.productId))])
  // A product's roadmap that fails to load leaves its asks without dates, not the page without asks.
  const roadmaps = createQueries(() => ({
    queries: productIds().map((productId) => ({
      ...roadmapQuery(ws.id(), productId),
      enabled: ws.can('roadmap.view'),
      throwOnError: false,
    })),
  }))
  const schedules = createMemo(() => {
    const map = new Map<number, Schedule>()
    productIds().forEach((productId, i) => {
      const data = roadmaps[i]?.data
      if (data) map.set(productId, scheduleFrom(data))
    })
    return map
  })
  const groups = createMemo(() => groupAsks(props.customer.asks, (p) => schedules().get(p), today))
  const risky = createMemo(() => atRisk([...groups().planned, ...groups().waiting]))

  const stat = (label: string, value: number, tone?: 'danger') => (
    <div class="cu-stat" classList={{ 'is-danger': tone === 'danger' && value > 0 }}>
      <span class="cu-stat-value">{value}</span>
      <span class="cu-stat-label">{label}</span>
    </div>
  )

  return (
    <>
      <header class="page-header cu-header">
        <div class="page-header-text">
          <h1 class="cu-title">
            {props.customer.name}
            <TierTag tier={props.customer.tier} />
          </h1>
          <p class="cu-meta">
            <Show when={props.customer.industry}>
              <span>{props.customer.industry}</span>
            </Show>
            <span>
              {t('customers.contractValue')} <strong>{money(props.customer.contractValue)}</strong>
            </span>
            <span>
              {t('customers.contactLabel')}{' '}
              <strong>{props.customer.contact || t('customers.noContact')}</strong>
            </span>
          </p>
          <Show when={props.customer.note}>
            <p class="cu-note">{props.customer.note}</p>
          </Show>
        </div>
        <Show when={canManage()}>
          <div class="page-actions">
            <button type="button" class="btn" onClick={() => setEditing(true)}>
              {t('customers.edit')}
            </button>
            <button type="button" class="btn btn-danger-quiet" onClick={() => setDeleting(true)}>
              {t('customers.delete')}
            </button>
          </div>
        </Show>
      </header>

      <div class="cu-stats">
        {stat(t('customers.summaryAsks'), props.customer.asks.length)}
        {stat(t('customers.summaryPlanned'), groups().planned.length)}
        {stat(t('customers.summaryWaiting'), groups().waiting.length)}
        {stat(t('customers.summaryDelivered'), groups().delivered.length)}
        {stat(t('customers.summaryAtRisk'), risky().length, 'danger')}
      </div>

      <Show when={!ws.can('roadmap.view') && props.customer.asks.length > 0}>
        <p class="notice notice-info">{t('customers.productSchedule')}</p>
      </Show>

      <Show
        when={props.customer.asks.length > 0}
        fallback={
          <EmptyState
            icon={<CustomersIcon />}
            title={t('customers.noAsksTitle')}
            body={t('customers.noAsksBody')}
          />
        }
      >
        <AskSection group="planned" views={groups().planned} today={today} />
        <AskSection group="waiting" views={groups().waiting} today={today} />
        <AskSection group="delivered" views={groups().delivered} today={today} />
        <Show when={groups().declined.length > 0}>
          <AskSection group="declined" views={groups().declined} today={today} />
        </Show>
      </Show>

      <Show when={canManage()}>
        <CustomerDialog
          open={editing()}
          onOpenChange={setEditing}
          customer={props.customer}
          industries={industriesOf(industries.data?.items ?? [], locale())}
        />
        <DeleteCustomerDialog
          open={deleting()}
          onOpenChange={setDeleting}
          customer={{
            id: props.customer.id,
            name: props.customer.name,
            askCount: props.customer.asks.length,
          }}
          onDeleted={() => navigate(`/w/${ws.id()}/customers`, { replace: true })}
        />
      </Show>
    </>
  )
}

const SECTION = {
  planned: { title: 'customers.plannedTitle', intro: 'customers.plannedIntro' },
  waiting: { title: 'customers.waitingTitle', intro: 'customers.waitingIntro' },
  delivered: { title: 'customers.deliveredTitle', intro: 'customers.deliveredIntro' },
  declined: { title: 'customers.declinedTitle', intro: 'customers.declinedIntro' },
} as const

function AskSection(props: { group: AskGroup; views: AskView[]; today: string }) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const days = useDayFormat()
  const section = () => SECTION[props.group]
  const headingId = `cu-${props.group}-title`
  const planned = () => props.group === 'planned'
  const delivered = () => props.group === 'delivered'

  return (
    <section class="section cu-section" aria-labelledby={headingId} data-group={props.group}>
      <header class="cu-section-header">
        <h2 id={headingId}>
          {t(section().title)} <span class="cu-count">{props.views.length}</span>
        </h2>
        <p>{t(section().intro)}</p>
      </header>
      <Show
        when={props.views.length > 0}
        fallback={<p class="cu-group-empty">{t('customers.groupEmpty')}</p>}
      >
        <Table
          class="cu-asks"
          head={
            <>
              <th scope="col">{t('customers.colRequirement')}</th>
              <th scope="col">{t('customers.colImportance')}</th>
              <Show when={planned()}>
                <th scope="col">{t('customers.colSchedule')}</th>
                <th scope="col">{t('customers.colShips')}</th>
              </Show>
              <Show when={delivered()}>
                <th scope="col">{t('customers.colDelivered')}</th>
              </Show>
              <Show when={!planned() && !delivered()}>
                <th scope="col">{t('customers.colAsked')}</th>
              </Show>
              <th scope="col">{t('customers.colPromised')}</th>
              <th scope="col">{t('customers.colStatus')}</th>
            </>
          }
        >
          <For each={props.views}>
            {(view) => (
              <tr classList={{ 'is-risky': isRisky(view) }}>
                <td>
                  <div class="cu-requirement">
                    <A class="key-chip" href={`/w/${ws.id()}/i/${view.ask.requirement.key}`}>
                      {view.ask.requirement.key}
                    </A>
                    <div class="cu-requirement-text">
                      <A href={`/w/${ws.id()}/i/${view.ask.requirement.key}`} class="cu-requirement-title">
                        {view.ask.requirement.title}
                      </A>
                      <Show when={view.ask.note}>
                        <span class="cell-muted">{t('customers.askNote', { note: view.ask.note })}</span>
                      </Show>
                    </div>
                  </div>
                </td>
                <td>
                  <span class="pill cu-importance" data-importance={view.ask.importance}>
                    {t(`work.importance.${view.ask.importance as 'nice' | 'important' | 'critical'}`)}
                  </span>
                </td>
                <Show when={planned()}>
                  <td class="cu-schedule">
                    <ScheduleCell view={view} today={props.today} />
                  </td>
                  <td class="cu-date">{view.ships ? days.day(view.ships) : t('customers.shipsUnknown')}</td>
                </Show>
                <Show when={delivered()}>
                  <td class="cu-date">{view.ships ? days.day(view.ships) : '—'}</td>
                </Show>
                <Show when={!planned() && !delivered()}>
                  <td class="cu-date">{days.day(view.ask.askedOn)}</td>
                </Show>
                <td class="cu-date">
                  <PromiseCell view={view} />
                </td>
                <td>
                  <RequirementStatus status={view.ask.requirement.status} />
                </td>
              </tr>
            )}
          </For>
        </Table>
      </Show>
    </section>
  )
}

const isRisky = (view: AskView) =>
  view.promise === 'late' || view.promise === 'unscheduled' || view.promise === 'passed'

function ScheduleCell(props: { view: AskView; today: string }): JSX.Element {
  const { t } = useI18n()
  const days = useDayFormat()
  return (
    <div class="cu-schedule-lines">
      <Show when={props.view.iteration}>
        {(iteration) => (
          <span>
            {t('customers.iterationDates', {
              name: iteration().name,
              range: days.range(iteration().startDate, iteration().endDate, props.today),
            })}
          </span>
        )}
      </Show>
      <Show when={props.view.release}>
        {(release) => (
          <span class="cu-release">
            <span class="rm-diamond" aria-hidden="true" />
            {t('customers.releaseDate', { name: release().name, date: days.short(release().targetDate) })}
          </span>
        )}
      </Show>
      <Show when={!props.view.iteration && !props.view.release}>
        <span class="cell-muted">{t('customers.notScheduled')}</span>
      </Show>
    </div>
  )
}

function PromiseCell(props: { view: AskView }): JSX.Element {
  const { t } = useI18n()
  const days = useDayFormat()
  const promised = () => props.view.ask.promisedDate
  const explain = () => {
    const p = promised()
    if (!p) return undefined
    const date = days.day(p)
    switch (props.view.promise) {
      case 'late':
        return {
          short: t('customers.promiseLateShort'),
          long: t('customers.promiseLate', { promised: date, ships: days.day(props.view.ships ?? p) }),
        }
      case 'unscheduled':
        return {
          short: t('customers.promiseUnplannedShort'),
          long: t('customers.promiseUnplanned', { promised: date }),
        }
      case 'passed':
        return {
          short: t('customers.promiseLateShort'),
          long: t('customers.promisePassed', { promised: date }),
        }
      case 'deliveredLate':
        return { short: t('customers.promiseLateShort'), long: t('customers.deliveredLate') }
      default:
        return undefined
    }
  }
  return (
    <Show when={promised()} fallback={<span class="cell-muted">{t('customers.notPromised')}</span>}>
      {(p) => (
        <span class="cu-promise" data-state={props.view.promise}>
          {days.day(p())}
          <Show when={explain()}>
            {(e) => (
              <span class="cu-flag" title={e().long}>
                <span aria-hidden="true">{e().short}</span>
                <span class="visually-hidden">{e().long}</span>
              </span>
            )}
          </Show>
        </span>
      )}
    </Show>
  )
}
