// What a file is, judged from its content (file-type reads the magic numbers, and inside zip containers for
// Office files); the name only has to agree. A file whose content contradicts its name is refused: a
// "report.pdf" that is really an executable never reaches a colleague's disk under a trusted name.
import { fileTypeFromFile } from 'file-type'
import { invalid } from '../../lib/errors'

/** Images shown in the page (and in a lightbox); every other type is offered as a download. SVG is not one. */
export const INLINE_IMAGES = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/bmp',
])

const OOXML = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
}
const CFB = 'application/x-cfb' // the container of .doc, .xls, .ppt, .msg

/** Extensions whose content file-type recognises, and the types that content may be. */
const BINARY_EXTENSIONS: Record<string, readonly string[]> = {
  png: ['image/png', 'image/apng'],
  apng: ['image/apng', 'image/png'],
  jpg: ['image/jpeg'],
  jpeg: ['image/jpeg'],
  gif: ['image/gif'],
  webp: ['image/webp'],
  avif: ['image/avif'],
  bmp: ['image/bmp'],
  tif: ['image/tiff'],
  tiff: ['image/tiff'],
  ico: ['image/x-icon'],
  heic: ['image/heic', 'image/heif'],
  pdf: ['application/pdf'],
  zip: ['application/zip', OOXML.docx, OOXML.xlsx, OOXML.pptx],
  docx: [OOXML.docx, 'application/zip'],
  xlsx: [OOXML.xlsx, 'application/zip'],
  pptx: [OOXML.pptx, 'application/zip'],
  doc: [CFB],
  xls: [CFB],
  ppt: [CFB],
  msg: [CFB],
  gz: ['application/gzip'],
  tgz: ['application/gzip'],
  '7z': ['application/x-7z-compressed'],
  rar: ['application/x-rar-compressed', 'application/vnd.rar'],
  mp4: ['video/mp4'],
  m4v: ['video/x-m4v', 'video/mp4'],
  mov: ['video/quicktime'],
  webm: ['video/webm', 'audio/webm'],
  mp3: ['audio/mpeg'],
  wav: ['audio/wav', 'audio/vnd.wave', 'audio/x-wav'],
}

/** Text extensions and the type a text file so named is given. */
const TEXT_EXTENSIONS: Record<string, string> = {
  txt: 'text/plain',
  log: 'text/plain',
  md: 'text/markdown',
  markdown: 'text/markdown',
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  json: 'application/json',
  xml: 'application/xml',
  yaml: 'application/yaml',
  yml: 'application/yaml',
  svg: 'image/svg+xml',
  html: 'text/html',
  htm: 'text/html',
}

const KIND_NAMES: Record<string, string> = {
  'image/png': 'a PNG image',
  'image/jpeg': 'a JPEG image',
  'image/gif': 'a GIF image',
  'application/pdf': 'a PDF document',
  'application/zip': 'a zip archive',
  'application/x-msdownload': 'a Windows program',
  'application/x-elf': 'a Linux program',
  'text/plain': 'text',
}

const extensionOf = (name: string) => /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase()

/** UTF-8 (or UTF-16 with its byte-order mark) without NUL characters: the start of a text file. */
function looksLikeText(head: Buffer): boolean {
  if (head.length === 0) return true
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return true
  if (head.includes(0)) return false
  try {
    // `stream: true` forgives a character cut at the end of the sample.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true })
    return true
  } catch {
    return false
  }
}

/**
 * The content type of a received file, from its content; 400 (naming both) when the content is not what
 * the name's extension says. A name without a known extension takes whatever the content is.
 */
export async function judgeType(path: string, head: Buffer, name: string): Promise<string> {
  const ext = extensionOf(name)
  const detected = await fileTypeFromFile(path).catch(() => undefined)
  const mismatch = (is: string) =>
    invalid(`The file’s content is not what its name says: “${name}” is ${KIND_NAMES[is] ?? is}`, {
      field: 'file',
      reason: 'content_mismatch',
      name,
      detected: is,
    })
  if (detected) {
    if (ext && BINARY_EXTENSIONS[ext] && !BINARY_EXTENSIONS[ext].includes(detected.mime))
      throw mismatch(detected.mime)
    if (ext && TEXT_EXTENSIONS[ext]) {
      // file-type reads XML-ish text as xml; SVG and HTML are text and keep their own type.
      if (detected.mime === 'application/xml' || detected.mime === 'image/svg+xml')
        return TEXT_EXTENSIONS[ext]
      throw mismatch(detected.mime)
    }
    return detected.mime
  }
  const text = looksLikeText(head)
  if (ext && BINARY_EXTENSIONS[ext]) throw mismatch(text ? 'text/plain' : 'application/octet-stream')
  if (!text) return 'application/octet-stream'
  return (ext && TEXT_EXTENSIONS[ext]) || 'text/plain'
}

/** A name safe to show and to offer on download: no folders, no control characters, at most 200 characters. */
export function cleanName(name: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .normalize('NFC')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
    .replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '')
    .trim()
  if (base === '' || base === '.' || base === '..') return 'file'
  if (base.length <= 200) return base
  const ext = extensionOf(base)
  return ext && ext.length < 20 ? `${base.slice(0, 199 - ext.length)}.${ext}` : base.slice(0, 200)
}
