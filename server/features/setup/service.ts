// First-run set-up: the first account (an instance owner) and its first workspace, plain or filled with
// the demo, in one transaction: a failure leaves the instance as it was, still waiting to be set up.
import type { AppDeps } from '../../lib/context'
import { hashPassword } from '../../lib/crypto'
import { conflict } from '../../lib/errors'
import { audit, write } from '../../lib/write'
import { accountCreated } from '../audit/events'
import { authRepo } from '../auth/repo'
import { demoPasswordHash, seed } from '../demo/seed'
import { createWorkspace } from '../workspaces/service'

export const setupNeeded = async (deps: AppDeps) => (await authRepo.userCount(deps.db)) === 0

const alreadySetUp = () => conflict('already_set_up', 'Keel is already set up; log in instead')

export async function setup(
  deps: AppDeps,
  input: { workspaceName: string; name: string; email: string; password: string; demo?: boolean },
) {
  if (!(await setupNeeded(deps))) throw alreadySetUp()
  const passwordHash = await hashPassword(input.password)
  const demoHash = input.demo ? await demoPasswordHash() : undefined
  return write({ deps, workspaceId: null, actorId: null }, async (tx, _record, frame) => {
    // Re-checked inside the transaction: two set-ups racing must not both win.
    if ((await authRepo.userCount(tx)) > 0) throw alreadySetUp()
    const user = await authRepo.insertUser(tx, {
      email: input.email,
      name: input.name,
      passwordHash,
      instanceOwner: true,
      createdAt: deps.clock.now().toISOString(),
    })
    audit(frame, { ...accountCreated(user), actorId: user.id, details: { instanceOwner: true } })
    const workspace =
      demoHash === undefined
        ? await createWorkspace(deps, user.id, input.workspaceName, frame)
        : await seed(deps, user.id, input.workspaceName, demoHash, frame)
    return { user, workspace }
  })
}
