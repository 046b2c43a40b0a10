// Markdown from users (descriptions, comments) rendered with marked and sanitized with DOMPurify, so a
// script, an event handler or a javascript: link in it renders inert. Links open in a new tab.
import DOMPurify from 'dompurify'
import { marked } from 'marked'
import { ITEM_REFERENCE, MENTION } from '../../../domain/mentions'
import type { MarkdownRefs } from './markdown-refs'

let hooked = false

function purifier() {
  if (!hooked) {
    hooked = true
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      // Links out of Keel open in a new tab; a link to an item (#MES-42) stays in it.
      if (node.tagName === 'A' && node.getAttribute('href') && !node.getAttribute('href')!.startsWith('/')) {
        node.setAttribute('target', '_blank')
        node.setAttribute('rel', 'noopener noreferrer nofollow')
      }
    })
  }
  return DOMPurify
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`).replace(/\n/g, '<br>')

/** Mentions become chips with the person's name as it is now; `#MES-42` becomes a link to the item. */
function withReferences(source: string, refs: MarkdownRefs): string {
  return source
    .replace(MENTION, (_, written: string, id: string) => {
      const name = refs.name(Number(id)) ?? written
      return `<span class="mention" data-user-id="${Number(id)}">@${escapeHtml(name)}</span>`
    })
    .replace(
      ITEM_REFERENCE,
      (_, before: string, key: string) =>
        `${before}<a class="item-ref" href="${refs.itemHref(key)}">#${key}</a>`,
    )
}

/** Markdown → safe HTML. Only what DOMPurify's HTML profile allows survives; no styles, no forms. */
export function renderMarkdown(source: string, refs?: MarkdownRefs): string {
  const purify = purifier()
  // Without a DOM to sanitize in, show the text as text rather than trust it.
  if (!purify.isSupported) return escapeHtml(source)
  const html = marked.parse(refs ? withReferences(source, refs) : source, {
    async: false,
    gfm: true,
    breaks: true,
  })
  return purify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'form', 'button', 'textarea', 'select', 'iframe'],
    FORBID_ATTR: ['style'],
  })
}
