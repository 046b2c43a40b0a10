// Markdown from users (descriptions, comments) rendered with marked and sanitized with DOMPurify, so a
// script, an event handler or a javascript: link in it renders inert. Links open in a new tab. The only
// images shown are files attached in Keel (the page's CSP loads no other origin's): lazily, each a link to
// its file that the page may open in a viewer instead; any other image becomes a link to it, or its alt text.
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

/** The address of an attached file, as the API gives it: GET /api/workspaces/:ws/attachments/:id. */
const ATTACHMENT_PATH = /^\/api\/workspaces\/\d+\/attachments\/\d+$/

/** The path of an attached file that `url` names (as a path or in full on this origin); else undefined. */
export function attachmentPath(url: string): string | undefined {
  if (ATTACHMENT_PATH.test(url)) return url
  const origin = typeof location === 'undefined' ? 'null' : location.origin
  if (origin !== 'null' && url.startsWith(`${origin}/`) && ATTACHMENT_PATH.test(url.slice(origin.length)))
    return url.slice(origin.length)
  return undefined
}

/** Attached images shown (lazily, inside a link to the file); other images become links or their alt text. */
function placeImages(root: DocumentFragment) {
  const doc = root.ownerDocument
  for (const img of [...root.querySelectorAll('img')]) {
    const src = img.getAttribute('src') ?? ''
    const alt = img.getAttribute('alt') ?? ''
    const path = attachmentPath(src)
    if (!path) {
      if (/^https?:\/\//i.test(src) && !img.closest('a')) {
        const link = doc.createElement('a')
        link.href = src
        link.textContent = alt || src
        link.setAttribute('target', '_blank')
        link.setAttribute('rel', 'noopener noreferrer nofollow')
        img.replaceWith(link)
      } else img.replaceWith(alt)
      continue
    }
    img.setAttribute('src', path)
    img.setAttribute('loading', 'lazy')
    img.setAttribute('decoding', 'async')
    img.setAttribute('class', 'markdown-image')
    if (img.closest('a')) continue
    const link = doc.createElement('a')
    link.setAttribute('href', path)
    link.setAttribute('class', 'markdown-image-link')
    // Opened in a viewer by the page (markdown-view.tsx); a new tab where there is none, or on Ctrl+click.
    link.setAttribute('target', '_blank')
    link.setAttribute('rel', 'noopener')
    img.replaceWith(link)
    link.append(img)
  }
  // A link to an attached file downloads it (and is no route of the app's).
  for (const link of root.querySelectorAll('a[href]')) {
    if (link.classList.contains('markdown-image-link')) continue
    const path = attachmentPath(link.getAttribute('href') ?? '')
    if (!path) continue
    link.setAttribute('href', path)
    link.removeAttribute('target')
    link.setAttribute('download', '')
  }
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
  const fragment = purify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'form', 'button', 'textarea', 'select', 'iframe'],
    FORBID_ATTR: ['style'],
    RETURN_DOM_FRAGMENT: true,
  })
  placeImages(fragment)
  const out = fragment.ownerDocument.createElement('div')
  out.append(fragment)
  return out.innerHTML
}
