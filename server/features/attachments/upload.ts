// Reads a multipart/form-data upload as it streams: the one part named `file` goes straight to disk
// (files.ts), counted against KEEL_MAX_UPLOAD_MB; nothing of the upload is held in memory.
import { Readable } from 'node:stream'
import type { ReadableStream as WebReadableStream } from 'node:stream/web'
import busboy from 'busboy'
import { AppError, invalid } from '../../lib/errors'
import type { FileStore, Received } from '../../lib/files'

const malformed = () =>
  invalid('The upload could not be read: it was cut off or is not valid multipart/form-data', {
    field: 'file',
  })

export function receiveUpload(
  request: { headers: Headers; body: ReadableStream<Uint8Array> | null },
  files: FileStore,
): Promise<{ name: string; received: Received }> {
  const contentType = request.headers.get('content-type') ?? ''
  if (!/^multipart\/form-data/i.test(contentType) || !request.body)
    return Promise.reject(
      invalid('Send the file as multipart/form-data, in a part named file', { field: 'file' }),
    )
  let parser: busboy.Busboy
  try {
    parser = busboy({
      headers: { 'content-type': contentType },
      limits: { files: 1, fileSize: files.maxBytes, fields: 8, fieldSize: 1024, parts: 10 },
      defParamCharset: 'utf8',
    })
  } catch {
    return Promise.reject(malformed())
  }
  const source = Readable.fromWeb(request.body as WebReadableStream<Uint8Array>)
  return new Promise((resolve, reject) => {
    let started = false
    parser.on('file', (field, stream, info) => {
      if (field !== 'file' || started) {
        stream.resume()
        return
      }
      started = true
      // A body cut short errors the part; receive() sees it through its pipeline (this keeps it handled
      // while the temporary folder is being made).
      stream.on('error', () => {})
      let cut = false
      stream.on('limit', () => {
        cut = true
      })
      void files
        .receive(stream, () => cut)
        .then(
          (received) => resolve({ name: info.filename ?? 'file', received }),
          (err) => reject(err instanceof AppError ? err : malformed()),
        )
    })
    parser.on('error', () => {
      if (!started) reject(malformed())
    })
    parser.on('close', () => {
      if (!started) reject(invalid('No file: send it in a part named file', { field: 'file' }))
    })
    source.on('error', (err) => {
      // The body limit (lib: limitBody) ends a chunked body that runs past the largest upload.
      if (!started) reject(err instanceof AppError ? err : malformed())
      parser.destroy(err)
    })
    source.pipe(parser)
  })
}
