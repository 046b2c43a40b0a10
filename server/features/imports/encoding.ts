// Turns the uploaded bytes into text. ZenTao exports UTF-8 (no BOM) or GBK; Excel writes UTF-8 with a
// BOM or UTF-16. Strict UTF-8 first; a byte sequence that is not UTF-8 means GBK (Node's TextDecoder
// knows it); anything that is neither is refused with the place it breaks, so the user can choose.
import { ImportFailure } from './model'

export const ENCODINGS = ['auto', 'utf-8', 'gbk', 'gb18030', 'big5', 'utf-16le', 'utf-16be'] as const
export type Encoding = (typeof ENCODINGS)[number]

export interface DecodedText {
  text: string
  encoding: Exclude<Encoding, 'auto'>
}

export function decodeText(bytes: Uint8Array, encoding: Encoding = 'auto'): DecodedText {
  if (encoding !== 'auto') return { text: strict(bytes, encoding), encoding }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: strict(bytes.subarray(3), 'utf-8'), encoding: 'utf-8' }
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: strict(bytes.subarray(2), 'utf-16le'), encoding: 'utf-16le' }
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: strict(bytes.subarray(2), 'utf-16be'), encoding: 'utf-16be' }
  const nul = bytes.subarray(0, 4096).indexOf(0)
  if (nul >= 0) {
    throw new ImportFailure(
      `This is not a text file (a zero byte at offset ${nul}); choose the right format, or the encoding if it is UTF-16`,
      { offset: nul },
    )
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' }
  } catch {
    // Not UTF-8: Chinese Windows and ZenTao's "GBK" export.
  }
  try {
    return { text: new TextDecoder('gbk', { fatal: true }).decode(bytes), encoding: 'gbk' }
  } catch {
    const at = firstBadUtf8(bytes)
    throw new ImportFailure(
      `The file is neither UTF-8 nor GBK (the first byte that is not UTF-8 is at line ${lineAt(bytes, at)}, offset ${at}); choose its encoding`,
      { offset: at, line: lineAt(bytes, at) },
    )
  }
}

function strict(bytes: Uint8Array, encoding: Exclude<Encoding, 'auto'>): string {
  try {
    const text = new TextDecoder(encoding, { fatal: true }).decode(bytes)
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  } catch {
    const at = encoding === 'utf-8' ? firstBadUtf8(bytes) : undefined
    throw new ImportFailure(
      at === undefined
        ? `The file is not valid ${encoding.toUpperCase()}; choose another encoding`
        : `The file is not valid UTF-8 (line ${lineAt(bytes, at)}, offset ${at}); choose another encoding, e.g. GBK`,
      { encoding, ...(at === undefined ? {} : { offset: at, line: lineAt(bytes, at) }) },
    )
  }
}

/** The offset of the first byte that breaks UTF-8. */
function firstBadUtf8(bytes: Uint8Array): number {
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i]!
    const need =
      b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1
    if (need < 0) return i
    for (let k = 1; k <= need; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i
    i += need + 1
  }
  return i
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++
  return line
}
