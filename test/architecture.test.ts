// The import rule of docs/architecture.md: a layer imports only from itself and the layers above
// it; no module outside src/io performs effects through Node's built-in modules.

import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'

const layers = [
  'linalg',
  'random',
  'graph',
  'network',
  'check',
  'train',
  'data',
  'viz',
  'io',
] as const
const source = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'src')

const filesUnder = (folder: string): string[] =>
  readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name)
    return entry.isDirectory() ? filesUnder(path) : entry.name.endsWith('.ts') ? [path] : []
  })

const layerOf = (path: string): string | undefined => relative(source, path).split(/[\\/]/)[0]

/** Module specifiers of the file's import and export statements (comments and examples skipped). */
const imports = (path: string): string[] =>
  [
    ...withoutComments(readFileSync(path, 'utf8')).matchAll(
      /^\s*(?:import|export)[^'"]*?from\s+'([^']+)'/gm,
    ),
  ].map((match) => match[1] ?? '')

const withoutComments = (text: string): string =>
  text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '')

const moduleFiles = filesUnder(source).filter((path) => relative(source, path) !== 'index.ts')

describe('architecture', () => {
  test('every folder under src is a known layer', () => {
    for (const path of moduleFiles) expect(layers).toContain(layerOf(path))
  })

  test.each(moduleFiles.map((path) => [relative(source, path), path]))(
    '%s imports only from its own layer and those above it',
    (_, path) => {
      const own = layers.indexOf(layerOf(path) as (typeof layers)[number])
      for (const specifier of imports(path).filter((name) => name.startsWith('.'))) {
        const target = resolve(dirname(path), specifier)
        // The package root (src/index.ts) gathers every layer, so only the IO edge may use it.
        const layer = relative(source, target) === 'index.js' ? 'io' : (layerOf(target) ?? '')
        const position = layers.indexOf(layer as (typeof layers)[number])
        expect(position, `${relative(source, path)} imports ${specifier}`).toBeGreaterThanOrEqual(0)
        expect(
          position,
          `${relative(source, path)} imports ${specifier} from a layer below`,
        ).toBeLessThanOrEqual(own)
      }
    },
  )

  // One exception, by name: data-parallel training's threads (src/train/parallel) use Node's
  // worker_threads, and fs/url to find the helper script — threads, not effects: the result is
  // the same bits whatever the timing.
  const threadModules = ['node:worker_threads', 'node:fs', 'node:url']
  const isThreadFolder = (path: string): boolean =>
    relative(source, path).split(/[\\/]/u).slice(0, 2).join('/') === 'train/parallel'

  test.each(
    moduleFiles
      .filter((path) => layerOf(path) !== 'io')
      .map((path) => [relative(source, path), path]),
  )('%s performs no effects through node: modules', (_, path) => {
    const allowed = isThreadFolder(path) ? threadModules : []
    expect(
      imports(path).filter((name) => name.startsWith('node:') && !allowed.includes(name)),
    ).toStrictEqual([])
  })

  test('the thread exception has teeth: a file outside train/parallel may not start threads', () => {
    expect(isThreadFolder(join(source, 'train', 'parallel', 'shard-pool.ts'))).toBe(true)
    expect(isThreadFolder(join(source, 'train', 'fit.ts'))).toBe(false)
  })

  test.each(moduleFiles.map((path) => [relative(source, path), path]))(
    '%s reads no hidden randomness or clock',
    (_, path) => {
      const code = withoutComments(readFileSync(path, 'utf8'))
      expect(code).not.toMatch(/Math\.random|crypto\.getRandomValues/)
      if (layerOf(path) !== 'io') expect(code).not.toMatch(/Date\.now|new Date\(|performance\.now/)
    },
  )
})

describe('tests', () => {
  // hand-written test files only: not generated folders such as test/.examples
  const testFolder = resolve(source, '..', 'test')
  const tests = filesUnder(testFolder).filter(
    (path) =>
      !relative(testFolder, path)
        .split(/[\\/]/u)
        .some((part) => part.startsWith('.')),
  )

  // @fast-check/vitest's own `test` runs a plain test once per fast-check run (100 times): plain
  // tests take vitest's `test`, properties `propertyTest.prop` (`test as propertyTest`).
  test.each(tests.map((path) => [relative(resolve(source, '..'), path), path]))(
    '%s takes plain tests from vitest, not from @fast-check/vitest',
    (_name, path) => {
      expect(readFileSync(path, 'utf8')).not.toMatch(
        /import \{[^}]*\b(test|it)\b(?! as )[^}]*\} from '@fast-check\/vitest'/u,
      )
    },
  )
})
