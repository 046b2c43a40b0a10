// Remembers the workspace last opened on this device, so "/" (and "/account") return to it.
const KEY = 'keel.lastWorkspace'

export function rememberWorkspace(id: number) {
  try {
    localStorage.setItem(KEY, String(id))
  } catch {
    // Storage unavailable: "/" then opens the first workspace.
  }
}

export function lastWorkspace(): number | undefined {
  try {
    const value = Number(localStorage.getItem(KEY))
    return Number.isSafeInteger(value) && value > 0 ? value : undefined
  } catch {
    return undefined
  }
}

/** The workspace to open: the last one opened here when the person is still in it, else their first. */
export function preferredWorkspace(workspaces: readonly { id: number }[]): number | undefined {
  const last = lastWorkspace()
  return (workspaces.find((w) => w.id === last) ?? workspaces[0])?.id
}
