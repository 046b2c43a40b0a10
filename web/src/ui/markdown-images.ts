// Where an image in rendered markdown opens: a page with a viewer (an item's lightbox) provides one; without
// it an image's link opens the file in a new tab. A module of its own, like markdown-refs.ts.
import { createContext } from 'solid-js'

export interface MarkdownImages {
  /** Shows the attached image at `url` (its alt text as the name); `opener` gets the focus back. */
  open: (url: string, name: string, opener: HTMLElement) => void
}

export const MarkdownImagesContext = createContext<MarkdownImages>()
