// A block of user markdown, sanitized (see markdown.ts) before it reaches the page.
import { createMemo } from 'solid-js'
import { renderMarkdown } from './markdown'

export function Markdown(props: { source: string; class?: string }) {
  const html = createMemo(() => renderMarkdown(props.source))
  return <div class={`markdown ${props.class ?? ''}`} innerHTML={html()} />
}
