// How references in markdown are shown (a person by their name as it is now, an item as a link), provided
// by the workspace. A module of its own: the shell provides it without loading the markdown renderer.
import { createContext } from 'solid-js'

export interface MarkdownRefs {
  /** The person's current name; undefined: the name the text was written with. */
  name: (userId: number) => string | undefined
  itemHref: (key: string) => string
}

export const MarkdownRefsContext = createContext<MarkdownRefs>()
