// Where each kind of notification goes, as each person chose: the inbox (the default), email soon after
// (changes to one item gathered for a few minutes), the daily digest at their hour, or nowhere ("off": not
// even the inbox). Email and digest notifications show in the inbox as well; without email on the server,
// those choices are kept and only the inbox gets them.
import {
  NOTIFICATION_KINDS,
  type NotificationChannel,
  type NotificationKind,
} from '../../../domain/vocabulary'
import type { AppDeps } from '../../lib/context'
import { bookkeepingWrite } from '../../lib/write'
import { notificationRepo } from './repo'

export const DEFAULT_DIGEST_HOUR = 9

export type Channels = Record<NotificationKind, NotificationChannel>

export async function preferencesOf(deps: AppDeps, userId: number) {
  const row = await notificationRepo.settings(deps.db, userId)
  const channels = Object.fromEntries(
    NOTIFICATION_KINDS.map((kind) => [kind, row?.channels[kind] ?? 'inbox']),
  ) as Channels
  return {
    ...channels,
    digestHour: row?.digestHour ?? DEFAULT_DIGEST_HOUR,
    /** Whether this server sends email (KEEL_SMTP_URL). */
    emailAvailable: deps.mailer !== undefined,
  }
}

export async function updatePreferences(
  deps: AppDeps,
  userId: number,
  patch: Partial<Channels> & { digestHour?: number },
) {
  const { digestHour, ...changed } = patch
  const current = await preferencesOf(deps, userId)
  const channels: Partial<Channels> = {}
  for (const kind of NOTIFICATION_KINDS) {
    const channel = changed[kind] ?? current[kind]
    // Only what differs from the default is kept.
    if (channel !== 'inbox') channels[kind] = channel
  }
  await bookkeepingWrite(deps.store, (tx) =>
    notificationRepo.saveSettings(tx, {
      userId,
      channels,
      digestHour: digestHour ?? current.digestHour,
      updatedAt: deps.clock.now().toISOString(),
    }),
  )
  return preferencesOf(deps, userId)
}

/** Where a person wants this kind of notification: the inbox unless they chose otherwise. */
export const channelOf = (
  channels: Partial<Channels> | undefined,
  kind: NotificationKind,
): NotificationChannel => channels?.[kind] ?? 'inbox'
