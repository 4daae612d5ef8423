// Parameter trees: records and arrays whose leaves are matrices (a network's weights, their
// gradients, an optimizer's moments). Laws: mapTree(t, identity) ≅ t; zipTree keeps the shape of
// its first tree; leaves lists every matrix once with its path, in a fixed (insertion) order.

import * as E from 'fp-ts/lib/Either.js'
import { isMatrix, type Matrix } from '../linalg/index.js'

/**
 * A matrix, or a record or array of trees.
 *
 * @category Trees
 */
export type Tree = Matrix | readonly Tree[] | { readonly [key: string]: Tree }

/**
 * The path of a leaf: record keys and array indices from the root, printed `layers[1].W`.
 *
 * @category Trees
 */
export type Path = readonly (string | number)[]

/**
 * Prints a path the way error messages name a leaf: `layers[1].W`.
 *
 * @category Trees
 */
export const formatPath = (path: Path): string =>
  path
    .map((step, index) =>
      typeof step === 'number' ? `[${step}]` : index === 0 ? step : `.${step}`,
    )
    .join('')

/**
 * Parses `layers[1].W` or `W1` into a path.
 *
 * @category Trees
 */
export const parsePath = (text: string): Path =>
  [...text.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((match) =>
    // Without an index, the whole match is the name.
    match[2] === undefined ? match[0] : Number(match[2]),
  )

/**
 * Every leaf with its path, depth first in key order.
 *
 * @category Trees
 * @example
 * import assert from 'node:assert'
 * import { graph, linalg } from 'gradfold'
 * const params = { layers: [{ W: linalg.zeros(2, 3), b: linalg.zeros(1, 3) }] }
 * assert.deepStrictEqual(graph.leaves(params).map(([path]) => graph.formatPath(path)), ['layers[0].W', 'layers[0].b'])
 */
export const leaves = (tree: Tree, prefix: Path = []): (readonly [Path, Matrix])[] => {
  if (isMatrix(tree)) return [[prefix, tree]]
  if (Array.isArray(tree)) {
    return (tree as readonly Tree[]).flatMap((child, index) => leaves(child, [...prefix, index]))
  }
  return Object.entries(tree as Readonly<Record<string, Tree>>).flatMap(([key, child]) =>
    leaves(child, [...prefix, key]),
  )
}

/**
 * The tree with `f` applied to every leaf (and its path), same structure.
 *
 * @category Trees
 * @example
 * import assert from 'node:assert'
 * import { graph, linalg } from 'gradfold'
 * const doubled = graph.mapTree({ w: linalg.ones(1, 2) }, (m) => linalg.scale(m, 2))
 * assert.ok(linalg.isMatrix(doubled.w) && linalg.equals(doubled.w, linalg.fill(1, 2, 2)))
 */
export const mapTree = <T extends Tree>(
  tree: T,
  f: (leaf: Matrix, path: Path) => Matrix,
  prefix: Path = [],
): T => {
  if (isMatrix(tree)) return f(tree, prefix) as T
  if (Array.isArray(tree)) {
    return Object.freeze(
      (tree as readonly Tree[]).map((child, index) => mapTree(child, f, [...prefix, index])),
    ) as unknown as T
  }
  return Object.freeze(
    Object.fromEntries(
      Object.entries(tree as Readonly<Record<string, Tree>>).map(([key, child]) => [
        key,
        mapTree(child, f, [...prefix, key]),
      ]),
    ),
  ) as T
}

/** The leaf at `path`, or a message naming where the path leaves the tree. */
export const leafAt = (tree: Tree, path: Path): E.Either<string, Matrix> => {
  let node: Tree = tree
  for (const [index, step] of path.entries()) {
    const here = formatPath(path.slice(0, index + 1))
    if (isMatrix(node)) return E.left(`${here} goes below a matrix`)
    const child: Tree | undefined = Array.isArray(node)
      ? typeof step === 'number'
        ? (node as readonly Tree[])[step]
        : undefined
      : typeof step === 'string'
        ? (node as Readonly<Record<string, Tree>>)[step]
        : undefined
    if (child === undefined) return E.left(`${here} is missing`)
    node = child
  }
  return isMatrix(node) ? E.right(node) : E.left(`${formatPath(path)} is not a matrix`)
}

/**
 * Combines two trees of one structure leaf by leaf; Left naming the first leaf whose path is
 * missing from the second tree.
 *
 * @category Trees
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph, linalg } from 'gradfold'
 * const sum = graph.zipTree({ w: linalg.ones(1, 1) }, { w: linalg.ones(1, 1) }, (a, b) => linalg.scale(a, 1 + linalg.get(b, 0, 0)))
 * assert.ok(E.isRight(sum))
 */
export const zipTree = <T extends Tree>(
  first: T,
  second: Tree,
  f: (left: Matrix, right: Matrix, path: Path) => Matrix,
): E.Either<string, T> => {
  let problem: string | undefined
  const zipped = mapTree(first, (leaf, path) => {
    const other = leafAt(second, path)
    if (E.isLeft(other)) {
      problem ??= other.left
      return leaf
    }
    return f(leaf, other.right, path)
  })
  return problem === undefined ? E.right(zipped) : E.left(problem)
}
