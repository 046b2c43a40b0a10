// An Excel upload is a zip, judged by its table of contents before anything is unpacked: zip bombs, too
// many parts, images and embedded objects, and a table of contents that understates a part are refused
// with a 400 that names the reason, and nothing is written.
import { crc32, deflateRawSync } from 'node:zlib'
import ExcelJS from 'exceljs'
import { describe, expect, test } from 'vitest'
import yauzl from 'yauzl'
import { makeApp } from '../helpers/app'
import { rowCounts, upload, workspaceWithProduct } from '../helpers/imports'

interface ZipPart {
  name: string
  data: Uint8Array
  /** The unpacked size the table of contents claims, when it lies. */
  declaredSize?: number
}

/**
 * Writes a zip (deflated parts, no zip64). Written here because no dependency writes zips (yauzl only
 * reads them) and a test must be able to write the sizes a hostile file would claim.
 */
function zip(parts: ZipPart[]): Uint8Array {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  const dosDate = ((2026 - 1980) << 9) | (1 << 5) | 1
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8')
    const packed = deflateRawSync(part.data)
    const crc = crc32(part.data)
    const size = part.declaredSize ?? part.data.length
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(0x0800, 6)
    local.writeUInt16LE(8, 8)
    local.writeUInt16LE(0, 10)
    local.writeUInt16LE(dosDate, 12)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(packed.length, 18)
    local.writeUInt32LE(size, 22)
    local.writeUInt16LE(name.length, 26)
    local.writeUInt16LE(0, 28)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(0x0800, 8)
    central.writeUInt16LE(8, 10)
    central.writeUInt16LE(0, 12)
    central.writeUInt16LE(dosDate, 14)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(packed.length, 20)
    central.writeUInt32LE(size, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, packed)
    centrals.push(central, name)
    offset += local.length + name.length + packed.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(parts.length, 8)
  end.writeUInt16LE(parts.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return new Uint8Array(Buffer.concat([...locals, directory, end]))
}

/** The parts of an ordinary workbook, as exceljs writes it: a header and two rows. */
async function workbookParts(): Promise<ZipPart[]> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Backlog')
  sheet.addRow(['Title', 'Type', 'Estimate'])
  sheet.addRow(['Andon board shows the stop reason', 'Story', 3])
  sheet.addRow(['Scanner drops the first read', 'Bug', 1])
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer())
  const archive = await yauzl.fromBufferPromise(bytes)
  const parts: ZipPart[] = []
  for await (const entry of archive.eachEntry()) {
    const chunks: Buffer[] = []
    for await (const chunk of await archive.openReadStreamPromise(entry)) chunks.push(chunk as Buffer)
    parts.push({ name: entry.fileName, data: Buffer.concat(chunks) })
  }
  return parts
}

async function importWorkbook(bytes: Uint8Array) {
  const t = makeApp()
  const { owner, ws, productId } = await workspaceWithProduct(t)
  const before = await rowCounts(t)
  const res = await upload(t, owner, ws, bytes, { productId, fileName: 'backlog.xlsx' })
  return { res, written: await rowCounts(t), before }
}

/** Refused with a 400 invalid_input whose message matches, and nothing written. */
async function expectRefused(bytes: Uint8Array, message: RegExp) {
  const { res, written, before } = await importWorkbook(bytes)
  expect(res.status, JSON.stringify(res.body)).toBe(400)
  expect(res.body.error.code).toBe('invalid_input')
  expect(res.body.error.message).toMatch(message)
  expect(written).toEqual(before)
  return res.body.error
}

const spaces = (megabytes: number) => new Uint8Array(megabytes * 1024 * 1024).fill(0x20)

describe('Excel uploads are judged by their table of contents', () => {
  test('an ordinary workbook, packed by hand, still imports', async () => {
    const { res } = await importWorkbook(zip(await workbookParts()))
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.counts.created).toBe(2)
  })

  test('a workbook with Excel’s printer settings still imports, but not with outsized ones', async () => {
    const settings = (bytes: number) => ({
      name: 'xl/printerSettings/printerSettings1.bin',
      data: Buffer.alloc(bytes, 7),
    })
    const { res } = await importWorkbook(zip([...(await workbookParts()), settings(4000)]))
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    await expectRefused(zip([...(await workbookParts()), settings(200_000)]), /printerSettings1\.bin/)
  })

  test('a zip bomb (8 MB of blanks packed into a few KB) is refused before it is unpacked', async () => {
    const bomb = zip([...(await workbookParts()), { name: 'customXml/item1.xml', data: spaces(8) }])
    expect(bomb.length).toBeLessThan(100_000)
    const error = await expectRefused(bomb, /customXml\/item1\.xml unpacks to 8 MB .*zip bomb/)
    expect(error.details).toMatchObject({ part: 'customXml/item1.xml', unpackedBytes: 8 * 1024 * 1024 })
  })

  test('a workbook of more than 10,000 parts is refused', async () => {
    const parts = await workbookParts()
    for (let i = 0; parts.length <= 10_000; i++)
      parts.push({ name: `customXml/item${i}.xml`, data: new TextEncoder().encode('<a/>') })
    const error = await expectRefused(zip(parts), /has 10,001 parts, over the limit of 10,000/)
    expect(error.details).toMatchObject({ parts: 10_001, limit: 10_000 })
  })

  test('a workbook holding an image is refused, naming the part', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48])
    const parts = [...(await workbookParts()), { name: 'xl/media/image1.png', data: png }]
    const error = await expectRefused(
      zip(parts),
      /holds xl\/media\/image1\.png, which is not spreadsheet data/,
    )
    expect(error.details).toMatchObject({ part: 'xl/media/image1.png' })
  })

  test('an embedded object is refused even when it is named like XML', async () => {
    const parts = [
      ...(await workbookParts()),
      { name: 'xl/embeddings/oleObject1.xml', data: new TextEncoder().encode('<x/>') },
    ]
    await expectRefused(zip(parts), /holds xl\/embeddings\/oleObject1\.xml/)
  })

  test('a part that unpacks to more than its table of contents claims is refused', async () => {
    const parts = [
      ...(await workbookParts()),
      { name: 'customXml/item1.xml', data: spaces(4), declaredSize: 1000 },
    ]
    await expectRefused(
      zip(parts),
      /customXml\/item1\.xml does not unpack to the size its table of contents gives/,
    )
  })
})
