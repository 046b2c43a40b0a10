// A block of user markdown, sanitized (see markdown.ts) before it reaches the page; mentions and item
// references are shown as the workspace says (MarkdownRefsContext).
import { createMemo, useContext } from 'solid-js'
import { renderMarkdown } from './markdown'
import { MarkdownRefsContext } from './markdown-refs'

export function Markdown(props: { source: string; class?: string }) {
  const refs = useContext(MarkdownRefsContext)
  const html = createMemo(() => renderMarkdown(props.source, refs))
  return <div class={`markdown ${props.class ?? ''}`} innerHTML={html()} />
}
