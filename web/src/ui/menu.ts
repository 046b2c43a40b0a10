// Opening a dialog from a menu item. Opened while the menu is still closing, the menu's focus going back to
// its button can count as a focus outside the new dialog and dismiss it at once; so the item only notes what
// to open, and it opens when the menu has closed (Kobalte's onCloseAutoFocus), taking the focus itself.
export function afterMenuCloses() {
  let pending: (() => void) | undefined
  return {
    /** Call from the item's onSelect: `open` runs once the menu has closed. */
    open: (open: () => void) => {
      pending = open
    },
    /** Pass to the menu's Content as onCloseAutoFocus. */
    onCloseAutoFocus: (event: Event) => {
      const open = pending
      if (!open) return
      pending = undefined
      event.preventDefault()
      open()
    },
  }
}
