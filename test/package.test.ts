// The two packages as they are published and installed: the library `gradfold` depends on fp-ts
// and io-ts alone, its root entry (as built into dist/ by `npm run build`, bundle.js) reaches no
// other package and not the teaching material, `gradfold/check` (fast-check an optional peer) and
// `gradfold/teach` exist beside it, and the CLI,
// `gradfold-cli` in cli/, carries the rendering packages and links the library from this
// repository, never from the registry. Nothing here is timed.

import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { describe, expect, test } from 'vitest'
import * as source from '../src/index.js'
import * as sourceCheck from '../src/check/index.js'
import * as sourceTeach from '../src/teach/index.js'

const repository = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const readJson = (path: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(repository, path), 'utf8')) as Record<string, unknown>

const manifest = readJson('package.json')
const cliManifest = readJson('cli/package.json')
const exportsMap = manifest.exports as Record<string, { types: string; import: string } | string>

/** The packages (and node: modules) a built module reaches through its static imports. */
const builtGraph = (entry: string): { files: string[]; packages: string[] } => {
  const files = new Set<string>()
  const packages = new Set<string>()
  const visit = (path: string): void => {
    if (files.has(path)) return
    files.add(path)
    const code = readFileSync(path, 'utf8')
    for (const match of code.matchAll(/^\s*(?:import|export)\b[^'"`;]*?['"]([^'"]+)['"]/gmu)) {
      const specifier = match[1] ?? ''
      if (specifier.startsWith('.')) visit(resolve(dirname(path), specifier))
      else if (specifier.startsWith('node:')) packages.add(specifier)
      else
        packages.add(
          specifier
            .split('/')
            .slice(0, specifier.startsWith('@') ? 2 : 1)
            .join('/'),
        )
    }
  }
  visit(entry)
  return { files: [...files].map((path) => relative(repository, path)), packages: [...packages] }
}

const built = (path: string): string => {
  const absolute = join(repository, path)
  if (!existsSync(absolute)) throw new Error(`${path} is missing: run npm run build (npm ci does)`)
  return absolute
}

describe('the library package (gradfold)', () => {
  test('its runtime dependencies are exactly fp-ts and io-ts', () => {
    expect(Object.keys(manifest.dependencies as object).sort()).toStrictEqual(['fp-ts', 'io-ts'])
  })

  test('fast-check is an optional peer dependency (and a dev dependency for the tests)', () => {
    expect(Object.keys(manifest.peerDependencies as object)).toStrictEqual(['fast-check'])
    expect(manifest.peerDependenciesMeta).toStrictEqual({ 'fast-check': { optional: true } })
    expect(Object.keys(manifest.devDependencies as object)).toContain('fast-check')
  })

  test('exports the root entry, gradfold/check and gradfold/teach, and nothing deeper', () => {
    expect(Object.keys(exportsMap)).toStrictEqual(['.', './check', './teach', './package.json'])
    expect(exportsMap['.']).toStrictEqual({
      types: './dist/index.d.ts',
      import: './dist/index.js',
    })
    expect(exportsMap['./check']).toStrictEqual({
      types: './dist/check/index.d.ts',
      import: './dist/check/index.js',
    })
    expect(exportsMap['./teach']).toStrictEqual({
      types: './dist/teach/index.d.ts',
      import: './dist/teach/index.js',
    })
    expect(manifest.bin).toBeUndefined()
  })

  test('the built root entry reaches fp-ts and io-ts and no other package', () => {
    const { files, packages } = builtGraph(built('dist/index.js'))
    expect(packages.filter((name) => !name.startsWith('node:')).sort()).toStrictEqual([
      'fp-ts',
      'io-ts',
    ])
    // one bundled file and the chunks it shares with the other entries and the helper thread
    expect(files.length).toBeLessThan(10)
    expect(files).not.toContain(join('dist', 'teach', 'index.js'))
  })

  test('gradfold/teach is built and needs no package but the library’s own', async () => {
    built('dist/teach/index.d.ts')
    const { files, packages } = builtGraph(built('dist/teach/index.js'))
    expect(packages.filter((name) => !name.startsWith('node:')).sort()).toStrictEqual([
      'fp-ts',
      'io-ts',
    ])
    expect(files).not.toContain(join('dist', 'check', 'index.js'))
    const teach = (await import(
      pathToFileURL(built('dist/teach/index.js')).href
    )) as typeof sourceTeach
    expect(teach.languages).toStrictEqual(['en', 'ru'])
    expect(Object.keys(teach).sort()).toStrictEqual(Object.keys(sourceTeach).sort())
  })

  test('gradfold/check is built, and it is where fast-check comes in', () => {
    built('dist/check/index.d.ts')
    const { packages } = builtGraph(built('dist/check/index.js'))
    expect(packages.filter((name) => !name.startsWith('node:')).sort()).toStrictEqual([
      'fast-check',
      'fp-ts',
      'io-ts',
    ])
  })

  test('gradfold/check holds the laws and arbitraries, and the root’s gradient check itself', () => {
    expect(Object.keys(source.check).sort()).toStrictEqual(['gradientCheck', 'relativeError'])
    expect(sourceCheck.gradientCheck).toBe(source.check.gradientCheck)
    expect(sourceCheck.relativeError).toBe(source.check.relativeError)
    for (const name of ['checkPrimitive', 'matrix', 'networkCase', 'lawCases']) {
      expect(Object.keys(sourceCheck)).toContain(name)
    }
  })

  test('built, both entries share one gradient check (the same function object)', async () => {
    const root = (await import(pathToFileURL(built('dist/index.js')).href)) as typeof source
    const check = (await import(
      pathToFileURL(built('dist/check/index.js')).href
    )) as typeof sourceCheck
    expect(check.gradientCheck).toBe(root.check.gradientCheck)
    expect(typeof check.checkPrimitive).toBe('function')
  })

  test('the helper thread’s script is built where the bundled pool looks for it', () => {
    built('dist/train/parallel/shard-worker.js')
  })
})

describe('the CLI package (gradfold-cli)', () => {
  test('is the gradfold command, packable, depending on the library in this repository', () => {
    expect(cliManifest.name).toBe('gradfold-cli')
    expect(cliManifest.bin).toStrictEqual({ gradfold: './dist/bin.js' })
    // reference: the notebook's numbers the tour prints; data: the digits `{ "name": "digits" }` reads
    expect(cliManifest.files).toStrictEqual(['dist', 'reference', 'data'])
    expect((cliManifest.dependencies as Record<string, string>).gradfold).toBe('file:..')
  })

  test('carries the rendering packages the library no longer does', () => {
    const dependencies = Object.keys(cliManifest.dependencies as object)
    for (const name of [
      'vega',
      'vega-lite',
      '@resvg/resvg-js',
      'katex',
      '@hpcc-js/wasm-graphviz',
      'dejavu-fonts-ttf',
    ]) {
      expect(dependencies).toContain(name)
    }
  })

  test('npm ci links the library from this repository instead of fetching it', () => {
    const lock = readJson('package-lock.json') as {
      packages: Record<string, { link?: boolean; resolved?: string }>
    }
    expect(lock.packages['node_modules/gradfold']).toStrictEqual({ resolved: '', link: true })
    expect(lock.packages['node_modules/gradfold-cli']).toStrictEqual({
      resolved: 'cli',
      link: true,
    })
  })
})
