// Markdown from users (descriptions, comments) rendered with marked and sanitized with DOMPurify, so a
// script, an event handler or a javascript: link in it renders inert. Links open in a new tab.
import DOMPurify from 'dompurify'
import { marked } from 'marked'

let hooked = false

function purifier() {
  if (!hooked) {
    hooked = true
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      if (node.tagName === 'A' && node.getAttribute('href')) {
        node.setAttribute('target', '_blank')
        node.setAttribute('rel', 'noopener noreferrer nofollow')
      }
    })
  }
  return DOMPurify
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`).replace(/\n/g, '<br>')

/** Markdown → safe HTML. Only what DOMPurify's HTML profile allows survives; no styles, no forms. */
export function renderMarkdown(source: string): string {
  const purify = purifier()
  // Without a DOM to sanitize in, show the text as text rather than trust it.
  if (!purify.isSupported) return escapeHtml(source)
  const html = marked.parse(source, { async: false, gfm: true, breaks: true })
  return purify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'form', 'button', 'textarea', 'select', 'iframe'],
    FORBID_ATTR: ['style'],
  })
}
