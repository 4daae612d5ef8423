// The package's public surface: the names outside code depends on stay where they are, the
// internals stay out, and every export — each namespace's members and gradfold/check's — carries
// a TSDoc `@category` in its declaration (read from the source with the TypeScript compiler).

import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, test } from 'vitest'
import * as gradfold from '../src/index.js'
import * as gradfoldCheck from '../src/check/index.js'
import { right } from './support/either.js'

const repository = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/** One public export as the source declares it: its namespace, name, kind and TSDoc categories. */
interface PublicExport {
  readonly namespace: string
  readonly name: string
  readonly runtime: boolean
  readonly declaredIn: string
  readonly categories: readonly string[]
}

/** Every export of each namespace of src/index.ts and of src/check/index.ts, from the source. */
const publicExports = (): PublicExport[] => {
  const entries = ['src/index.ts', 'src/check/index.ts'].map((path) => join(repository, path))
  const program = ts.createProgram(entries, {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
  })
  const checker = program.getTypeChecker()
  const target = (symbol: ts.Symbol): ts.Symbol =>
    symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol
  const moduleOf = (path: string): ts.Symbol => {
    const file = program.getSourceFile(path)
    const symbol = file === undefined ? undefined : checker.getSymbolAtLocation(file)
    if (symbol === undefined) throw new Error(`no module symbol for ${path}`)
    return symbol
  }
  const exportsOf = (namespace: string, module: ts.Symbol): PublicExport[] =>
    checker.getExportsOfModule(module).map((symbol) => {
      const [own] = symbol.declarations ?? []
      // `export * as name from …` is documented where it is written; the rest where declared
      const declaration =
        own !== undefined && ts.isNamespaceExport(own)
          ? own.parent
          : target(symbol).declarations?.[0]
      if (declaration === undefined) throw new Error(`${namespace}.${symbol.name}: no declaration`)
      return {
        namespace,
        name: symbol.name,
        runtime: (target(symbol).flags & ts.SymbolFlags.Value) !== 0,
        declaredIn: relative(repository, declaration.getSourceFile().fileName),
        categories: ts
          .getJSDocTags(declaration)
          .filter((tag) => tag.tagName.text === 'category')
          .map((tag) => ts.getTextOfJSDocComment(tag.comment) ?? ''),
      }
    })
  const [root, check] = entries.map(moduleOf)
  if (root === undefined || check === undefined) throw new Error('no entry modules')
  return [
    ...checker
      .getExportsOfModule(root)
      .flatMap((namespace) => exportsOf(namespace.name, target(namespace))),
    ...exportsOf('gradfold/check', check),
  ]
}

describe('public API', () => {
  test('exposes one namespace per layer that has landed', () => {
    expect(Object.keys(gradfold).sort()).toStrictEqual([
      'check',
      'data',
      'graph',
      'linalg',
      'network',
      'random',
      'train',
      'viz',
    ])
  })

  test('linalg keeps fromRows, toRows, matmul and transpose', () => {
    const { fromRows, toRows, matmul, transpose } = gradfold.linalg
    const a = right(fromRows([[1, 2]]))
    const b = right(fromRows([[3], [4]]))
    expect(toRows(right(matmul(a, b)))).toStrictEqual([[11]])
    expect(toRows(transpose(a))).toStrictEqual([[1], [2]])
  })

  test('kernels and raw buffers are not part of the surface', () => {
    const names = Object.keys(gradfold.linalg)
    expect(names).not.toContain('adopt')
    expect(names).not.toContain('bufferOf')
    expect(names).not.toContain('kernels')
  })

  test('internal plumbing and second names stay out', () => {
    const hidden: Record<string, readonly string[]> = {
      train: ['record', 'finish', 'emptyHistory', 'layerNorms', 'identity'],
      network: ['sgdStep'],
      viz: ['bandRuns', 'classPointsLayer', 'contourSegments', 'heatmapPanels', 'standalone'],
    }
    for (const [namespace, internals] of Object.entries(hidden)) {
      const names = Object.keys(gradfold[namespace as keyof typeof gradfold])
      for (const name of internals) expect(names, namespace).not.toContain(name)
    }
    expect(Object.keys(gradfoldCheck)).not.toContain('entryIn')
  })
})

describe('every public export has a @category', () => {
  const found = publicExports()
  const uncategorised = (runtime: boolean): string[] =>
    found
      .filter((entry) => entry.runtime === runtime && entry.categories.every((c) => c === ''))
      .map((entry) => `${entry.namespace}.${entry.name} (${entry.declaredIn})`)

  test('the source read sees exactly the runtime names the entries export', () => {
    const runtimeNames = (namespace: string): string[] =>
      found
        .filter((entry) => entry.namespace === namespace && entry.runtime)
        .map((entry) => entry.name)
        .sort()
    for (const [namespace, members] of Object.entries(gradfold)) {
      expect(runtimeNames(namespace), namespace).toStrictEqual(Object.keys(members).sort())
    }
    expect(runtimeNames('gradfold/check')).toStrictEqual(Object.keys(gradfoldCheck).sort())
  })

  test('every runtime export is tagged', () => {
    expect(uncategorised(true)).toStrictEqual([])
  })

  test('every exported type is tagged', () => {
    expect(uncategorised(false)).toStrictEqual([])
  })
})
