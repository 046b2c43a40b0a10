// The iteration board of a product (/w/:ws/p/:key/board): pick an iteration, see its capacity and
// stability budget, and move its tasks across columns by status — by dragging or with the keyboard — in
// swimlanes by requirement, assignee or kind, with quick filters. Moves are optimistic and undone with a
// clear message when the server refuses (someone else changed the card, or the role may not move it).
// This module finds the product and the iteration to show; iteration-board draws the board itself.
import './board.css'
import { A, useParams, useSearchParams } from '@solidjs/router'
import { useQueryClient } from '@tanstack/solid-query'
import { createEffect, createMemo, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { BoardIcon, PlanIcon } from '../../ui/icons'
import { EmptyState } from '../../ui/page'
import { createObserverQuery, QueryView } from '../../ui/query-view'
import { type Product, productsQuery } from '../products/queries'
import { useWorkspace } from '../workspaces/workspace-context'
import {
  globalStorage,
  pickIteration,
  readGroupBy,
  readLastIteration,
  saveLastIteration,
} from './board-logic'
import { BoardTitle } from './board-title'
import { IterationBoard } from './iteration-board'
import { boardQuery, iterationsQuery } from './queries'

export default function BoardPage() {
  const { t } = useI18n()
  const workspace = useWorkspace()
  const params = useParams<{ key: string }>()
  // The same list useProduct() reads, but through an observer: a live refresh of it must not suspend the
  // page (see createObserverQuery).
  const products = createObserverQuery(() => ({ ...productsQuery(workspace.id()), throwOnError: false }))
  const product = createMemo(() => products().data?.items.find((p) => p.key === params.key?.toUpperCase()))
  return (
    <div class="board-page">
      <QueryView
        query={products()}
        isEmpty={() => !product()}
        empty={
          <EmptyState
            icon={<BoardIcon />}
            title={t('board.empty.noProduct')}
            body={t('board.empty.noProductBody')}
            action={
              <A class="btn" href={`/w/${workspace.id()}/settings/products`}>
                {t('board.empty.noProductAction')}
              </A>
            }
          />
        }
      >
        {() => <Show when={product()}>{(p) => <ProductBoard product={p()} />}</Show>}
      </QueryView>
    </div>
  )
}

function ProductBoard(props: { product: Product }) {
  const { t } = useI18n()
  const workspace = useWorkspace()
  const [search, setSearch] = useSearchParams<{ iteration?: string }>()
  const iterations = createObserverQuery(() => ({
    ...iterationsQuery(workspace.id(), props.product.id),
    throwOnError: false,
  }))
  const items = () => iterations().data?.items ?? []
  const selected = createMemo(
    () => items().find((it) => String(it.id) === search.iteration) ?? pickIteration(items()),
  )
  const canPlan = () => workspace.can('iteration.plan') || workspace.can('iteration.manage')

  // The board of the iteration shown last time starts loading with the iterations, not after them.
  const queryClient = useQueryClient()
  const remembered = readLastIteration(props.product.id)
  if (remembered !== undefined && search.iteration === undefined)
    void queryClient.prefetchQuery(boardQuery(workspace.id(), remembered, readGroupBy(globalStorage())))
  createEffect(() => {
    const id = selected()?.id
    if (id !== undefined) saveLastIteration(props.product.id, id)
  })

  return (
    <Show
      when={selected()}
      fallback={
        <>
          <BoardTitle product={props.product} />
          <QueryView
            query={iterations()}
            isEmpty={(answer) => answer.items.length === 0}
            empty={
              <EmptyState
                icon={<PlanIcon />}
                title={t('board.empty.noIterations')}
                body={canPlan() ? t('board.empty.noIterationsPlanner') : t('board.empty.noIterationsReader')}
                action={
                  <Show when={canPlan()}>
                    <A class="btn btn-primary" href={`/w/${workspace.id()}/p/${props.product.key}/plan`}>
                      {t('board.empty.planAction')}
                    </A>
                  </Show>
                }
              />
            }
          >
            {/* Iterations to choose from always give one to show, drawn above. */}
            {() => undefined}
          </QueryView>
        </>
      }
    >
      {(iteration) => (
        <IterationBoard
          product={props.product}
          iteration={iteration()}
          iterations={items()}
          onPick={(id) => setSearch({ iteration: String(id) })}
        />
      )}
    </Show>
  )
}
