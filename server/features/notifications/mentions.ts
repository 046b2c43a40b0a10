// Mentions in what people write: `@[name](user:id)` must name a member of the workspace (400 otherwise).
// A member who cannot see the item may be mentioned, and is told nothing (the notifier checks); the editor
// warns the writer from the list of those who can (GET …/mentionable).
import { mentionedIds } from '../../../domain/mentions'
import type { ServiceContext } from '../../lib/context'
import { invalid } from '../../lib/errors'
import { notificationRepo } from './repo'

/** Refuses a text that mentions someone who is not a member of the workspace. */
export async function checkMentions(ctx: ServiceContext, ...texts: (string | null | undefined)[]) {
  const ids = [...new Set(texts.flatMap((text) => mentionedIds(text)))]
  if (ids.length === 0) return
  const known = await notificationRepo.memberUserIds(ctx.deps.db, ctx.membership.workspaceId, ids)
  const unknown = ids.filter((id) => !known.has(id))
  if (unknown.length)
    throw invalid('It mentions someone who is not a member of this workspace', { userIds: unknown })
}
