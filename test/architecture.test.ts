// The import rules of docs/architecture.md. In the library (src/): a layer imports only from
// itself and the layers above it, and from another layer only its index.ts or internal.ts (which
// no entry re-exports); no layer does what the layer table's "must not" column forbids, as far as
// imports show it; no module performs effects through Node's built-in modules; the root entry's
// imports reach fp-ts and io-ts and no other package (fast-check only behind `gradfold/check`) and
// never the teaching material (`gradfold/teach`). Between the packages: the library never imports
// from cli/, and the CLI (cli/src) reaches the library only through its public entries,
// `gradfold`, `gradfold/check` and `gradfold/teach`.

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
  'teach',
] as const
type Layer = (typeof layers)[number]
const entries = ['gradfold', 'gradfold/check', 'gradfold/teach']
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

/** Module specifiers of the file's imports that load code when it runs (no `import type`). */
const runtimeImports = (path: string): string[] =>
  [
    ...withoutComments(readFileSync(path, 'utf8')).matchAll(
      /^\s*(?:import|export)\s+(?!type\b)[^'"]*?from\s+'([^']+)'/gm,
    ),
  ].map((match) => match[1] ?? '')

/** The modules a layer offers other layers: its public surface and its library-internal seam. */
const gateways = ['index.ts', 'internal.ts']

/** Each import of `path` that reaches into another layer past its index.ts and internal.ts. */
const gatewayViolations = (path: string, specifiers: readonly string[]): string[] =>
  specifiers
    .filter((specifier) => specifier.startsWith('.'))
    .filter((specifier) => {
      const imported = target(path, specifier)
      const layer = layerOf(imported)
      if (layer === undefined || layer === layerOf(path) || !isInside(source, imported))
        return false
      return !gateways.includes(relative(join(source, layer), imported))
    })
    .map(
      (specifier) =>
        `${relative(source, path)} imports ${specifier}, not its layer's index.js or internal.js`,
    )

/**
 * The "must not" column of docs/architecture.md's layer table, as far as imports show it: the
 * layers a layer's code may not load at run time (type-only imports load nothing), and the
 * modules it may not import at all. network's "mutate anything it was given" is for the laws.
 */
const mustNot: Readonly<
  Record<Layer, { readonly layers: readonly Layer[]; readonly modules?: RegExp }>
> = {
  // linalg must not know about graphs, networks or IO
  linalg: { layers: ['graph', 'network'], modules: /^node:/u },
  // random must not touch Math.random (the text test below reads for it) or global state
  random: { layers: [], modules: /^node:/u },
  // graph must not know about layers, optimizers or IO
  graph: { layers: ['network', 'train'], modules: /^node:/u },
  // check must not be needed by network or train at run time
  network: { layers: ['check'] },
  check: { layers: [] },
  // train must not log, sleep or read the clock (the text test below reads for the clock)
  train: { layers: ['check'], modules: /^node:(?:console|timers|perf_hooks|readline)/u },
  // data must not read files
  data: { layers: [], modules: /^node:/u },
  // viz must not render or write anything, or import vega-lite
  viz: { layers: [], modules: /^(?:node:|vega(?:-|$)|@resvg\/|@hpcc-js\/|katex)/u },
  // teach must not be loaded by the root entry (a test below) nor render or write anything
  teach: { layers: [], modules: /^(?:node:|vega(?:-|$)|@resvg\/|@hpcc-js\/|katex)/u },
}

/** Each run-time import of `path` that the "must not" of its layer forbids. */
const mustNotViolations = (path: string, specifiers: readonly string[]): string[] => {
  const rule = mustNot[layerOf(path) as Layer]
  return specifiers
    .filter((specifier) =>
      specifier.startsWith('.')
        ? rule.layers.includes(layerOf(target(path, specifier)) as Layer)
        : (rule.modules?.test(specifier) ?? false),
    )
    .map((specifier) => `${relative(source, path)} imports ${specifier}, which its layer must not`)
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

  test.each(moduleFiles.map((path) => [relative(source, path), path]))(
    '%s reaches another layer only through its index.ts or internal.ts',
    (_, path) => {
      expect(gatewayViolations(path, imports(path))).toStrictEqual([])
    },
  )

  test.each(moduleFiles.map((path) => [relative(source, path), path]))(
    '%s does nothing its layer must not (as far as its imports show)',
    (_, path) => {
      expect(mustNotViolations(path, runtimeImports(path))).toStrictEqual([])
    },
  )

  // internal.ts is the library's own seam: no entry, and no layer's public surface, re-exports it.
  test.each(
    [entry, ...moduleFiles.filter((path) => /[\\/]index\.ts$/u.test(path))].map((path) => [
      relative(source, path),
      path,
    ]),
  )('%s re-exports no internal.ts', (_, path) => {
    expect(imports(path).filter((specifier) => specifier.endsWith('internal.js'))).toStrictEqual([])
  })

  test('the layer rules have teeth: they name the file and the import they refuse', () => {
    const fit = join(source, 'train', 'fit.ts')
    expect(gatewayViolations(fit, ['../network/compiled/dense-plan.js'])).toStrictEqual([
      "train/fit.ts imports ../network/compiled/dense-plan.js, not its layer's index.js or internal.js",
    ])
    expect(
      gatewayViolations(fit, ['../network/internal.js', '../network/index.js', './step.js']),
    ).toStrictEqual([])
    expect(mustNotViolations(fit, ['../check/gradient-check.js', 'node:timers'])).toStrictEqual([
      'train/fit.ts imports ../check/gradient-check.js, which its layer must not',
      'train/fit.ts imports node:timers, which its layer must not',
    ])
    const spec = join(source, 'viz', 'spec.ts')
    expect(mustNotViolations(spec, ['vega-lite', 'fp-ts/lib/Either.js'])).toHaveLength(1)
    const matrix = join(source, 'linalg', 'matrix.ts')
    expect(mustNotViolations(matrix, ['../graph/index.js'])).toHaveLength(1)
  })

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

  test('the root entry never loads the teaching material (gradfold/teach)', () => {
    const { modules } = rootEntryGraph()
    expect(modules.filter((path) => layerOf(path) === 'teach')).toStrictEqual([])
    // and the rule has teeth: the teach entry is a module of the library
    expect(moduleFiles).toContain(join(source, 'teach', 'index.ts'))
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
    '%s reaches the library only through gradfold, gradfold/check and gradfold/teach',
    (_, path) => {
      for (const specifier of imports(path)) {
        if (specifier.startsWith('.')) {
          expect(isInside(cliSource, target(path, specifier)), specifier).toBe(true)
        } else if (packageOf(specifier) === 'gradfold') {
          expect(entries).toContain(specifier)
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
  // code as the CLI does, through `gradfold`, `gradfold/check` and `gradfold/teach`.
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
