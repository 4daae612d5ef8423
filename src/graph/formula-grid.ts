// Plain loops over grids of numbers — entry-wise maps, broadcasting zips, matrix products, row and
// column sums, row softmax — with which terms are evaluated, apart from the kernels primitives
// run. Laws: a grid may hold NaN and ±∞ (a Matrix may not); a zip refuses shapes that do not
// broadcast, a product mismatched inner sizes, with a reason.

import * as E from 'fp-ts/lib/Either.js'
import { checked, formatShape, fromFlat, toFloat64Array, type Matrix } from '../linalg/index.js'

/** A matrix of numbers as the evaluator computes them (NaN and ±∞ allowed, unlike a Matrix). */
export interface Grid {
  readonly rows: number
  readonly cols: number
  readonly entries: Float64Array
}

/** A rows×cols grid with `entry(row, col)` at each place. */
export const gridOf = (
  rows: number,
  cols: number,
  entry: (row: number, col: number) => number,
): Grid => {
  const entries = new Float64Array(rows * cols)
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < cols; col++) entries[row * cols + col] = entry(row, col)
  }
  return { rows, cols, entries }
}

/** A matrix's entries as a grid. */
export const fromMatrix = (matrix: Matrix): Grid => ({
  rows: matrix.rows,
  cols: matrix.cols,
  entries: toFloat64Array(matrix),
})

/** A 1×1 grid. */
export const single = (value: number): Grid => ({
  rows: 1,
  cols: 1,
  entries: Float64Array.of(value),
})

/** `rows×cols`, as messages write a shape. */
export const shapeOf = (grid: Grid): string => formatShape(grid)

/** Entry (row, col) of a grid, a 1×n grid repeated down the rows, an m×1 one along the columns. */
export const read = (grid: Grid, row: number, col: number): number =>
  checked.float64At(
    grid.entries,
    (grid.rows === 1 ? 0 : row) * grid.cols + (grid.cols === 1 ? 0 : col),
    'formula: an entry',
  )

/** f applied to each entry. */
export const mapGrid = (grid: Grid, f: (value: number) => number): Grid =>
  gridOf(grid.rows, grid.cols, (row, col) => f(read(grid, row, col)))

/** The size two sizes broadcast to (equal, or one of them 1), if they do. */
const broadcastSize = (a: number, b: number): number | undefined =>
  a === b || b === 1 ? a : a === 1 ? b : undefined

/** f entry by entry over grids broadcast to one shape (numpy's rule), or why they do not fit. */
export const zip = (
  grids: readonly Grid[],
  f: (values: readonly number[]) => number,
): E.Either<string, Grid> => {
  let rows = 1
  let cols = 1
  for (const grid of grids) {
    const broadcastRows = broadcastSize(rows, grid.rows)
    const broadcastCols = broadcastSize(cols, grid.cols)
    if (broadcastRows === undefined || broadcastCols === undefined) {
      return E.left(`shapes ${grids.map(shapeOf).join(' and ')} do not broadcast`)
    }
    rows = broadcastRows
    cols = broadcastCols
  }
  return E.right(gridOf(rows, cols, (row, col) => f(grids.map((grid) => read(grid, row, col)))))
}

/** a·b as matrices, or why the inner sizes differ. */
export const product = (a: Grid, b: Grid): E.Either<string, Grid> => {
  if (a.cols !== b.rows) {
    return E.left(`a matrix product of ${shapeOf(a)} and ${shapeOf(b)}: inner sizes differ`)
  }
  return E.right(
    gridOf(a.rows, b.cols, (row, col) => {
      let total = 0
      for (let k = 0; k < a.cols; k++) total += read(a, row, k) * read(b, k, col)
      return total
    }),
  )
}

/** The m×1 grid of each row's sum. */
export const rowSums = (grid: Grid): Grid =>
  gridOf(grid.rows, 1, (row) => {
    let total = 0
    for (let col = 0; col < grid.cols; col++) total += read(grid, row, col)
    return total
  })

/** The 1×n grid of each column's sum. */
export const columnSums = (grid: Grid): Grid =>
  gridOf(1, grid.cols, (_row, col) => {
    let total = 0
    for (let row = 0; row < grid.rows; row++) total += read(grid, row, col)
    return total
  })

/** Each row's softmax: exp(a − max) / Σ exp(a − max). */
export const rowSoftmax = (grid: Grid): Grid => {
  const maxima = gridOf(grid.rows, 1, (row) => {
    let largest = Number.NEGATIVE_INFINITY
    for (let col = 0; col < grid.cols; col++) largest = Math.max(largest, read(grid, row, col))
    return largest
  })
  const exponentials = gridOf(grid.rows, grid.cols, (row, col) =>
    Math.exp(read(grid, row, col) - read(maxima, row, 0)),
  )
  const sums = rowSums(exponentials)
  return gridOf(
    grid.rows,
    grid.cols,
    (row, col) => read(exponentials, row, col) / read(sums, row, 0),
  )
}

/** The transpose of a grid. */
export const transposeGrid = (grid: Grid): Grid =>
  gridOf(grid.cols, grid.rows, (row, col) => read(grid, col, row))

/** Zeros shaped like `target`: zipped in, they broadcast the other grids to its shape. */
export const zerosShapedLike = (target: Grid): Grid => gridOf(target.rows, target.cols, () => 0)

/** A grid as a Matrix, or where it is not finite (`what` is NaN at entry k). */
export const toMatrix = (grid: Grid, what: string): E.Either<string, Matrix> =>
  E.mapLeft(() => {
    const index = grid.entries.findIndex((value) => !Number.isFinite(value))
    return `${what} is ${grid.entries[index]} at entry ${index}`
  })(fromFlat(grid.rows, grid.cols, grid.entries))
