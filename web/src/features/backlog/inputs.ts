// Inputs that edit a value other people may change at the same time.
import { createEffect } from 'solid-js'

/**
 * Shows the latest value in an input, except while it has focus: a live refresh must not overwrite what
 * the user is typing.
 */
export function keepWhileTyping(input: HTMLInputElement, value: () => number | string | null) {
  createEffect(() => {
    const next = value()
    if (document.activeElement !== input) input.value = next === null ? '' : String(next)
  })
}
