// How markdown refers to people and items. A mention is stored as `@[张伟](user:12)`: the id is the stable
// reference and the text only what it said when written (the chip shows the member's name as it is now).
// An item is referred to by its key, `#MES-42`.

/** `@[name](user:id)`; the name holds no brackets or line breaks. */
export const MENTION = /@\[([^\]\n]{1,100})\]\(user:(\d{1,10})\)/g

/** `#MES-42`, not inside a word or a longer key. */
export const ITEM_REFERENCE = /(^|[^\p{L}\p{N}_#-])#([A-Z][A-Z0-9]{0,9}-\d{1,9})(?![\p{L}\p{N}_-])/gu

/** The ids of the people a text mentions, each once, in order. */
export function mentionedIds(text: string | null | undefined): number[] {
  if (!text) return []
  const ids = new Set<number>()
  for (const match of text.matchAll(MENTION)) ids.add(Number(match[2]))
  return [...ids]
}

/** The mention of a person as stored in markdown. */
export const mentionOf = (id: number, name: string) => `@[${name.replace(/[[\]\n]/g, ' ')}](user:${id})`
