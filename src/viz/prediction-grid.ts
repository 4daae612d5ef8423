// The notebook's decision-boundary grid: np.meshgrid(np.arange(x_min, x_max, h), np.arange(y_min,
// y_max, h)) over the data's range widened by 0.5, and the network's output at every grid point.
// Laws: the axes equal numpy's arange value for value; one value per cell, row-major (and, for a
// network of several outputs, one argmax class per cell).

import * as E from 'fp-ts/lib/Either.js'
import type { Dataset } from '../data/index.js'
import * as linalg from '../linalg/index.js'
import { float64At } from '../linalg/internal.js'
import { networkError, predict, type Network, type NetworkError } from '../network/index.js'

/**
 * The class a network of several outputs (one per class: softmax, one-hot) predicts at every grid
 * point: the argmax of its outputs (the first of equal maxima, as numpy's argmax).
 *
 * @category Figures
 */
export interface GridClasses {
  /** How many classes the network tells apart: its output width. */
  readonly count: number
  /** The predicted class at (xs[i], ys[j]) is `argmax[j * xs.length + i]`. */
  readonly argmax: readonly number[]
}

/**
 * The network's output over a regular grid of the input plane.
 *
 * @category Figures
 */
export interface PredictionGrid {
  /** The grid step h. */
  readonly step: number
  /** The grid's x coordinates (numpy's arange(x_min, x_max, h)), left to right. */
  readonly xs: readonly number[]
  /** The grid's y coordinates, bottom to top. */
  readonly ys: readonly number[]
  /** The range the grid spans: the data's minimum − 0.5 to its maximum + 0.5. */
  readonly xMin: number
  readonly xMax: number
  readonly yMin: number
  readonly yMax: number
  /** The output (first column) at (xs[i], ys[j]) is `values[j * xs.length + i]`. */
  readonly values: readonly number[]
  /** For a network of two or more outputs, the predicted class per cell; absent for one output. */
  readonly classes?: GridClasses
}

/**
 * The largest grid `predictionGrid` builds (a step far too small for the data is a mistake).
 *
 * @category Figures
 */
export const MAX_GRID_CELLS = 4_000_000

/**
 * numpy's `arange(start, stop, step)` for floats: ⌈(stop − start)/step⌉ values, the i-th being
 * start + i·δ with δ = (start + step) − start, as numpy fills them (δ may differ from `step` in the
 * last bit, and so does every value after the first).
 *
 * @example
 * import assert from 'node:assert'
 * import { arange } from './prediction-grid.js'
 * assert.deepStrictEqual(arange(0, 1, 0.25), [0, 0.25, 0.5, 0.75])
 * assert.strictEqual(arange(-1.9725023343846568, 3.048764129568826, 0.02).length, 252)
 */
export const arange = (start: number, stop: number, step: number): number[] => {
  const length = Math.max(0, Math.ceil((stop - start) / step))
  const delta = start + step - start
  return Array.from({ length }, (_, index) => (index === 0 ? start : start + index * delta))
}

const failure = (message: string): NetworkError =>
  networkError('ShapeMismatch', `predictionGrid: ${message}`)

/** The minimum and maximum of one column. */
const extent = (values: Float64Array, column: number, width: number): [number, number] => {
  let low = Infinity
  let high = -Infinity
  for (let index = column; index < values.length; index += width) {
    const value = float64At(values, index, 'predictionGrid: extent')
    if (value < low) low = value
    if (value > high) high = value
  }
  return [low, high]
}

/**
 * The network's output over the notebook's grid for the dataset: x from min(X[:, 0]) − 0.5 to
 * max + 0.5 in steps of `step` (the notebook's h = 0.02), y likewise, the output's first column
 * (class 1's probability for the notebook's sigmoid output) at every point, and — for a network
 * of two or more outputs, one per class — the argmax class at every point. Left when X does not
 * have two columns, is not finite, the network does not take two inputs, or the grid would have
 * more than MAX_GRID_CELLS points; a step that is not a positive finite number is a programming
 * mistake and throws a RangeError.
 *
 * @category Figures
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { linalg, network, random } from 'gradfold'
 * import { predictionGrid } from './prediction-grid.js'
 * const net = network.mlp([2, 3, 1], { hidden: 'relu', output: 'sigmoid', key: random.key(0) })
 * const X = linalg.fromRows([[0, 0], [1, 0.5]])
 * assert.ok(E.isRight(net) && E.isRight(X))
 * const grid = predictionGrid(net.right, { X: X.right, y: linalg.zeros(2, 1) }, 0.5)
 * assert.ok(E.isRight(grid))
 * assert.deepStrictEqual(grid.right.xs, [-0.5, 0, 0.5, 1])
 * assert.deepStrictEqual(grid.right.ys, [-0.5, 0, 0.5])
 * assert.strictEqual(grid.right.values.length, 12)
 */
export const predictionGrid = (
  net: Network,
  dataset: Dataset,
  step = 0.02,
): E.Either<NetworkError, PredictionGrid> => {
  if (!Number.isFinite(step) || step <= 0) {
    throw new RangeError(`predictionGrid: step is ${step}, expected a positive finite number`)
  }
  const { X } = dataset
  if (X.cols !== 2) {
    return E.left(failure(`X is ${linalg.formatShape(X)}, expected 2 columns (a plane to draw)`))
  }
  const values = linalg.toFloat64Array(X)
  const [xLow, xHigh] = extent(values, 0, 2)
  const [yLow, yHigh] = extent(values, 1, 2)
  if (![xLow, xHigh, yLow, yHigh].every(Number.isFinite)) {
    return E.left(failure('X has a value that is not a finite number'))
  }
  const [xMin, xMax, yMin, yMax] = [xLow - 0.5, xHigh + 0.5, yLow - 0.5, yHigh + 0.5]
  const cells = Math.ceil((xMax - xMin) / step) * Math.ceil((yMax - yMin) / step)
  if (cells > MAX_GRID_CELLS) {
    return E.left(
      failure(`a step of ${step} makes ${cells} grid points, more than ${MAX_GRID_CELLS}`),
    )
  }
  const xs = arange(xMin, xMax, step)
  const ys = arange(yMin, yMax, step)
  const points = new Float64Array(xs.length * ys.length * 2)
  ys.forEach((y, row) => {
    xs.forEach((x, col) => {
      const at = (row * xs.length + col) * 2
      points[at] = x
      points[at + 1] = y
    })
  })
  const grid = linalg.fromFlat(xs.length * ys.length, 2, points)
  if (E.isLeft(grid)) return E.left(failure(grid.left.message))
  return E.map((output: linalg.Matrix): PredictionGrid => {
    const flat = linalg.toFloat64Array(output)
    const width = output.cols
    const classes: GridClasses | undefined =
      width < 2
        ? undefined
        : Object.freeze({
            count: width,
            argmax: Object.freeze(Array.from(linalg.rowArgmax(output))),
          })
    return Object.freeze({
      step,
      xs,
      ys,
      xMin,
      xMax,
      yMin,
      yMax,
      values: Array.from({ length: output.rows }, (_, row) =>
        float64At(flat, row * width, 'predictionGrid: values'),
      ),
      ...(classes === undefined ? {} : { classes }),
    })
  })(predict(net, grid.right))
}
