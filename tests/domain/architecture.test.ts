// The layers stay apart. Shared mechanisms know no feature (STYLE.md, convention 13): nothing in
// server/lib imports from server/features; what lib needs of a feature is handed in through AppDeps
// (built in createDeps()). domain/ (the vocabulary, workflows, limits, calendar) imports nothing, and the
// web app reads the domain, never a server feature (only the API's types, through server/routes).
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

/** Every import specifier of a module, resolved to a path when relative. */
function imports(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(SPECIFIER)]
    .map(([, specifier]) => specifier ?? '')
    .filter(Boolean)
    .map((specifier) => (specifier.startsWith('.') ? resolve(dirname(file), specifier) : specifier))
}

const sources = (dir: string) =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.tsx?$/.test(name))
    .map((name) => join(dir, name))

describe('architecture', () => {
  it('domain/ imports nothing outside itself', () => {
    const domain = join(root, 'domain')
    const outside = sources(domain).flatMap((file) =>
      imports(file)
        .filter((target) => !target.startsWith(domain + sep))
        .map((target) => `${relative(root, file)} → ${target}`),
    )
    expect(outside).toEqual([])
  })

  it('the web app imports no server code but the API’s types', () => {
    const server = join(root, 'server')
    const reaching = sources(join(root, 'web', 'src')).flatMap((file) =>
      imports(file)
        .filter((target) => target.startsWith(server + sep) && target !== join(server, 'routes'))
        .map((target) => `${relative(root, file)} → ${relative(root, target)}`),
    )
    expect(reaching).toEqual([])
  })

  it('server/lib imports nothing from server/features', () => {
    const files = readdirSync(lib, { recursive: true, encoding: 'utf8' })
      .filter((name) => /\.tsx?$/.test(name))
      .map((name) => join(lib, name))
    expect(files.length).toBeGreaterThan(0)
    expect(files.flatMap(featureImports)).toEqual([])
  })
})
