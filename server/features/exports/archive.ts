// The workspace archive (format=archive): a zip of the workspace document as workspace.json and of each
// attached file as files/<sha256>, written while it is sent. yazl pumps one entry at a time and opens a
// file only when its turn comes, so one file is open at a time and nothing is held whole in memory.
import { Readable } from 'node:stream'
import { ZipFile } from 'yazl'
import type { FileStore } from '../../lib/files'

export const ARCHIVE_DOCUMENT = 'workspace.json'
export const ARCHIVE_FILES = 'files/'

/**
 * The zip as a stream: `document` (the JSON text in chunks) first, then each file of `shas` as stored on
 * disk. Files are stored, not deflated: most attachments (images, PDFs, Office files) are compressed
 * already, and a stored entry never looks like a zip bomb to the importer. A file that disappears while the
 * archive is written (it was on disk a moment ago) fails the stream: a cut download, never a wrong file.
 */
export function zipWorkspace(
  document: Iterable<string>,
  files: FileStore,
  shas: readonly string[],
  mtime: Date,
): Readable {
  const zip = new ZipFile()
  const output = zip.outputStream as Readable
  let reading: Readable | undefined
  const fail = (err: Error) => {
    reading?.destroy()
    output.destroy(err)
  }
  zip.on('error', fail)
  // The client went away (or the stream failed): close the file being read.
  output.on('close', () => reading?.destroy())
  const chunks = function* () {
    for (const chunk of document) yield Buffer.from(chunk)
  }
  zip.addReadStream(Readable.from(chunks()), ARCHIVE_DOCUMENT, { mtime })
  for (const sha of shas) {
    zip.addReadStreamLazy(`${ARCHIVE_FILES}${sha}`, { compress: false, mtime }, (ready) => {
      void files.read(sha).then(
        (stream) => {
          if (!stream) return fail(new Error(`The file ${sha} left the disk while the archive was written`))
          reading = stream
          stream.on('error', fail)
          ready(null, stream)
        },
        (err: Error) => fail(err),
      )
    })
  }
  zip.end()
  return output
}
