// A block of user markdown, sanitized (see markdown.ts) before it reaches the page; mentions and item
// references are shown as the workspace says (MarkdownRefsContext), and an attached image opens in the
// page's viewer when there is one (MarkdownImagesContext).
import { createMemo, useContext } from 'solid-js'
import { attachmentPath, renderMarkdown } from './markdown'
import { MarkdownImagesContext } from './markdown-images'
import { MarkdownRefsContext } from './markdown-refs'

export function Markdown(props: { source: string; class?: string }) {
  const refs = useContext(MarkdownRefsContext)
  const images = useContext(MarkdownImagesContext)
  const html = createMemo(() => renderMarkdown(props.source, refs))
  const openImage = (event: MouseEvent) => {
    if (!images || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey)
      return
    const link = (event.target as Element | null)?.closest?.('a.markdown-image-link')
    if (!(link instanceof HTMLAnchorElement)) return
    // Only an attached file's address opens in the viewer (any link may be given that class).
    const path = attachmentPath(link.getAttribute('href') ?? '')
    if (!path) return
    event.preventDefault()
    images.open(path, link.querySelector('img')?.getAttribute('alt') ?? '', link)
  }
  return (
    <div
      class={`markdown ${props.class ?? ''}`}
      innerHTML={html()}
      // Caught on the way down, before the link or the router (which listens on the document) act on it.
      ref={(el) => el.addEventListener('click', openImage, true)}
    />
  )
}
