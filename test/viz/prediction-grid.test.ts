// predictionGrid against the notebook's decision-boundary grids (figures 4 and 9): numpy's arange
// bounds and shape on the moons training set and the circles, and the predicted class of every
// cell; arange against numpy's fill rule; the Lefts.

import { fc } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { linalg, network, random } from '../../src/index.js'
import { predictionGrid, type PredictionGrid } from '../../src/viz/index.js'
import { arange } from '../../src/viz/prediction-grid.js'
import { left, right } from '../support/either.js'
import { field, numbers } from '../support/fixtures.js'
import {
  circlesData,
  circlesNetwork,
  figures,
  moonsNetwork,
  moonsTrain,
  threeClassAt,
  threeClassNetwork,
  threeClassPoints,
} from './notebook-figures.js'

const [moonsReference, circlesReference] = field(figures, 'decision_boundaries_figs_4_9') as [
  unknown,
  unknown,
]
const numberAt = (value: unknown, key: string): number => {
  const found = field(value, key)
  if (typeof found !== 'number') throw new Error(`${key} is not a number`)
  return found
}

/** The notebook's Z: one string of 0/1 per grid row, bottom row first. */
const classRows = (reference: unknown): string[] => field(reference, 'Z_rows') as string[]
const predictedRows = (grid: PredictionGrid): string[] =>
  grid.ys.map((_, row) =>
    grid.xs
      .map((__, col) => ((grid.values[row * grid.xs.length + col] ?? 0) > 0.5 ? '1' : '0'))
      .join(''),
  )

describe.each([
  ['moons (fig_04)', moonsReference, () => predictionGrid(moonsNetwork, moonsTrain)],
  ['circles (fig_09)', circlesReference, () => predictionGrid(circlesNetwork, circlesData)],
])('the notebook grid of %s', (_, reference, build) => {
  const grid = right(build())

  // the datasets agree with scikit-learn's to about 1e-15 (numpy's sin/cos differ from Math's
  // in the last bits), so the bounds do too; the shape is exact
  test('spans min − 0.5 … max + 0.5 in the notebook’s shape', () => {
    const bounds = [grid.xMin, grid.xMax, grid.yMin, grid.yMax]
    const expected = ['x_min', 'x_max', 'y_min', 'y_max'].map((key) => numberAt(reference, key))
    bounds.forEach((bound, index) => {
      expect(bound).toBeCloseTo(expected[index] ?? Number.NaN, 14)
    })
    expect([grid.ys.length, grid.xs.length]).toStrictEqual(numbers(field(reference, 'grid_shape')))
    expect(grid.step).toBe(0.02)
    const close = (actual: readonly number[], wanted: readonly number[]): number =>
      Math.max(...actual.map((value, index) => Math.abs(value - (wanted[index] ?? Number.NaN))))
    expect(close(grid.xs, numbers(field(reference, 'xs')))).toBeLessThan(1e-14)
    expect(close(grid.ys, numbers(field(reference, 'ys')))).toBeLessThan(1e-14)
  })

  test('from the notebook’s own bounds, its axes come out value for value', () => {
    const h = numberAt(reference, 'h')
    expect(arange(numberAt(reference, 'x_min'), numberAt(reference, 'x_max'), h)).toStrictEqual(
      numbers(field(reference, 'xs')),
    )
    expect(arange(numberAt(reference, 'y_min'), numberAt(reference, 'y_max'), h)).toStrictEqual(
      numbers(field(reference, 'ys')),
    )
  })

  test('predicts the notebook’s class in every cell', () => {
    expect(grid.values.length).toBe(grid.xs.length * grid.ys.length)
    const expected = classRows(reference)
    const actual = predictedRows(grid)
    let differing = 0
    let ones = 0
    actual.forEach((row, index) => {
      for (let col = 0; col < row.length; col++) {
        if (row.charAt(col) !== expected[index]?.charAt(col)) differing++
        if (row.charAt(col) === '1') ones++
      }
    })
    expect(differing).toBe(0)
    expect(ones).toBe(numberAt(reference, 'Z_sum'))
  })
})

describe('arange', () => {
  test('has ⌈(stop − start)/step⌉ values, starting at start, δ apart as numpy fills them', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        fc.double({ min: 0.05, max: 5, noNaN: true }),
        (start, width, step) => {
          const stop = start + width
          const values = arange(start, stop, step)
          expect(values.length).toBe(Math.ceil((stop - start) / step))
          expect(values[0]).toBe(start)
          const delta = start + step - start
          const wrong = values.filter(
            (value, index) => value !== (index === 0 ? start : start + index * delta),
          )
          expect(wrong).toStrictEqual([])
          expect((values[values.length - 1] ?? stop) < stop + step).toBe(true)
        },
      ),
    )
  })

  test('is empty when stop is not beyond start', () => {
    expect(arange(1, 1, 0.5)).toStrictEqual([])
    expect(arange(2, 1, 0.5)).toStrictEqual([])
  })
})

describe('predictionGrid of several outputs', () => {
  test('gives the argmax class of every cell: the half-planes of the logits (x, y, 0)', () => {
    const grid = right(predictionGrid(threeClassNetwork, threeClassPoints, 0.5))
    expect(grid.xs.map((x) => Number(x.toFixed(6)))).toStrictEqual([
      -1.6, -1.1, -0.6, -0.1, 0.4, 0.9, 1.4,
    ])
    expect(grid.ys.map((y) => Number(y.toFixed(6)))).toStrictEqual([
      -1.85, -1.35, -0.85, -0.35, 0.15, 0.65, 1.15,
    ])
    expect(grid.classes?.count).toBe(3)
    const expected = grid.ys.flatMap((y) => grid.xs.map((x) => threeClassAt(x, y)))
    expect(grid.classes?.argmax).toStrictEqual(expected)
    // all three classes appear: the picture is not one colour
    expect(new Set(expected)).toStrictEqual(new Set([0, 1, 2]))
    // the values stay the first output: softmax's class-0 probability e^x / (e^x + e^y + 1)
    const [x, y] = [grid.xs[0] ?? Number.NaN, grid.ys[0] ?? Number.NaN]
    expect(grid.values[0]).toBeCloseTo(Math.exp(x) / (Math.exp(x) + Math.exp(y) + 1), 12)
  })

  test('a one-output network has no classes (its value is class 1’s probability)', () => {
    expect(right(predictionGrid(moonsNetwork, moonsTrain, 0.5)).classes).toBeUndefined()
  })
})

describe('predictionGrid refuses', () => {
  test('inputs that are not a plane', () => {
    const error = left(
      predictionGrid(moonsNetwork, { X: linalg.zeros(3, 3), y: linalg.zeros(3, 1) }),
    )
    expect(error.message).toBe('predictionGrid: X is 3×3, expected 2 columns (a plane to draw)')
  })

  test('a step that would make a huge grid', () => {
    const error = left(predictionGrid(moonsNetwork, moonsTrain, 0.0001))
    expect(error.message).toMatch(
      /^predictionGrid: a step of 0.0001 makes \d+ grid points, more than 4000000$/,
    )
  })

  test('a step that is not positive, by throwing (a programming mistake)', () => {
    expect(() => predictionGrid(moonsNetwork, moonsTrain, 0)).toThrow(
      'predictionGrid: step is 0, expected a positive finite number',
    )
  })

  test('a network that does not take two inputs', () => {
    const threeInputs = right(
      network.mlp([3, 2, 1], { hidden: 'relu', output: 'sigmoid', key: random.key(0) }),
    )
    const error = left(predictionGrid(threeInputs, moonsTrain, 0.5))
    expect(error.message).toMatch(/^predict: layer 0 \(dense 3→2\)/)
  })
})
