// Files leave the disk once no attachment names them: after a write that deleted attachments commits, and
// in an hourly sweep (which also catches what a deleted product or workspace took with it).
import type { Db } from '../../../db/client'
import type { AppDeps } from '../../lib/context'
import type { WriteFrame } from '../../lib/write'
import { attachmentRepo } from './repo'

/**
 * Inside a write that deletes requirements, tasks or comments: deletes their attachments (and those of
 * their comments); once the write commits, the files nothing names any more leave the disk.
 */
export async function dropAttachmentsOf(
  deps: AppDeps,
  tx: Db,
  frame: WriteFrame,
  targets: { requirement?: number[]; task?: number[]; comment?: number[] },
) {
  removeFilesAfterCommit(deps, frame, await attachmentRepo.deleteOf(tx, targets))
}

export function removeFilesAfterCommit(deps: AppDeps, frame: WriteFrame, shas: string[]) {
  if (shas.length === 0) return
  frame.level.callbacks.push(() =>
    deps.background.run('removing unreferenced files', async () => {
      await deps.files.removeUnreferenced(shas, (s) => attachmentRepo.referenced(deps.db, s))
    }),
  )
}

/** Every stored file nothing names (and old enough): removed. Hourly, and after a product or workspace goes. */
export async function sweepFiles(deps: AppDeps): Promise<number> {
  return deps.files.removeUnreferenced(await deps.files.stored(), (s) =>
    attachmentRepo.referenced(deps.db, s),
  )
}
