// Shared mechanisms know no feature (STYLE.md, convention 13): nothing in server/lib imports from
// server/features; what lib needs of a feature is handed in through AppDeps (built in createDeps()).
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const lib = join(root, 'server', 'lib')
const features = join(root, 'server', 'features')

/** Module specifiers of imports, re-exports (type-only ones too) and dynamic imports. */
const SPECIFIER = /\b(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g

/** The `file → specifier` pairs of a module that reach into server/features. */
function featureImports(file: string): string[] {
  const found: string[] = []
  for (const [, specifier] of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
    if (!specifier) continue
    const target = specifier.startsWith('.') ? resolve(dirname(file), specifier) : specifier
    if (target === features || target.startsWith(features + sep) || /(^|\/)features\//.test(specifier))
      found.push(`${relative(root, file)} → ${specifier}`)
  }
  return found
}

describe('architecture', () => {
  it('server/lib imports nothing from server/features', () => {
    const files = readdirSync(lib, { recursive: true, encoding: 'utf8' })
      .filter((name) => /\.tsx?$/.test(name))
      .map((name) => join(lib, name))
    expect(files.length).toBeGreaterThan(0)
    expect(files.flatMap(featureImports)).toEqual([])
  })
})
