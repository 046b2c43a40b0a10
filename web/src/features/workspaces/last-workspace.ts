// Remembers the workspace last opened on this device, so "/" returns to it.
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
