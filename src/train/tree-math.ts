// Arithmetic over parameter trees (weights, gradients, moments), leaf by leaf. Laws: results keep
// the first tree's structure; add(t, zerosLike(t)) ≅ t; scale(t, 1) ≅ t; globalNorm(t) ≥ 0 with
// globalNorm(scale(t, c)) = |c|·globalNorm(t). Trees of different structure or shapes throw.

import * as E from 'fp-ts/lib/Either.js'
import { formatPath, leaves, mapTree, zipTree, type Path, type Tree } from '../graph/index.js'
import { leafAt } from '../graph/internal.js'
import { zeros, type Matrix } from '../linalg/index.js'
import { bufferOf, unchecked } from '../linalg/internal.js'

const sameShape = (where: string, first: Matrix, other: Matrix, path: Path): void => {
  if (first.rows !== other.rows || first.cols !== other.cols) {
    throw new RangeError(
      `${where}: ${formatPath(path)} is ${first.rows}×${first.cols} in the first tree but ` +
        `${other.rows}×${other.cols} in another`,
    )
  }
}

const leafOf = (where: string, tree: Tree, path: Path, like: Matrix): Matrix => {
  const leaf = leafAt(tree, path)
  if (E.isLeft(leaf)) throw new RangeError(`${where}: ${leaf.left}`)
  sameShape(where, like, leaf.right, path)
  return leaf.right
}

/**
 * `f` applied to matching leaves of two trees of one structure; RangeError naming the leaf when
 * the second tree lacks it or shapes it differently.
 *
 * @example
 * import assert from 'node:assert'
 * import { linalg } from 'gradfold'
 * import { mapTree2 } from './tree-math.js'
 * const larger = mapTree2({ w: linalg.ones(1, 2) }, { w: linalg.fill(1, 2, 3) }, (a, b) =>
 *   linalg.get(a, 0, 0) > linalg.get(b, 0, 0) ? a : b,
 * )
 * assert.deepStrictEqual(linalg.toFlat(larger.w), [3, 3])
 */
export const mapTree2 = <T extends Tree>(
  first: T,
  second: Tree,
  f: (left: Matrix, right: Matrix, path: Path) => Matrix,
): T => {
  const zipped = zipTree(first, second, (left, right, path) => {
    sameShape('mapTree2', left, right, path)
    return f(left, right, path)
  })
  if (E.isLeft(zipped)) throw new RangeError(`mapTree2: ${zipped.left}`)
  return zipped.right
}

/**
 * `f` applied to matching leaves of three trees of one structure; RangeError naming the leaf
 * when the others lack it or shape it differently.
 *
 * @example
 * import assert from 'node:assert'
 * import { linalg } from 'gradfold'
 * import { mapTree3 } from './tree-math.js'
 * const one = { w: linalg.ones(1, 1) }
 * const three = mapTree3(one, one, one, (a, b, c) => linalg.fill(1, 1, linalg.get(a, 0, 0) + linalg.get(b, 0, 0) + linalg.get(c, 0, 0)))
 * assert.strictEqual(linalg.get(three.w, 0, 0), 3)
 */
export const mapTree3 = <T extends Tree>(
  first: T,
  second: Tree,
  third: Tree,
  f: (a: Matrix, b: Matrix, c: Matrix, path: Path) => Matrix,
): T => mapTree2(first, second, (a, b, path) => f(a, b, leafOf('mapTree3', third, path, a), path))

/**
 * A tree of the same structure with every leaf a zero matrix of the same shape.
 *
 * @example
 * import assert from 'node:assert'
 * import { linalg } from 'gradfold'
 * import { zerosLike } from './tree-math.js'
 * const z = zerosLike({ w: linalg.ones(2, 3) })
 * assert.ok(linalg.equals(z.w, linalg.zeros(2, 3)))
 */
export const zerosLike = <T extends Tree>(tree: T): T =>
  mapTree(tree, (leaf) => zeros(leaf.rows, leaf.cols))

/**
 * The leaf-by-leaf sum of two trees of one structure.
 *
 * @example
 * import assert from 'node:assert'
 * import { linalg } from 'gradfold'
 * import { add } from './tree-math.js'
 * const sum = add([linalg.ones(1, 2)], [linalg.fill(1, 2, 2)])
 * assert.deepStrictEqual(sum.map(linalg.toFlat), [[3, 3]])
 */
export const add = <T extends Tree>(first: T, second: Tree): T =>
  mapTree2(first, second, unchecked.add)

/**
 * The leaf-by-leaf difference first − second.
 *
 * @example
 * import assert from 'node:assert'
 * import { linalg } from 'gradfold'
 * import { sub } from './tree-math.js'
 * assert.deepStrictEqual(linalg.toFlat(sub({ w: linalg.ones(1, 1) }, { w: linalg.ones(1, 1) }).w), [0])
 */
export const sub = <T extends Tree>(first: T, second: Tree): T =>
  mapTree2(first, second, unchecked.sub)

/**
 * The leaf-by-leaf (Hadamard) product of two trees of one structure.
 *
 * @example
 * import assert from 'node:assert'
 * import { linalg } from 'gradfold'
 * import { mul } from './tree-math.js'
 * const product = mul({ w: linalg.fill(1, 2, 3) }, { w: linalg.fill(1, 2, 2) })
 * assert.deepStrictEqual(linalg.toFlat(product.w), [6, 6])
 */
export const mul = <T extends Tree>(first: T, second: Tree): T =>
  mapTree2(first, second, unchecked.mul)

/**
 * Every entry of every leaf multiplied by `factor`.
 *
 * @example
 * import assert from 'node:assert'
 * import { linalg } from 'gradfold'
 * import { scale } from './tree-math.js'
 * assert.deepStrictEqual(linalg.toFlat(scale({ w: linalg.ones(1, 2) }, -0.5).w), [-0.5, -0.5])
 */
export const scale = <T extends Tree>(tree: T, factor: number): T =>
  mapTree(tree, (leaf) => unchecked.scale(leaf, factor))

/**
 * The sum of the squares of every entry of every leaf.
 *
 * @example
 * import assert from 'node:assert'
 * import { linalg } from 'gradfold'
 * import { sumOfSquares } from './tree-math.js'
 * assert.strictEqual(sumOfSquares({ a: linalg.fill(1, 2, 2), b: linalg.ones(1, 1) }), 9)
 */
export const sumOfSquares = (tree: Tree): number => {
  let total = 0
  for (const [, leaf] of leaves(tree)) {
    for (const value of bufferOf(leaf)) total += value * value
  }
  return total
}

/**
 * The L2 norm of the whole tree read as one vector: √Σ‖leaf‖².
 *
 * @category Updates
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { linalg } from 'gradfold'
 * import { globalNorm } from './tree-math.js'
 * const three = linalg.rowVector([3])
 * const four = linalg.rowVector([4])
 * assert.ok(E.isRight(three) && E.isRight(four))
 * assert.strictEqual(globalNorm({ a: three.right, b: [four.right] }), 5)
 */
export const globalNorm = (tree: Tree): number => Math.sqrt(sumOfSquares(tree))
