// The layers stay apart. Shared mechanisms know no feature (STYLE.md, convention 13): nothing in
// server/lib imports from server/features; what lib needs of a feature is handed in through AppDeps
// (built in createDeps()). domain/ (the vocabulary, workflows, limits, calendar) imports nothing, and the
// web app reads the domain, never a server feature (only the API's types, through server/routes).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
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

/** A relative specifier resolved to the module file it names, or undefined for a package. */
function moduleFile(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined
  const base = resolve(dirname(from), specifier)
  return ['.ts', '.tsx', '/index.ts', '/index.tsx', '']
    .map((ext) => base + ext)
    .find((p) => /\.tsx?$/.test(p) && existsSync(p))
}

/** Value imports only: `import type` and `export type` vanish at build time and cannot form a cycle at run time. */
const VALUE_SPECIFIER = /\b(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g
function valueImports(file: string): string[] {
  const text = readFileSync(file, 'utf8').replace(
    /^(?:import|export) type [^;]*?from\s*['"][^'"]+['"]/gms,
    '',
  )
  return [...text.matchAll(VALUE_SPECIFIER)]
    .map(([, specifier]) => moduleFile(file, specifier ?? ''))
    .filter((target): target is string => target !== undefined)
}

/** The groups of modules that import each other round in a circle (strongly connected, Tarjan). */
function cycles(files: string[]): string[][] {
  const edges = new Map(files.map((file) => [file, valueImports(file)]))
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const found: string[][] = []
  let next = 0
  const visit = (file: string) => {
    index.set(file, next)
    low.set(file, next++)
    stack.push(file)
    onStack.add(file)
    for (const target of edges.get(file) ?? []) {
      if (!edges.has(target)) continue
      if (!index.has(target)) {
        visit(target)
        low.set(file, Math.min(low.get(file)!, low.get(target)!))
      } else if (onStack.has(target)) low.set(file, Math.min(low.get(file)!, index.get(target)!))
    }
    if (low.get(file) === index.get(file)) {
      const group: string[] = []
      let member: string
      do {
        member = stack.pop()!
        onStack.delete(member)
        group.push(relative(root, member))
      } while (member !== file)
      if (group.length > 1) found.push(group.sort())
    }
  }
  for (const file of files) if (!index.has(file)) visit(file)
  return found
}

describe('architecture', () => {
  it('no modules import each other in a circle, on the server or in the web app', () => {
    expect(cycles(sources(join(root, 'server')))).toEqual([])
    expect(cycles(sources(join(root, 'web', 'src')))).toEqual([])
  })

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
