// Checks the reductions: numpy's exact float64 sums and means, and the laws tying them together.

import { readFileSync } from 'node:fs'
import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { linalg } from '../../src/index.js'
import * as check from '../../src/check/index.js'
import { right } from '../support/either.js'

interface SumCase {
  readonly rows: number[][]
  readonly sum: number
  readonly mean: number
  readonly columnSums: number[]
  readonly rowSums: number[]
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null

const isNumbers = (value: unknown): value is number[] =>
  Array.isArray(value) && value.every((entry: unknown) => typeof entry === 'number')

const isSumCase = (value: unknown): value is SumCase =>
  isRecord(value) &&
  Array.isArray(value.rows) &&
  value.rows.every(isNumbers) &&
  typeof value.sum === 'number' &&
  typeof value.mean === 'number' &&
  isNumbers(value.columnSums) &&
  isNumbers(value.rowSums)

const loadSumCases = (): SumCase[] => {
  const fixture: unknown = JSON.parse(
    readFileSync(new URL('../fixtures/numpy_sums.json', import.meta.url), 'utf8'),
  )
  const cases: unknown = isRecord(fixture) ? fixture.cases : undefined
  if (!Array.isArray(cases) || !cases.every(isSumCase)) {
    throw new Error(
      'numpy_sums.json: expected { cases: [{ rows, sum, mean, columnSums, rowSums }] }',
    )
  }
  return cases
}

const sumCases = loadSumCases().map((fixture) => ({
  ...fixture,
  shape: `${fixture.rows.length}×${fixture.rows[0]?.length ?? 0}`,
}))

const absoluteSum = (values: readonly number[]): number =>
  values.reduce((total, value) => total + Math.abs(value), 0)

const sequentialSum = (values: readonly number[]): number =>
  values.reduce((total, value) => total + value, 0)

/** Column `col` of a matrix as an array. */
const column = (matrix: linalg.Matrix, col: number): number[] =>
  linalg.toRows(matrix).map((row) => row[col] ?? Number.NaN)

describe('sums agree bit for bit with numpy (numpy_sums.json)', () => {
  test('the fixture holds the expected cases', () => {
    expect(sumCases.map(({ shape }) => shape)).toEqual([
      '1×1',
      '1×7',
      '1×8',
      '1×9',
      '1×100',
      '1×128',
      '1×129',
      '1×300',
      '1×1000',
      '240×1',
      '60×2',
      '7×33',
      '20×17',
    ])
  })

  describe.each(sumCases)('$shape', (fixture) => {
    const matrix = right(linalg.fromRows(fixture.rows))

    test('sum is numpy sum()', () => {
      expect(linalg.sum(matrix)).toBe(fixture.sum)
    })

    test('mean is numpy mean()', () => {
      expect(linalg.mean(matrix)).toBe(fixture.mean)
    })

    test('columnSums is numpy sum(axis=0)', () => {
      expect(linalg.toFlat(linalg.columnSums(matrix))).toEqual(fixture.columnSums)
    })

    test('rowSums is numpy sum(axis=1)', () => {
      expect(linalg.toFlat(linalg.rowSums(matrix))).toEqual(fixture.rowSums)
    })
  })

  test('the fixture tells the summation orders apart', () => {
    // Unless plain left-to-right addition misses some of numpy's totals, the exact comparisons
    // above could not notice a kernel that ignored numpy's order.
    const sequentialMisses = sumCases.filter(
      ({ rows, sum }) => sequentialSum(rows.flat()) !== sum,
    ).length
    const singleColumn = sumCases.find(({ shape }) => shape === '240×1')

    expect(sequentialMisses).toBeGreaterThan(0)
    expect(singleColumn).toBeDefined()
    expect(sequentialSum(singleColumn?.rows.flat() ?? [])).not.toBe(singleColumn?.columnSums[0])
  })
})

describe('sum and mean', () => {
  test('a sum of negative zeros is +0, as numpy starts from 0', () => {
    const negativeZeros = linalg.negate(linalg.zeros(2, 3))

    expect(Object.is(linalg.sum(negativeZeros), 0)).toBe(true)
    expect(linalg.toFlat(linalg.rowSums(negativeZeros)).every((value) => Object.is(value, 0))).toBe(
      true,
    )
    expect(
      linalg.toFlat(linalg.columnSums(negativeZeros)).every((value) => Object.is(value, 0)),
    ).toBe(true)
  })

  test('hand-computed sums and means', () => {
    const matrix = right(
      linalg.fromRows([
        [1, 2, 3],
        [4, 5, 6],
      ]),
    )

    expect(linalg.sum(matrix)).toBe(21)
    expect(linalg.mean(matrix)).toBe(3.5)
    expect(linalg.rowSums(matrix)).toEqual(right(linalg.columnVector([6, 15])))
    expect(linalg.columnSums(matrix)).toEqual(right(linalg.rowVector([5, 7, 9])))
    expect(linalg.rowMeans(matrix)).toEqual(right(linalg.columnVector([2, 5])))
    expect(linalg.columnMeans(matrix)).toEqual(right(linalg.rowVector([2.5, 3.5, 4.5])))
  })

  propertyTest.prop([check.matrix({ maxSize: 12, magnitude: 1e6 })])(
    'sum is within n·ε·Σ|a| of the left-to-right sum',
    (matrix) => {
      const entries = linalg.toFlat(matrix)
      const tolerance = entries.length * Number.EPSILON * absoluteSum(entries)

      const total = linalg.sum(matrix)

      expect(Math.abs(total - sequentialSum(entries))).toBeLessThanOrEqual(tolerance)
    },
  )

  propertyTest.prop([check.matrix({ maxSize: 12, magnitude: 1e6 })])(
    'sum(A) ≈ Σ rowSums(A) ≈ Σ columnSums(A)',
    (matrix) => {
      const entries = linalg.toFlat(matrix)
      const tolerance = 2 * entries.length * Number.EPSILON * absoluteSum(entries)

      const total = linalg.sum(matrix)
      const ofRowSums = sequentialSum(linalg.toFlat(linalg.rowSums(matrix)))
      const ofColumnSums = sequentialSum(linalg.toFlat(linalg.columnSums(matrix)))

      expect(Math.abs(total - ofRowSums)).toBeLessThanOrEqual(tolerance)
      expect(Math.abs(total - ofColumnSums)).toBeLessThanOrEqual(tolerance)
    },
  )

  propertyTest.prop([check.matrix({ maxSize: 12 })])('mean is sum / size exactly', (matrix) => {
    expect(linalg.mean(matrix)).toBe(linalg.sum(matrix) / (matrix.rows * matrix.cols))
  })

  propertyTest.prop([check.matrix({ maxSize: 12 })])(
    'rowMeans and columnMeans divide the row and column sums by the count',
    (matrix) => {
      const rowSums = linalg.toFlat(linalg.rowSums(matrix))
      const columnSums = linalg.toFlat(linalg.columnSums(matrix))

      const rowMeans = linalg.rowMeans(matrix)
      const columnMeans = linalg.columnMeans(matrix)

      expect(rowMeans.shape).toEqual({ rows: matrix.rows, cols: 1 })
      expect(columnMeans.shape).toEqual({ rows: 1, cols: matrix.cols })
      expect(linalg.toFlat(rowMeans)).toEqual(rowSums.map((total) => total / matrix.cols))
      expect(linalg.toFlat(columnMeans)).toEqual(columnSums.map((total) => total / matrix.rows))
    },
  )
})

describe('rowSums and columnSums follow numpy’s order', () => {
  propertyTest.prop([check.matrix({ maxSize: 12, magnitude: 1e6 })])(
    'columnSums of two or more columns adds row after row',
    (matrix) => {
      fc.pre(matrix.cols >= 2)
      const expected = Array.from({ length: matrix.cols }, (_, col) =>
        sequentialSum(column(matrix, col)),
      )

      expect(linalg.toFlat(linalg.columnSums(matrix))).toEqual(expected)
    },
  )

  propertyTest.prop([
    fc.integer({ min: 1, max: 300 }).chain((rows) => check.matrixOfShape(rows, 1)),
  ])('columnSums of a single column is the pairwise sum of that column, as numpy', (matrix) => {
    expect(linalg.toFlat(linalg.columnSums(matrix))).toEqual([linalg.sum(matrix)])
  })

  propertyTest.prop([
    fc.integer({ min: 1, max: 300 }).chain((cols) => check.matrixOfShape(3, cols)),
  ])('each row sum is the sum of that row on its own', (matrix) => {
    const rows = linalg.toRows(matrix).map((row) => right(linalg.rowVector(row)))

    expect(linalg.toFlat(linalg.rowSums(matrix))).toEqual(rows.map(linalg.sum))
  })
})

describe('frobeniusNorm', () => {
  test('hand-computed norm', () => {
    expect(
      linalg.frobeniusNorm(
        right(
          linalg.fromRows([
            [3, 0],
            [0, -4],
          ]),
        ),
      ),
    ).toBe(5)
  })

  propertyTest.prop([check.matrix({ maxSize: 12 })])('frobeniusNorm(A)² ≈ dot(A, A)', (matrix) => {
    const entries = linalg.toFlat(matrix)
    const squares = entries.reduce((total, value) => total + value * value, 0)
    const tolerance = 4 * (entries.length + 2) * Number.EPSILON * squares + Number.MIN_VALUE

    const norm = linalg.frobeniusNorm(matrix)

    expect(norm).toBeGreaterThanOrEqual(0)
    expect(Math.abs(norm * norm - right(linalg.dot(matrix, matrix)))).toBeLessThanOrEqual(tolerance)
  })
})

describe('rowMax and rowArgmax', () => {
  const naiveArgmax = (row: readonly number[]): number => {
    let best = 0
    row.forEach((value, index) => {
      if (value > (row[best] ?? Number.NaN)) best = index
    })
    return best
  }

  test('ties pick the first column, as numpy argmax', () => {
    const matrix = right(
      linalg.fromRows([
        [2, 7, 7, 1],
        [-1, -1, -1, -1],
        [0, -0, 3, 3],
      ]),
    )

    expect(linalg.rowArgmax(matrix)).toEqual([1, 0, 2])
    expect(linalg.rowMax(matrix)).toEqual(right(linalg.columnVector([7, -1, 3])))
  })

  // Small integers make ties common.
  const tiedMatrix = fc.tuple(check.dimension(8), check.dimension(8)).chain(([rows, cols]) =>
    fc.array(fc.array(fc.integer({ min: -3, max: 3 }), { minLength: cols, maxLength: cols }), {
      minLength: rows,
      maxLength: rows,
    }),
  )

  propertyTest.prop([tiedMatrix])('rowArgmax is the first index of each row’s maximum', (rows) => {
    const matrix = right(linalg.fromRows(rows))

    expect(linalg.rowArgmax(matrix)).toEqual(rows.map(naiveArgmax))
  })

  propertyTest.prop([check.matrix({ maxSize: 12 })])(
    'rowMax is each row’s first largest entry, found at rowArgmax',
    (matrix) => {
      const rows = linalg.toRows(matrix)
      const argmax = linalg.rowArgmax(matrix)

      const maxima = linalg.toFlat(linalg.rowMax(matrix))

      expect(maxima).toEqual(rows.map((row) => row[naiveArgmax(row)]))
      expect(maxima).toEqual(rows.map((row, index) => row[argmax[index] ?? -1]))
    },
  )
})

describe('reductions never write their input', () => {
  propertyTest.prop([check.matrix({ maxSize: 12 })])(
    'every reduction leaves A unchanged',
    (matrix) => {
      const before = linalg.toFloat64Array(matrix)

      linalg.sum(matrix)
      linalg.mean(matrix)
      linalg.rowSums(matrix)
      linalg.columnSums(matrix)
      linalg.rowMeans(matrix)
      linalg.columnMeans(matrix)
      linalg.frobeniusNorm(matrix)
      linalg.rowMax(matrix)
      linalg.rowArgmax(matrix)

      expect(linalg.toFloat64Array(matrix)).toEqual(before)
    },
  )
})
