// Zod pieces reused across features: ids, names, texts, the error response and list envelopes.
import { z } from '@hono/zod-openapi'
import { IMPORT_SOURCES } from '../../db/schema'
import { DATE_WINDOW, FIELD_LIMITS, inDateWindow } from '../../domain/limits'
import { invalid } from './errors'

export const LIMITS = FIELD_LIMITS

export const Id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER)
/** A list of ids that names each at most once: a repeated id is a mistake (400), never a duplicate row (500). */
export const IdSet = (max: number) =>
  z
    .array(Id)
    .max(max)
    .refine((ids) => new Set(ids).size === ids.length, { message: 'Each id may appear only once' })
export const Name = z.string().trim().min(1).max(LIMITS.name)
export const Text = z.string().max(LIMITS.text)
export const Email = z
  .string()
  .trim()
  .max(LIMITS.name)
  .pipe(z.email())
  .transform((e) => e.toLowerCase())
export const Password = z.string().min(LIMITS.password.min).max(LIMITS.password.max)

/** `{id}` in the path of a record outside any workspace (an account, a provider, a token). */
export const IdParams = z.object({ id: Id.openapi({ param: { name: 'id', in: 'path' }, example: 1 }) })
export const WsParams = z.object({ ws: Id.openapi({ param: { name: 'ws', in: 'path' }, example: 1 }) })
export const WsIdParams = WsParams.extend({
  id: Id.openapi({ param: { name: 'id', in: 'path' }, example: 1 }),
})

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'invalid_input' }),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .openapi('Error')

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ErrorSchema } },
})

/** The error answers every route may give, merged into each route's `responses`. */
export const errors = {
  400: errorResponse('Invalid input'),
  401: errorResponse('Not logged in'),
  403: errorResponse('Not allowed'),
  404: errorResponse('Not found'),
  409: errorResponse('Conflict'),
  429: errorResponse('Too many attempts'),
} as const

export const json = <T extends z.ZodType>(schema: T, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
})

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
})

export const noContent = { description: 'Done' } as const

/** Optimistic concurrency: the version from If-Match or the body. */
export function expectedVersion(
  ifMatch: string | undefined,
  bodyVersion: number | undefined,
): number | undefined {
  if (ifMatch !== undefined) {
    const n = Number(ifMatch.replace(/^W\//, '').replaceAll('"', ''))
    if (!Number.isSafeInteger(n)) throw invalid('If-Match must be the version number of the item')
    return n
  }
  return bodyVersion
}

export const IfMatch = z.object({ 'if-match': z.string().max(40).optional() })

/** A calendar date `YYYY-MM-DD` that exists, in DATE_WINDOW. */
export const DateOnly = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD')
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    { message: 'Not a real date' },
  )
  .refine(inDateWindow, { message: `Dates lie between ${DATE_WINDOW.min} and ${DATE_WINDOW.max}` })
  .openapi({ example: '2026-12-01' })

/** A moment as ISO 8601 with a time zone (`2026-12-01T08:00:00Z`), in DATE_WINDOW. */
export const Instant = z.iso
  .datetime({ offset: true })
  .refine((d) => !Number.isNaN(Date.parse(d)) && inDateWindow(new Date(d).toISOString()), {
    message: `Dates lie between ${DATE_WINDOW.min} and ${DATE_WINDOW.max}`,
  })
  .openapi({ example: '2026-12-01T08:00:00Z' })

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/

/**
 * Text to search for: trimmed, at most 200 characters, and no control characters (a NUL, a bell…),
 * which no one types and which full-text and LIKE matching must never see.
 */
export const SearchText = z
  .string()
  .trim()
  .max(200)
  .refine((s) => !CONTROL_CHARACTER.test(s), { message: 'Search text cannot contain control characters' })

/** Points (estimates, effort, capacity): 0 to 1,000. */
export const Points = z.number().min(0).max(1000)

export const ProductParams = WsParams.extend({
  productId: Id.openapi({ param: { name: 'productId', in: 'path' }, example: 1 }),
})

/** A comma-separated list in a query string: `?status=draft,approved`. */
export const csv = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .max(1000)
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).max(50))

/** A bearer token as listed (API and SCIM tokens): never its secret, only the first characters. */
export const TokenListed = z.object({
  id: z.number(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
})

export const Paging = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z
    .string()
    .regex(/^\d{1,9}$/)
    .optional()
    .openapi({ description: 'The nextCursor of the previous page' }),
})

/** The next page's cursor of an offset-paged list, or null at the end. */
export const nextCursor = (offset: number, limit: number, got: number) =>
  got === limit ? String(offset + limit) : null

/** Where an imported requirement or task came from: the system and the key it had there. */
export const ImportedFrom = z
  .object({ source: z.enum(IMPORT_SOURCES), key: z.string() })
  .nullable()
  .openapi('ImportedFrom')
