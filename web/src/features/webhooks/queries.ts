// Webhooks of a workspace: query keys, the list, the delivery log, and create/update/delete/test/retry.
import { createMutation, queryOptions, useQueryClient } from '@tanstack/solid-query'
import { api, type Ok, unwrap, wsParam } from '../../api'

export const webhookKeys = {
  all: (ws: number) => ['webhooks', ws] as const,
  deliveries: (ws: number, id: number) => ['webhooks', ws, id, 'deliveries'] as const,
}

const hooks = api.workspaces[':ws'].webhooks
export type Webhook = Ok<Awaited<ReturnType<typeof hooks.$get>>>['items'][number]
export type Delivery = Ok<Awaited<ReturnType<(typeof hooks)[':id']['deliveries']['$get']>>>['items'][number]
export type WebhookInput = Parameters<typeof hooks.$post>[0]['json']
export type WebhookPatch = Parameters<(typeof hooks)[':id']['$patch']>[0]['json']

export const webhooksQuery = (ws: number) =>
  queryOptions({ queryKey: webhookKeys.all(ws), queryFn: () => unwrap(hooks.$get({ param: wsParam(ws) })) })

export const deliveriesQuery = (ws: number, id: number) =>
  queryOptions({
    queryKey: webhookKeys.deliveries(ws, id),
    queryFn: () =>
      unwrap(
        hooks[':id'].deliveries.$get({ param: { ...wsParam(ws), id: String(id) }, query: { limit: '50' } }),
      ),
    // Pending deliveries change on their own (retries): look again while the log is open.
    refetchInterval: (query) => (query.state.data?.items.some((d) => d.status === 'pending') ? 5000 : false),
  })

export function useWebhookMutations(ws: () => number) {
  const queryClient = useQueryClient()
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['webhooks', ws()] })
  const param = (id: number) => ({ ...wsParam(ws()), id: String(id) })
  const create = createMutation(() => ({
    mutationFn: (json: WebhookInput) => unwrap(hooks.$post({ param: wsParam(ws()), json })),
    onSuccess: refresh,
  }))
  const update = createMutation(() => ({
    mutationFn: (input: { id: number; json: WebhookPatch }) =>
      unwrap(hooks[':id'].$patch({ param: param(input.id), json: input.json, header: {} })),
    onSuccess: refresh,
  }))
  const remove = createMutation(() => ({
    mutationFn: (id: number) => unwrap(hooks[':id'].$delete({ param: param(id) })),
    onSuccess: refresh,
  }))
  const test = createMutation(() => ({
    mutationFn: (id: number) => unwrap(hooks[':id'].test.$post({ param: param(id) })),
    onSettled: refresh,
  }))
  const retry = createMutation(() => ({
    mutationFn: (input: { id: number; deliveryId: number }) =>
      unwrap(
        hooks[':id'].deliveries[':deliveryId'].retry.$post({
          param: { ...param(input.id), deliveryId: String(input.deliveryId) },
        }),
      ),
    onSettled: refresh,
  }))
  return { create, update, remove, test, retry }
}
