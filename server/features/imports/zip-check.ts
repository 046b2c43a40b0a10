// Judges an uploaded workbook (a zip) by its table of contents before exceljs unpacks it: exceljs
// inflates every part of the archive into memory, so a zip bomb, a workbook of a million parts or one
// stuffed with images would take the server down before a single row is read. The central directory is
// read with yauzl, which inflates nothing; the declared sizes are then held to account by inflating each
// part once through yauzl (streamed and thrown away), which fails at the first byte beyond the size the
// directory promised, because exceljs (through JSZip) would believe a directory that understates a part.
import type { Readable } from 'node:stream'
import yauzl from 'yauzl'
import { ImportFailure } from './model'

export const ZIP_LIMITS = {
  /** Everything in the archive, unpacked. */
  totalBytes: 100 * 1024 * 1024,
  parts: 10_000,
  /** Unpacked : packed, for a part (or the whole archive) over `ratioFloorBytes` unpacked. */
  ratio: 100,
  ratioFloorBytes: 1024 * 1024,
}

/** The parts a workbook is made of that exceljs reads: spreadsheet XML, relationships, legacy comment drawings. */
const SPREADSHEET_PART = /\.(?:xml|rels|vml)$/i
/** Images, embedded documents and OLE objects: never needed to read rows, even when named .xml. */
const MEDIA_FOLDER = /^\/?xl\/(?:media|embeddings)\//i
/**
 * Printer settings, which Excel writes into any workbook whose page setup was touched: binary, but small
 * and never read. Refusing them would refuse ordinary files; they are allowed up to a small size.
 */
const PRINTER_SETTINGS = /^\/?xl\/printerSettings\/printerSettings\d+\.bin$/i
const PRINTER_SETTINGS_MAX_BYTES = 64 * 1024

export const MB = (bytes: number) => `${Math.ceil(bytes / (1024 * 1024)).toLocaleString('en')} MB`

const refuse = (message: string, details: Record<string, unknown>): never => {
  throw new ImportFailure(message, { format: 'xlsx', ...details })
}

/** How the checks of a zip name what they refuse, and how they refuse it. */
export interface ZipWords {
  /** One entry: "workbook part". */
  part: string
  /** The zip: "workbook". */
  whole: string
  /** Whose packing it is not: "Excel does not use". */
  packer: string
  refuse: (message: string, details: Record<string, unknown>) => never
}

const WORKBOOK: ZipWords = { part: 'workbook part', whole: 'workbook', packer: 'Excel does not use', refuse }

/** An entry encrypted, packed other than stored or deflated, or unpacking past ZIP_LIMITS.ratio: refused. */
export function checkEntryPacking(entry: yauzl.Entry, w: ZipWords): void {
  const part = entry.fileName
  if (entry.isEncrypted() || (entry.compressionMethod !== 0 && entry.compressionMethod !== 8))
    w.refuse(`The ${w.part} ${part} is encrypted or packed in a way ${w.packer}`, { part })
  if (tooPacked(entry.uncompressedSize, entry.compressedSize))
    w.refuse(
      `The ${w.part} ${part} unpacks to ${MB(entry.uncompressedSize)} from ${entry.compressedSize.toLocaleString('en')} bytes, more than ${ZIP_LIMITS.ratio} times its size (a zip bomb?): it cannot be imported`,
      { part, unpackedBytes: entry.uncompressedSize, packedBytes: entry.compressedSize },
    )
}

/** The whole zip unpacks to at most `limit`, and to at most ZIP_LIMITS.ratio times its packed size. */
export function checkZipTotals(unpacked: number, packed: number, limit: number, w: ZipWords): void {
  if (unpacked > limit)
    w.refuse(
      `The ${w.whole} unpacks to ${MB(unpacked)}, over the limit of ${MB(limit)}: it cannot be imported`,
      {
        unpackedBytes: unpacked,
        limit,
      },
    )
  if (tooPacked(unpacked, packed))
    w.refuse(
      `The ${w.whole} unpacks to ${MB(unpacked)} from ${MB(packed)}, more than ${ZIP_LIMITS.ratio} times its size (a zip bomb?): it cannot be imported`,
      { unpackedBytes: unpacked, packedBytes: packed },
    )
}

/** Throws an ImportFailure (a 400 naming the part) unless the workbook is safe to hand to exceljs. */
export async function checkWorkbookZip(bytes: Uint8Array): Promise<void> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let zip: yauzl.ZipFile
  try {
    zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, validateEntrySizes: true })
  } catch (err) {
    return refuse(`Not a readable Excel (.xlsx) file: ${messageOf(err)}`, {})
  }
  if (zip.entryCount > ZIP_LIMITS.parts)
    refuse(
      `The workbook has ${zip.entryCount.toLocaleString('en')} parts, over the limit of ${ZIP_LIMITS.parts.toLocaleString('en')}: it cannot be imported`,
      { parts: zip.entryCount, limit: ZIP_LIMITS.parts },
    )
  const entries: yauzl.Entry[] = []
  try {
    for await (const entry of zip.eachEntry()) entries.push(entry)
  } catch (err) {
    return refuse(`Not a readable Excel (.xlsx) file: ${messageOf(err)}`, {})
  }

  let unpacked = 0
  let packed = 0
  for (const entry of entries) {
    const part = entry.fileName
    if (part.endsWith('/')) continue
    const printerSettings =
      PRINTER_SETTINGS.test(part) && entry.uncompressedSize <= PRINTER_SETTINGS_MAX_BYTES
    if (!printerSettings && (MEDIA_FOLDER.test(part) || !SPREADSHEET_PART.test(part)))
      refuse(
        `The workbook holds ${part}, which is not spreadsheet data (an image, an embedded object or a macro): remove it, or save the sheet as CSV, and import again`,
        { part },
      )
    checkEntryPacking(entry, WORKBOOK)
    unpacked += entry.uncompressedSize
    packed += entry.compressedSize
  }
  checkZipTotals(unpacked, packed, ZIP_LIMITS.totalBytes, WORKBOOK)

  // The directory passed: now make sure it told the truth.
  for (const entry of entries) {
    if (entry.fileName.endsWith('/')) continue
    try {
      await drain(await openReadStream(zip, entry))
    } catch (err) {
      refuse(
        `The workbook part ${entry.fileName} does not unpack to the size its table of contents gives: ${messageOf(err)}`,
        { part: entry.fileName },
      )
    }
  }
}

/** Unpacks to more than `ZIP_LIMITS.ratio` times its packed size (and is big enough for that to matter). */
export const tooPacked = (unpacked: number, packed: number) =>
  unpacked > ZIP_LIMITS.ratioFloorBytes && unpacked > ZIP_LIMITS.ratio * packed

export const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err))

export function openReadStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => (err ? reject(err) : resolve(stream)))
  })
}

async function drain(stream: Readable): Promise<void> {
  for await (const _chunk of stream) {
    // Only the count matters, and yauzl keeps it: it fails the stream past the declared size.
  }
}
