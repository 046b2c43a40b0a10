// HTTP route for exports: the whole workspace as JSON (or as a zip with its attached files), or one
// product as CSV or XLSX.
import { Readable } from 'node:stream'
import { z } from '@hono/zod-openapi'
import { invalid } from '../../lib/errors'
import { newApp, route, serviceContext } from '../../lib/route'
import { errors, Id, WsParams } from '../../lib/schemas'
import { recordNow } from '../audit/service'
import { productSheets, workspaceArchive, workspaceJson } from './service'
import { attachment, sheetsOf, toCsv, toXlsx } from './tabular'

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export const exportRoutes = newApp().openapi(
  route('export', {
    method: 'get',
    path: '/workspaces/{ws}/exports',
    tags: ['Exports'],
    summary:
      'Export: json = the whole workspace (format keel-workspace v1, re-importable into an empty workspace); archive = the same as workspace.json in a zip with every attached file as files/<sha256> (also re-importable); csv/xlsx = one product’s requirements and tasks',
    request: {
      params: WsParams,
      query: z.object({
        format: z.enum(['json', 'archive', 'csv', 'xlsx']),
        productId: Id.optional().openapi({ description: 'Required for csv and xlsx' }),
        lang: z.enum(['zh-CN', 'en']).default('en').openapi({ description: 'Headers and status words' }),
        sheet: z
          .enum(['requirements', 'tasks'])
          .optional()
          .openapi({ description: 'csv only: one table instead of both' }),
      }),
    },
    responses: {
      200: {
        description: 'The file, as an attachment',
        content: {
          'application/json': { schema: z.unknown() },
          'application/zip': {
            schema: z.string().openapi({
              format: 'binary',
              description: 'format=archive: workspace.json and files/<sha256> for each attached file',
            }),
          },
          'text/csv': { schema: z.string() },
          [XLSX_TYPE]: { schema: z.string().openapi({ format: 'binary' }) },
        },
      },
      ...errors,
    },
  }),
  async (c) => {
    const ctx = serviceContext(c)
    const { format, productId, lang, sheet } = c.req.valid('query')
    const day = ctx.deps.clock.now().toISOString().slice(0, 10)
    if (format !== 'json' && format !== 'archive' && productId === undefined)
      throw invalid('Choose a product: productId is required for csv and xlsx')
    // Data leaving Keel is a security event, logged before it leaves.
    await recordNow(ctx.deps, ctx.user.id, {
      action: 'export.downloaded',
      workspaceId: ctx.membership.workspaceId,
      details: { format, productId: productId ?? null, sheet: sheet ?? null },
    })
    if (format === 'json') {
      const { name, chunks } = await workspaceJson(ctx)
      const iterator = chunks()
      const encoder = new TextEncoder()
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          const next = iterator.next()
          if (next.done) controller.close()
          else controller.enqueue(encoder.encode(next.value))
        },
      })
      return c.body(stream, 200, {
        'content-type': 'application/json; charset=utf-8',
        'content-disposition': attachment(`keel-${name}-${day}.json`),
        'cache-control': 'no-store',
      })
    }
    if (format === 'archive') {
      const { name, stream } = await workspaceArchive(ctx)
      return c.body(Readable.toWeb(stream) as ReadableStream<Uint8Array>, 200, {
        'content-type': 'application/zip',
        'content-disposition': attachment(`keel-${name}-${day}.zip`),
        'cache-control': 'no-store',
      })
    }
    if (productId === undefined) throw invalid('Choose a product: productId is required for csv and xlsx')
    const data = await productSheets(ctx, productId)
    const sheets = sheetsOf(data, lang)
    if (format === 'csv') {
      const only = sheet === undefined ? undefined : sheet === 'requirements' ? 0 : 1
      return c.body(toCsv(sheets, only), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': attachment(`${data.productKey}-${sheet ?? 'backlog'}-${day}.csv`),
        'cache-control': 'no-store',
      })
    }
    const file = await toXlsx(sheets, data.productName)
    return c.body(new Uint8Array(file), 200, {
      'content-type': XLSX_TYPE,
      'content-disposition': attachment(`${data.productKey}-${day}.xlsx`),
      'cache-control': 'no-store',
    })
  },
)
