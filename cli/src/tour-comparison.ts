// gradfold's key numbers beside the notebook's: per chapter, one row per number (per matrix
// entry; the first and last of a loss curve) and, for each loss curve, its largest difference.
// Laws: pure; |Δ| is |gradfold − notebook| exactly; sizes that differ are a Left naming the field,
// never a row compared against a missing (NaN) value.

import { linalg } from 'gradfold'
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type { TourError } from './tour.js'
import type { KeyNumbers } from './tour-reference.js'

// checked reads bound once, as the library binds its own (a module const V8 folds)
const { at } = linalg.checked

/** The tour's chapters, by their field in tour.json. */
export type ChapterName = keyof KeyNumbers

/** The chapters in the tour's order. */
export const chapterNames: readonly ChapterName[] = [
  'chainRule',
  'graph',
  'verbose231',
  'gradientCheck',
  'moons',
  'circles',
]

/** One number both sides computed: its JSON path (`verbose231.dW1[0][1]`) and the two values. */
export interface ComparisonRow {
  readonly path: string
  readonly gradfold: number
  readonly notebook: number
  /** |gradfold − notebook| */
  readonly difference: number
}

/** A whole loss curve: how many values, the largest |Δ| and the epoch where it occurs. */
export interface SeriesComparison {
  readonly path: string
  readonly count: number
  readonly largestDifference: number
  readonly at: number
}

/** One chapter's comparison. */
export interface ChapterComparison {
  readonly rows: readonly ComparisonRow[]
  readonly series: readonly SeriesComparison[]
}

/** The comparison of every chapter. */
export type TourComparison = Readonly<Record<ChapterName, ChapterComparison>>

interface Collected {
  readonly rows: ComparisonRow[]
  readonly series: SeriesComparison[]
}

const row = (path: string, gradfold: number, notebook: number): ComparisonRow => ({
  path,
  gradfold,
  notebook,
  difference: Math.abs(gradfold - notebook),
})

const isNumberList = (value: unknown): value is readonly number[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'number')

const isRows = (value: unknown): value is readonly (readonly number[])[] =>
  Array.isArray(value) && value.length > 0 && value.every(isNumberList)

/** `2×3`, or the row lengths of ragged rows (`rows of 3, 2`). */
const sizeOf = (rows: readonly (readonly number[])[]): string => {
  const lengths = rows.map((items) => items.length)
  // isRows lets only a non-empty list of rows through
  const first = at(lengths, 0, 'sizeOf')
  return lengths.every((length) => length === first)
    ? `${String(rows.length)}×${String(first)}`
    : `rows of ${lengths.join(', ')}`
}

const walk = (
  path: string,
  gradfold: unknown,
  notebook: unknown,
  into: Collected,
): E.Either<string, void> => {
  if (typeof gradfold === 'number' && typeof notebook === 'number') {
    into.rows.push(row(path, gradfold, notebook))
    return E.right(undefined)
  }
  if (isRows(gradfold) && isRows(notebook)) {
    const same =
      gradfold.length === notebook.length &&
      gradfold.every((items, index) => items.length === notebook[index]?.length)
    if (!same) {
      return E.left(
        `${path}: the notebook's is ${sizeOf(notebook)}, gradfold's ${sizeOf(gradfold)}`,
      )
    }
    gradfold.forEach((items, i) => {
      const notebookItems = at(notebook, i, path)
      items.forEach((value, j) => {
        into.rows.push(
          row(`${path}[${String(i)}][${String(j)}]`, value, at(notebookItems, j, path)),
        )
      })
    })
    return E.right(undefined)
  }
  if (isNumberList(gradfold) && isNumberList(notebook)) {
    if (gradfold.length !== notebook.length || gradfold.length === 0) {
      return E.left(
        `${path}: the notebook's has ${String(notebook.length)} values, gradfold's ${String(gradfold.length)}`,
      )
    }
    // both lists are non-empty and of one length
    const differences = gradfold.map((value, index) => Math.abs(value - at(notebook, index, path)))
    const largestDifference = Math.max(...differences)
    const last = gradfold.length - 1
    into.rows.push(row(`${path}[0]`, at(gradfold, 0, path), at(notebook, 0, path)))
    into.rows.push(
      row(`${path}[${String(last)}]`, at(gradfold, last, path), at(notebook, last, path)),
    )
    into.series.push({
      path,
      count: gradfold.length,
      largestDifference,
      at: differences.indexOf(largestDifference),
    })
    return E.right(undefined)
  }
  if (typeof gradfold === 'object' && gradfold !== null && typeof notebook === 'object') {
    const theirs = (notebook ?? {}) as Readonly<Record<string, unknown>>
    for (const [key, value] of Object.entries(gradfold)) {
      const walked = walk(`${path}.${key}`, value, theirs[key], into)
      if (E.isLeft(walked)) return walked
    }
    return E.right(undefined)
  }
  return E.left(`${path}: the notebook's and gradfold's values are of different kinds`)
}

/**
 * Compares gradfold's key numbers with the notebook's, chapter by chapter.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { compareKeyNumbers } from './tour-comparison.js'
 * const numbers = {
 *   chainRule: { dfdx: 48, dfdxNumerical: 47.99999995697135 },
 *   graph: { L: 49, dLdx: 42, dLdw: 28, dLdb: 14 },
 *   verbose231: { loss: 0.1, dW1: [[1, 2]], db1: [[0]], dW2: [[0]], db2: [[0]],
 *     updated: { W1: [[0]], b1: [[0]], W2: [[0]], b2: [[0]] } },
 *   gradientCheck: { W1: { analytic: 0, numeric: 0 }, W2: { analytic: 0, numeric: 0 } },
 *   moons: { losses: [0.3, 0.2, 0.1], testAccuracy: 0.9 },
 *   circles: { losses: [0.3], trainAccuracy: 1 },
 * }
 * const shifted = { ...numbers, moons: { losses: [0.3, 0.25, 0.1], testAccuracy: 0.9 } }
 * const compared = compareKeyNumbers(numbers, shifted)
 * assert.ok(E.isRight(compared))
 * assert.deepStrictEqual(compared.right.graph.rows[1], {
 *   path: 'graph.dLdx', gradfold: 42, notebook: 42, difference: 0,
 * })
 * assert.strictEqual(compared.right.moons.series[0]?.at, 1)
 * const wrongSize = { ...numbers, moons: { losses: [0.3], testAccuracy: 0.9 } }
 * assert.deepStrictEqual(compareKeyNumbers(numbers, wrongSize), E.left({
 *   message: "tour: comparing with the notebook: moons.losses: the notebook's has 1 values, gradfold's 3",
 * }))
 */
export const compareKeyNumbers = (
  gradfold: KeyNumbers,
  notebook: KeyNumbers,
): E.Either<TourError, TourComparison> => {
  const chapter = (name: ChapterName): E.Either<TourError, ChapterComparison> => {
    const collected: Collected = { rows: [], series: [] }
    return pipe(
      walk(name, gradfold[name], notebook[name], collected),
      E.bimap(
        (problem) => ({ message: `tour: comparing with the notebook: ${problem}` }),
        () => collected,
      ),
    )
  }
  return pipe(
    E.Do,
    E.bind('chainRule', () => chapter('chainRule')),
    E.bind('graph', () => chapter('graph')),
    E.bind('verbose231', () => chapter('verbose231')),
    E.bind('gradientCheck', () => chapter('gradientCheck')),
    E.bind('moons', () => chapter('moons')),
    E.bind('circles', () => chapter('circles')),
  )
}
