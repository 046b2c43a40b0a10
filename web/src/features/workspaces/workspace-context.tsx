// The workspace the shell is showing, with the current user's role and permissions in it. Pages use `can`
// to hide what the role does not allow; the server still checks every request.
import { createContext, useContext } from 'solid-js'
import type { Me, MyWorkspace } from '../auth/queries'

export interface WorkspaceContextValue {
  id: () => number
  workspace: () => MyWorkspace
  me: () => Me
  can: (permission: string) => boolean
}

export const WorkspaceContext = createContext<WorkspaceContextValue>()

export function useWorkspace(): WorkspaceContextValue {
  const value = useContext(WorkspaceContext)
  if (!value) throw new Error('useWorkspace needs the workspace shell above it')
  return value
}
