// HTTP route for imports: a multipart upload answered with the preview (dryRun) or what was written.
import { z } from '@hono/zod-openapi'
import { AppError, invalid } from '../../lib/errors'
import { newApp, route, serviceContext } from '../../lib/route'
import { errors, Id, json, WsParams } from '../../lib/schemas'
import { ENCODINGS } from './encoding'
import { MappingSchema } from './mapping'
import { IMPORT_FORMATS } from './model'
import * as service from './service'

const tags = ['Imports']

const RowMessage = z.object({
  row: z.number(),
  column: z.string().optional(),
  message: z.string(),
  code: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
})
const KindCount = z.object({ created: z.number(), updated: z.number(), unchanged: z.number() })

const ImportResult = z
  .object({
    dryRun: z.boolean(),
    format: z.enum(IMPORT_FORMATS),
    encoding: z.string(),
    runId: z.number().nullable(),
    counts: z.object({
      created: z.number(),
      updated: z.number(),
      skipped: z.number(),
      requirements: z.number(),
      tasks: z.number(),
      bugs: z.number(),
      iterations: z.number(),
      releases: z.number(),
      modules: z.number(),
      comments: z.number(),
      attachments: z.number(),
      history: z.number(),
    }),
    byKind: z.record(z.string(), KindCount),
    mapping: z.object({
      type: z.record(z.string(), z.string()),
      requirementStatus: z.record(z.string(), z.string()),
      taskStatus: z.record(z.string(), z.string()),
      priority: z.record(z.string(), z.string()),
      columns: z.record(z.string(), z.string()).optional(),
    }),
    warnings: z.array(RowMessage),
    errors: z.array(RowMessage),
    rows: z
      .array(
        z.object({
          row: z.number(),
          sourceKey: z.string(),
          type: z.enum(['requirement', 'task', 'bug', 'chore', 'stability']),
          title: z.string(),
          status: z.string(),
          action: z.enum(['create', 'update']),
          key: z.string().nullable(),
        }),
      )
      .openapi({
        description:
          "Each requirement or task of the file, in the file's order: what it becomes and the key it has in Keel (null for a new item in a preview). The answer of an applied import maps each old key to its new one.",
      }),
  })
  .openapi('ImportResult')

const truthy = (v: string) => ['true', '1', 'on', 'yes'].includes(v.toLowerCase())

const ImportForm = z.object({
  file: z
    .custom<File>((v) => v instanceof File, { message: 'Attach the file as "file"' })
    .openapi({ type: 'string', format: 'binary' }),
  productId: Id.optional().openapi({
    description: 'The product to import into; required except for keel-json, which creates its products',
  }),
  format: z.enum(['auto', ...IMPORT_FORMATS]).default('auto'),
  encoding: z.enum(ENCODINGS).default('auto'),
  dryRun: z.string().max(5).default('true').transform(truthy).openapi({
    description: 'true (default): preview and write nothing; false: write everything in one transaction',
  }),
  mapping: z.string().max(200_000).optional().openapi({
    description:
      'JSON: {type?, requirementStatus?, taskStatus?, priority?, columns?} overriding the defaults',
  }),
})

export const importRoutes = newApp().openapi(
  route('import', {
    method: 'post',
    path: '/workspaces/{ws}/imports',
    tags,
    summary:
      'Import a Jira, ZenTao, GitHub, CSV or Excel file into a product, or a Keel workspace export (keel-json: the JSON, or the zip with its attached files) into the workspace: a preview (dryRun) or the write, in one transaction; re-importing updates by source key',
    request: {
      params: WsParams,
      body: { required: true, content: { 'multipart/form-data': { schema: ImportForm } } },
    },
    responses: {
      200: json(ImportResult),
      ...errors,
      413: {
        description: 'The file is over 50 MB (200 MB for a Keel workspace archive)',
        content: { 'application/json': { schema: errors[400].content['application/json'].schema } },
      },
    },
  }),
  async (c) => {
    const form = c.req.valid('form')
    // The finer limit (50 MB unless the file is a workspace archive) is the service's.
    if (form.file.size > service.MAX_ARCHIVE_IMPORT_BYTES)
      throw new AppError('payload_too_large', 'The file is over 200 MB')
    let mapping: unknown
    if (form.mapping) {
      try {
        mapping = JSON.parse(form.mapping)
      } catch {
        throw invalid('The mapping is not valid JSON', { column: 'mapping' })
      }
    }
    const parsedMapping = MappingSchema.safeParse(mapping ?? {})
    if (!parsedMapping.success) throw invalid('The mapping is not valid', parsedMapping.error.issues)
    const result = await service.importFile(serviceContext(c), {
      bytes: new Uint8Array(await form.file.arrayBuffer()),
      fileName: form.file.name,
      format: form.format,
      encoding: form.encoding,
      productId: form.productId,
      dryRun: form.dryRun,
      mapping: parsedMapping.data,
    })
    return c.json(result, 200)
  },
)
