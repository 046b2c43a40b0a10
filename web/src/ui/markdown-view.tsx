// A block of user markdown, sanitized (see markdown.ts) before it reaches the page; mentions and item
// references are shown as the surrounding page says (MarkdownRefsContext, provided by the workspace).
import { createContext, createMemo, useContext } from 'solid-js'
import { type MarkdownRefs, renderMarkdown } from './markdown'

export const MarkdownRefsContext = createContext<MarkdownRefs>()

export function Markdown(props: { source: string; class?: string }) {
  const refs = useContext(MarkdownRefsContext)
  const html = createMemo(() => renderMarkdown(props.source, refs))
  return <div class={`markdown ${props.class ?? ''}`} innerHTML={html()} />
}
