// Attachments in words and markdown, free of the DOM: a size in B/KB/MB/GB, the kind of a file for its icon,
// an upload's error in the reader's language, and the markdown an editor inserts for a file.
import { ApiError } from '../../api'
import type { I18n } from '../../i18n'
import { describeError } from '../../ui/errors'

type Words = Pick<I18n, 't' | 'locale'>

const number = (n: number, locale: string) =>
  new Intl.NumberFormat(locale, { maximumFractionDigits: n < 10 ? 1 : 0 }).format(n)

/** "512 B", "3.4 KB", "12 MB", "1.2 GB" (a database, all files): one decimal under ten. */
export function formatSize(bytes: number, i18n: Words): string {
  const { t, locale } = i18n
  if (bytes < 1024) return t('attachments.size.bytes', { n: String(bytes) })
  if (bytes < 1024 ** 2) return t('attachments.size.kb', { n: number(bytes / 1024, locale()) })
  if (bytes < 1024 ** 3) return t('attachments.size.mb', { n: number(bytes / 1024 ** 2, locale()) })
  return t('attachments.size.gb', { n: number(bytes / 1024 ** 3, locale()) })
}

export type FileKind = 'image' | 'pdf' | 'sheet' | 'doc' | 'slides' | 'archive' | 'media' | 'text' | 'other'

const BY_EXTENSION: Record<string, FileKind> = {
  pdf: 'pdf',
  xlsx: 'sheet',
  xls: 'sheet',
  csv: 'sheet',
  ods: 'sheet',
  docx: 'doc',
  doc: 'doc',
  odt: 'doc',
  rtf: 'doc',
  pptx: 'slides',
  ppt: 'slides',
  odp: 'slides',
  zip: 'archive',
  gz: 'archive',
  tgz: 'archive',
  '7z': 'archive',
  rar: 'archive',
  tar: 'archive',
  mp4: 'media',
  mov: 'media',
  webm: 'media',
  mp3: 'media',
  wav: 'media',
  txt: 'text',
  md: 'text',
  log: 'text',
  json: 'text',
  xml: 'text',
  yaml: 'text',
  yml: 'text',
}

export const extensionOf = (name: string) => {
  const dot = name.lastIndexOf('.')
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : ''
}

/** What a file is, for its icon: by its judged type first, then by its name. */
export function kindOf(file: { name: string; contentType: string }): FileKind {
  if (file.contentType.startsWith('image/')) return 'image'
  if (file.contentType === 'application/pdf') return 'pdf'
  if (file.contentType.startsWith('video/') || file.contentType.startsWith('audio/')) return 'media'
  return BY_EXTENSION[extensionOf(file.name)] ?? (file.contentType.startsWith('text/') ? 'text' : 'other')
}

const megabytes = (bytes: number, locale: string) =>
  new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024))

const detailsOf = (err: ApiError) =>
  typeof err.details === 'object' && err.details !== null ? (err.details as Record<string, unknown>) : {}

/** Why a file was not attached, naming it; undefined when the person cancelled the upload. */
export function describeUploadError(err: unknown, name: string, i18n: I18n): string | undefined {
  const { t, locale } = i18n
  if (err instanceof DOMException && err.name === 'AbortError') return undefined
  if (!(err instanceof ApiError)) return t('attachments.error.failed', { name })
  const details = detailsOf(err)
  if (err.status === 413 || err.code === 'payload_too_large') {
    // The limit comes with a refusal made while the file streamed; one refused by its declared length has none.
    return typeof details.maxBytes === 'number'
      ? t('attachments.error.tooLarge', { name, max: megabytes(details.maxBytes, locale()) })
      : t('attachments.error.tooLargeNoLimit', { name })
  }
  if (err.status === 400 && details.reason === 'content_mismatch')
    return t('attachments.error.mismatch', {
      name: typeof details.name === 'string' ? details.name : name,
      detected: typeof details.detected === 'string' ? details.detected : '?',
    })
  if (err.status === 507 || err.code === 'insufficient_storage')
    return t('attachments.error.diskFull', { name })
  if (err.status === 503) return t('attachments.error.unavailable', { name })
  if (err.status === 403) return t('attachments.error.forbidden')
  if (err.status === 404) return t('attachments.error.notFound')
  if (err.status === 0) return t('attachments.error.network', { name })
  return `${t('attachments.error.failed', { name })} ${describeError(err, i18n).message}`
}

/** A file's name as markdown link text: brackets and backslashes escaped, on one line. */
export const markdownLabel = (name: string) => name.replace(/[\\[\]]/g, '\\$&').replace(/\s+/g, ' ')

/** What an editor shows while a file uploads: `![Uploading name…]()`. */
export const placeholderFor = (label: string) => `![${label}]()`

/** The markdown of an attached file: an image shows in place, any other file is a link. */
export const markdownFor = (a: { name: string; url: string; inline: boolean }) =>
  `${a.inline ? '!' : ''}[${markdownLabel(a.name)}](${a.url})`

/** `text` put in place of value[start, end); the caret goes after it. */
export function insertAt(value: string, start: number, end: number, text: string) {
  return { value: value.slice(0, start) + text + value.slice(end), caret: start + text.length }
}

/**
 * The first `search` in `value` replaced (the person may have typed around it meanwhile); the caret moved
 * by the change when it was after it. Unchanged when the placeholder was deleted.
 */
export function replaceOnce(value: string, search: string, replacement: string, caret: number) {
  const at = value.indexOf(search)
  if (at < 0) return { value, caret, found: false }
  const shift = replacement.length - search.length
  return {
    value: value.slice(0, at) + replacement + value.slice(at + search.length),
    caret: caret >= at + search.length ? caret + shift : Math.min(caret, at + replacement.length),
    found: true,
  }
}
