// HTTP routes for watching items and for the inbox.
import { z } from '@hono/zod-openapi'
import {
  NOTIFICATION_CHANNELS,
  NOTIFICATION_KINDS,
  type NotificationKind,
  type WatchableType,
} from '../../../domain/vocabulary'
import { invalid } from '../../lib/errors'
import type { Permission } from '../../lib/permissions'
import { newApp, requireAuth, route, serviceContext } from '../../lib/route'
import { csv, errors, Id, IdSet, json, jsonBody, WsIdParams, WsParams } from '../../lib/schemas'
import { preferencesOf, updatePreferences } from './preferences'
import {
  listNotifications,
  listWatchers,
  markNotifications,
  mentionable,
  setWatching,
  unreadCount,
} from './service'

const Watchers = z
  .object({
    items: z.array(z.object({ id: z.number(), name: z.string(), since: z.string() })),
    watching: z.boolean().openapi({ description: 'Whether the caller watches it' }),
  })
  .openapi('Watchers')

const VIEW: Record<WatchableType, Permission> = {
  requirement: 'requirement.view',
  task: 'task.view',
  iteration: 'iteration.view',
  product: 'product.view',
}

function watcherRoutesFor(type: WatchableType) {
  const path = `/workspaces/{ws}/${type}s/{id}/watchers` as const
  const common = { path, tags: ['Notifications'], request: { params: WsIdParams } }
  const responses = { 200: json(Watchers), ...errors }
  return newApp()
    .openapi(
      route(VIEW[type], { ...common, method: 'get', summary: `Who watches a ${type}`, responses }),
      async (c) => {
        const { id } = c.req.valid('param')
        return c.json(await listWatchers(serviceContext(c), type, id), 200)
      },
    )
    .openapi(
      route(VIEW[type], {
        ...common,
        method: 'post',
        summary: `Watch a ${type} (its changes reach your inbox)`,
        responses,
      }),
      async (c) => c.json(await setWatching(serviceContext(c), type, c.req.valid('param').id, true), 200),
    )
    .openapi(
      route(VIEW[type], { ...common, method: 'delete', summary: `Stop watching a ${type}`, responses }),
      async (c) => c.json(await setWatching(serviceContext(c), type, c.req.valid('param').id, false), 200),
    )
}

const Notification = z
  .object({
    id: z.number(),
    kind: z.enum(NOTIFICATION_KINDS),
    entityType: z.string(),
    entityId: z.number(),
    productId: z.number().nullable(),
    itemKey: z.string().nullable().openapi({ description: 'MES-42, for requirements and tasks' }),
    title: z.string().openapi({ description: "The item's title or name as it is now" }),
    productKey: z.string().nullable(),
    commentId: z.number().nullable().openapi({ description: 'The comment it points at' }),
    excerpt: z.string().nullable().openapi({ description: "The comment's first 200 characters (markdown)" }),
    data: z.record(z.string(), z.unknown()).openapi({ description: 'e.g. a status change: {from, to}' }),
    actor: z.object({ id: z.number(), name: z.string() }).nullable(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
    archivedAt: z.string().nullable(),
  })
  .openapi('Notification')

const flag = z
  .enum(['0', '1', 'true', 'false'])
  .optional()
  .transform((v) => v === '1' || v === 'true')

const Query = z.object({
  unread: flag.openapi({ description: 'Only unread ones' }),
  archived: flag.openapi({ description: 'The archived ones instead of the inbox' }),
  kind: csv(z.enum(NOTIFICATION_KINDS)).optional().openapi({ description: 'Comma-separated kinds' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: Id.optional().openapi({ description: 'The nextCursor of the previous page' }),
})

const Count = z.object({ unreadCount: z.number() })

const Mark = z
  .object({
    ids: IdSet(500).optional(),
    all: z.literal(true).optional(),
  })
  .refine((b) => (b.ids === undefined) !== (b.all === undefined), {
    message: 'Give either ids or all: true',
  })

function markRoute<const P extends string>(
  path: P,
  summary: string,
  change: { read?: boolean; archived?: boolean },
) {
  return newApp().openapi(
    route('member', {
      method: 'post',
      path: `/workspaces/{ws}/notifications/${path}` as `/workspaces/{ws}/notifications/${P}`,
      tags: ['Notifications'],
      summary,
      request: { params: WsParams, body: jsonBody(Mark) },
      responses: { 200: json(Count.extend({ changed: z.number() })), ...errors },
    }),
    async (c) => {
      const body = c.req.valid('json')
      return c.json(await markNotifications(serviceContext(c), body.all ? 'all' : body.ids!, change), 200)
    },
  )
}

const MentionQuery = z.object({
  entityType: z.enum(['requirement', 'task']).optional(),
  entityId: Id.optional(),
  productId: Id.optional().openapi({ description: 'For an item being created: its product' }),
  q: z.string().max(100).default(''),
  ids: csv(
    z
      .string()
      .regex(/^\d{1,10}$/)
      .transform(Number),
  )
    .optional()
    .openapi({
      type: 'string',
      description:
        'Only these people (comma-separated user ids): which of those a text mentions may see the item',
    }),
  limit: z.coerce.number().int().min(1).max(50).default(8),
})

const Channel = z.enum(NOTIFICATION_CHANNELS)
const channelFields = Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, Channel])) as Record<
  NotificationKind,
  typeof Channel
>
const Preferences = z
  .object({
    ...channelFields,
    digestHour: z.number().int().min(0).max(23),
    emailAvailable: z.boolean().openapi({ description: 'Whether this server sends email (KEEL_SMTP_URL)' }),
  })
  .openapi('NotificationPreferences')
const PreferencesPatch = z
  .object({ ...channelFields, digestHour: z.number().int().min(0).max(23) })
  .partial()
  .strict()

export const notificationRoutes = newApp()
  .openapi(
    route('authenticated', {
      method: 'get',
      path: '/me/notification-preferences',
      tags: ['Notifications'],
      summary: 'Where each kind of notification goes: inbox, email, digest or off; and the digest hour',
      responses: { 200: json(Preferences), ...errors },
    }),
    async (c) => c.json(await preferencesOf(c.get('deps'), requireAuth(c).user.id), 200),
  )
  .openapi(
    route('authenticated', {
      method: 'patch',
      path: '/me/notification-preferences',
      tags: ['Notifications'],
      summary: 'Change where some kinds go, or the digest hour (0–23, in your time zone)',
      request: { body: jsonBody(PreferencesPatch) },
      responses: { 200: json(Preferences), ...errors },
    }),
    async (c) =>
      c.json(await updatePreferences(c.get('deps'), requireAuth(c).user.id, c.req.valid('json')), 200),
  )
  .openapi(
    route('member', {
      method: 'get',
      path: '/workspaces/{ws}/mentionable',
      tags: ['Notifications'],
      summary:
        'Members who may see an item, for @mentions: name, email, pinyin and its initials match ("zw" finds 张伟); you are left out',
      request: { params: WsParams, query: MentionQuery },
      responses: {
        200: json(
          z.object({
            items: z.array(
              z.object({
                id: z.number(),
                name: z.string(),
                email: z.string().optional().openapi({ description: 'To those who may see the members' }),
              }),
            ),
          }),
        ),
        ...errors,
      },
    }),
    async (c) => {
      const q = c.req.valid('query')
      if ((q.entityType === undefined) !== (q.entityId === undefined))
        throw invalid('Give entityType and entityId together', { column: 'entityId' })
      return c.json(
        await mentionable(serviceContext(c), {
          entityType: q.entityType,
          entityId: q.entityId,
          productId: q.productId,
          query: q.q,
          ids: q.ids,
          limit: q.limit,
        }),
        200,
      )
    },
  )
  .route('/', watcherRoutesFor('requirement'))
  .route('/', watcherRoutesFor('task'))
  .route('/', watcherRoutesFor('iteration'))
  .route('/', watcherRoutesFor('product'))
  .openapi(
    route('member', {
      method: 'get',
      path: '/workspaces/{ws}/notifications',
      tags: ['Notifications'],
      summary: 'Your inbox, newest first, with the unread count (only what you may see now)',
      request: { params: WsParams, query: Query },
      responses: {
        200: json(
          z.object({
            items: z.array(Notification),
            nextCursor: z.string().nullable(),
            unreadCount: z.number(),
          }),
        ),
        ...errors,
      },
    }),
    async (c) => {
      const q = c.req.valid('query')
      return c.json(
        await listNotifications(serviceContext(c), {
          unread: q.unread,
          archived: q.archived,
          kinds: q.kind,
          cursor: q.cursor,
          limit: q.limit,
        }),
        200,
      )
    },
  )
  .openapi(
    route('member', {
      method: 'get',
      path: '/workspaces/{ws}/notifications/count',
      tags: ['Notifications'],
      summary: 'How many unread notifications you have (the bell)',
      request: { params: WsParams },
      responses: { 200: json(Count), ...errors },
    }),
    async (c) => c.json(await unreadCount(serviceContext(c)), 200),
  )
  .route('/', markRoute('read', 'Mark notifications read: {ids} or {all: true}', { read: true }))
  .route('/', markRoute('unread', 'Mark notifications unread', { read: false }))
  .route('/', markRoute('archive', 'Archive notifications (they leave the inbox, read)', { archived: true }))
  .route('/', markRoute('unarchive', 'Bring archived notifications back to the inbox', { archived: false }))
