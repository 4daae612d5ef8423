// The import rules of docs/architecture.md. In the library (src/): a layer imports only from
// itself and the layers above it; no module performs effects through Node's built-in modules; the
// root entry's imports reach fp-ts and io-ts and no other package (fast-check only behind
// `gradfold/check`). Between the packages: the library never imports from cli/, and the CLI
// (cli/src) reaches the library only through its public entries, `gradfold` and `gradfold/check`.

import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'

const layers = ['linalg', 'random', 'graph', 'network', 'check', 'train', 'data', 'viz'] as const
const repository = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const source = join(repository, 'src')
const cliSource = join(repository, 'cli', 'src')

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

/** The package a bare specifier names (`fp-ts/lib/Either.js` → `fp-ts`, `@a/b/c` → `@a/b`). */
const packageOf = (specifier: string): string =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/')

/** A relative specifier of `path` as the TypeScript file it names. */
const target = (path: string, specifier: string): string =>
  resolve(dirname(path), specifier).replace(/\.js$/u, '.ts')

const isInside = (folder: string, path: string): boolean => {
  const inner = relative(folder, path)
  return inner !== '' && !inner.startsWith('..') && !inner.startsWith('/')
}

const entry = join(source, 'index.ts')
const moduleFiles = filesUnder(source).filter((path) => path !== entry)
const cliFiles = filesUnder(cliSource)

/** Every library module the root entry reaches through static imports, and the packages named. */
const rootEntryGraph = (): { readonly modules: string[]; readonly packages: string[] } => {
  const modules = new Set<string>()
  const packages = new Set<string>()
  const visit = (path: string): void => {
    if (modules.has(path)) return
    modules.add(path)
    for (const specifier of imports(path)) {
      if (specifier.startsWith('.')) visit(target(path, specifier))
      else packages.add(specifier.startsWith('node:') ? specifier : packageOf(specifier))
    }
  }
  visit(entry)
  return { modules: [...modules], packages: [...packages].sort() }
}

describe('architecture: the library', () => {
  test('every folder under src is a known layer', () => {
    for (const path of moduleFiles) expect(layers).toContain(layerOf(path))
  })

  test.each(moduleFiles.map((path) => [relative(source, path), path]))(
    '%s imports only from its own layer and those above it',
    (_, path) => {
      const own = layers.indexOf(layerOf(path) as (typeof layers)[number])
      for (const specifier of imports(path).filter((name) => name.startsWith('.'))) {
        const imported = target(path, specifier)
        // The root entry (src/index.ts) gathers every layer: no layer imports it.
        expect(imported, `${relative(source, path)} imports the root entry`).not.toBe(entry)
        const position = layers.indexOf(layerOf(imported) as (typeof layers)[number])
        expect(position, `${relative(source, path)} imports ${specifier}`).toBeGreaterThanOrEqual(0)
        expect(
          position,
          `${relative(source, path)} imports ${specifier} from a layer below`,
        ).toBeLessThanOrEqual(own)
      }
    },
  )

  test.each(filesUnder(source).map((path) => [relative(source, path), path]))(
    '%s never imports from outside src/ (the CLI package, cli/, least of all)',
    (_, path) => {
      for (const specifier of imports(path).filter((name) => name.startsWith('.'))) {
        expect(isInside(source, target(path, specifier)), specifier).toBe(true)
      }
    },
  )

  // The library's packages: fp-ts and io-ts everywhere; fast-check only in src/check's laws and
  // arbitraries, which only the `gradfold/check` entry (src/check/index.ts) gathers.
  const fastCheckFiles = [
    'check/arbitraries.ts',
    'check/law-cases.ts',
    'check/laws.ts',
    'check/network-arbitraries.ts',
  ]
  test.each(filesUnder(source).map((path) => [relative(source, path), path]))(
    '%s imports no package but fp-ts, io-ts (and fast-check in the laws)',
    (name, path) => {
      const allowed = ['fp-ts', 'io-ts', ...(fastCheckFiles.includes(name) ? ['fast-check'] : [])]
      const packages = imports(path)
        .filter((specifier) => !specifier.startsWith('.') && !specifier.startsWith('node:'))
        .map(packageOf)
      expect(packages.filter((name) => !allowed.includes(name))).toStrictEqual([])
    },
  )

  test('the root entry reaches no package but fp-ts and io-ts (and the threads’ node: modules)', () => {
    const { modules, packages } = rootEntryGraph()
    expect(packages).toStrictEqual(['fp-ts', 'io-ts', 'node:fs', 'node:url', 'node:worker_threads'])
    // gradient checking is in the root entry; the laws and arbitraries are not
    expect(modules).toContain(join(source, 'check', 'gradient-check.ts'))
    for (const name of fastCheckFiles) expect(modules).not.toContain(join(source, name))
    expect(modules).not.toContain(join(source, 'check', 'index.ts'))
  })

  // One exception, by name: data-parallel training's threads (src/train/parallel) use Node's
  // worker_threads, and fs/url to find the helper script — threads, not effects: the result is
  // the same bits whatever the timing.
  const threadModules = ['node:worker_threads', 'node:fs', 'node:url']
  const isThreadFolder = (path: string): boolean =>
    relative(source, path).split(/[\\/]/u).slice(0, 2).join('/') === 'train/parallel'

  test.each(moduleFiles.map((path) => [relative(source, path), path]))(
    '%s performs no effects through node: modules',
    (_, path) => {
      const allowed = isThreadFolder(path) ? threadModules : []
      expect(
        imports(path).filter((name) => name.startsWith('node:') && !allowed.includes(name)),
      ).toStrictEqual([])
    },
  )

  test('the thread exception has teeth: a file outside train/parallel may not start threads', () => {
    expect(isThreadFolder(join(source, 'train', 'parallel', 'shard-pool.ts'))).toBe(true)
    expect(isThreadFolder(join(source, 'train', 'fit.ts'))).toBe(false)
  })

  test.each(filesUnder(source).map((path) => [relative(source, path), path]))(
    '%s reads no hidden randomness or clock',
    (_, path) => {
      const code = withoutComments(readFileSync(path, 'utf8'))
      expect(code).not.toMatch(/Math\.random|crypto\.getRandomValues/)
      expect(code).not.toMatch(/Date\.now|new Date\(|performance\.now/)
    },
  )
})

describe('architecture: the CLI package (cli/)', () => {
  const manifest = JSON.parse(readFileSync(join(repository, 'cli', 'package.json'), 'utf8')) as {
    readonly dependencies: Readonly<Record<string, string>>
  }
  const dependencies = Object.keys(manifest.dependencies)

  test('there are CLI modules to check', () => {
    expect(cliFiles.length).toBeGreaterThan(30)
  })

  test.each(cliFiles.map((path) => [relative(cliSource, path), path]))(
    '%s reaches the library only through gradfold and gradfold/check',
    (_, path) => {
      for (const specifier of imports(path)) {
        if (specifier.startsWith('.')) {
          expect(isInside(cliSource, target(path, specifier)), specifier).toBe(true)
        } else if (packageOf(specifier) === 'gradfold') {
          expect(['gradfold', 'gradfold/check']).toContain(specifier)
        } else if (!specifier.startsWith('node:')) {
          expect(dependencies, `${specifier} is a dependency of gradfold-cli`).toContain(
            packageOf(specifier),
          )
        }
      }
    },
  )

  test.each(cliFiles.map((path) => [relative(cliSource, path), path]))(
    '%s reads no hidden randomness',
    (_, path) => {
      expect(withoutComments(readFileSync(path, 'utf8'))).not.toMatch(
        /Math\.random|crypto\.getRandomValues/,
      )
    },
  )

  // The CLI's tests share the library's test helpers (test/support) but reach the library's
  // code as the CLI does, through `gradfold` and `gradfold/check`.
  const cliTests = filesUnder(join(repository, 'cli', 'test')).filter(
    (path) =>
      !relative(repository, path)
        .split(/[\\/]/u)
        .some((part) => part.startsWith('.')),
  )
  test.each(cliTests.map((path) => [relative(repository, path), path]))(
    '%s imports the library’s code only through its entries',
    (_, path) => {
      for (const specifier of imports(path).filter((name) => name.startsWith('.'))) {
        expect(isInside(source, target(path, specifier)), specifier).toBe(false)
      }
    },
  )
})

describe('tests', () => {
  // hand-written test files only: not generated folders such as test/.examples
  const tests = [join(repository, 'test'), join(repository, 'cli', 'test')]
    .flatMap(filesUnder)
    .filter(
      (path) =>
        !relative(repository, path)
          .split(/[\\/]/u)
          .some((part) => part.startsWith('.')),
    )

  // @fast-check/vitest's own `test` runs a plain test once per fast-check run (100 times): plain
  // tests take vitest's `test`, properties `propertyTest.prop` (`test as propertyTest`).
  test.each(tests.map((path) => [relative(repository, path), path]))(
    '%s takes plain tests from vitest, not from @fast-check/vitest',
    (_name, path) => {
      expect(readFileSync(path, 'utf8')).not.toMatch(
        /import \{[^}]*\b(test|it)\b(?! as )[^}]*\} from '@fast-check\/vitest'/u,
      )
    },
  )
})
