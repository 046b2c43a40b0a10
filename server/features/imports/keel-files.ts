// The attachments' files of a Keel workspace import: unpacked from the archive into the store's temporary
// folder (checked against their names there, see keel-archive.ts), typed again from their content as an
// upload is (the archive's contentType is never believed), kept only right before the write, and taken back
// when the write fails or does not use them. A preview and a refused archive keep nothing; a file kept for a
// write that then failed is removed at once, not an hour later by the sweep.
import type { AppDeps } from '../../lib/context'
import { AppError } from '../../lib/errors'
import type { Received } from '../../lib/files'
import { attachmentRepo } from '../attachments/repo'
import { cleanName, judgeType } from '../attachments/sniff'
import type { WorkspaceExport } from '../exports/workspace-json'
import type { KeelArchive } from './keel-archive'
import type { AttachmentFile } from './keel-plan'

/** What became of an attachment's file: received and typed, or refused for its content. */
export type JudgedFile = AttachmentFile | { refused: string }

export class ImportedFiles {
  /** Files moved into place by `keep` that were not on disk before: only these may be taken back. */
  private placed: string[] = []

  private constructor(
    private readonly deps: Pick<AppDeps, 'db' | 'files'>,
    private readonly received: Map<string, Received>,
    /** By the attachment's id in the document; absent: the import holds no file for it. */
    readonly judged: ReadonlyMap<number, JudgedFile>,
    /** Whether the import came with files at all (an archive), for the words of the warnings. */
    readonly archived: boolean,
    /** The received files some attachment may use (its content agrees with its name). */
    private readonly usable: ReadonlySet<string>,
  ) {}

  /**
   * Receives the files the document's attachments name from the archive (none without one) and judges
   * each attachment's type from its file's content and its name: an attachment whose content contradicts
   * its name is refused (and skipped by the plan). Refuses the whole archive (ImportFailure) when a file's
   * content does not hash to its entry's name; leaves nothing behind then.
   */
  static async receive(
    deps: Pick<AppDeps, 'db' | 'files'>,
    doc: WorkspaceExport,
    archive: KeelArchive | undefined,
  ): Promise<ImportedFiles> {
    const wanted = new Set(doc.attachments.map((a) => a.sha256).filter((sha) => archive?.files.has(sha)))
    const received = archive ? await archive.receive(deps.files, wanted) : new Map<string, Received>()
    const judged = new Map<number, JudgedFile>()
    const usable = new Set<string>()
    try {
      const heads = new Map<string, Buffer>()
      for (const a of doc.attachments) {
        const file = received.get(a.sha256)
        if (!file) continue
        let head = heads.get(a.sha256)
        if (!head) {
          head = await deps.files.head(file)
          heads.set(a.sha256, head)
        }
        const name = cleanName(a.name)
        try {
          judged.set(a.id, { name, size: file.size, contentType: await judgeType(file.path, head, name) })
          usable.add(a.sha256)
        } catch (err) {
          if (!(err instanceof AppError)) throw err
          judged.set(a.id, { refused: err.message })
        }
      }
    } catch (err) {
      for (const file of received.values()) await deps.files.discard(file)
      throw err
    }
    return new ImportedFiles(deps, received, judged, archive !== undefined, usable)
  }

  /** Moves the files some attachment may use into place, right before the write that names them. */
  async keep(): Promise<void> {
    for (const [sha, file] of [...this.received]) {
      if (!this.usable.has(sha)) continue
      this.received.delete(sha)
      if (await this.deps.files.keep(file)) this.placed.push(sha)
    }
  }

  /**
   * After the write (committed or not) or the preview: discards what was received and not kept, and removes
   * the files this import placed that no attachment names (its write failed, or did not use them).
   */
  async release(): Promise<void> {
    for (const file of this.received.values()) await this.deps.files.discard(file)
    this.received.clear()
    const placed = this.placed
    this.placed = []
    if (placed.length)
      await this.deps.files.removeUnreferenced(
        placed,
        (shas) => attachmentRepo.referenced(this.deps.db, shas),
        0,
      )
  }
}
