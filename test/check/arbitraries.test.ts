// Checks the matrix arbitraries: requested shapes, bounded finite entries, chained shapes, bad input.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { linalg } from '../../src/index.js'
import * as check from '../../src/check/index.js'
import { right } from '../support/either.js'

/** True when every entry is finite and within [−magnitude, magnitude]. */
const entriesWithin = (matrix: linalg.Matrix, magnitude: number): boolean =>
  linalg.toFlat(matrix).every((value) => Number.isFinite(value) && Math.abs(value) <= magnitude)

const shapeText = (matrix: linalg.Matrix): string => linalg.formatShape(matrix)

describe('matrixOfShape', () => {
  const request = fc.record({
    rows: fc.integer({ min: 1, max: 20 }),
    cols: fc.integer({ min: 1, max: 20 }),
    magnitude: fc.oneof(fc.constant(1e-300), fc.double({ min: 1e-3, max: 1e6, noNaN: true })),
  })

  propertyTest.prop([
    request.chain((asked) =>
      check
        .matrixOfShape(asked.rows, asked.cols, { magnitude: asked.magnitude })
        .map((matrix) => ({ asked, matrix })),
    ),
  ])('has the requested shape and finite entries within ±magnitude', ({ asked, matrix }) => {
    expect(linalg.isMatrix(matrix)).toBe(true)
    expect(matrix.shape).toEqual({ rows: asked.rows, cols: asked.cols })
    expect(linalg.toFlat(matrix)).toHaveLength(asked.rows * asked.cols)
    expect(entriesWithin(matrix, asked.magnitude)).toBe(true)
  })

  test('entries spread over both signs within the default magnitude 10', () => {
    const entries = fc
      .sample(check.matrixOfShape(4, 4), { numRuns: 50, seed: 7 })
      .flatMap((matrix) => linalg.toFlat(matrix))

    expect(entries.every((value) => Math.abs(value) <= 10)).toBe(true)
    expect(entries.some((value) => value < -1)).toBe(true)
    expect(entries.some((value) => value > 1)).toBe(true)
  })
})

describe('matrix', () => {
  propertyTest.prop([
    fc
      .integer({ min: 1, max: 12 })
      .chain((maxSize) => check.matrix({ maxSize }).map((matrix) => ({ maxSize, matrix }))),
  ])('has a shape between 1×1 and maxSize×maxSize, entries within ±10', ({ maxSize, matrix }) => {
    expect(matrix.rows).toBeGreaterThanOrEqual(1)
    expect(matrix.cols).toBeGreaterThanOrEqual(1)
    expect(matrix.rows).toBeLessThanOrEqual(maxSize)
    expect(matrix.cols).toBeLessThanOrEqual(maxSize)
    expect(entriesWithin(matrix, 10)).toBe(true)
  })

  test('reaches every shape up to maxSize', () => {
    const shapes = new Set(
      fc.sample(check.matrix({ maxSize: 3 }), { numRuns: 400, seed: 1 }).map(shapeText),
    )

    expect([...shapes].sort()).toEqual([
      '1×1',
      '1×2',
      '1×3',
      '2×1',
      '2×2',
      '2×3',
      '3×1',
      '3×2',
      '3×3',
    ])
  })

  propertyTest.prop([check.dimension(5)])('dimension stays within 1..maxSize', (size) => {
    expect(Number.isInteger(size)).toBe(true)
    expect(size).toBeGreaterThanOrEqual(1)
    expect(size).toBeLessThanOrEqual(5)
  })
})

describe('sameShapeMatrices', () => {
  propertyTest.prop([
    fc
      .integer({ min: 0, max: 5 })
      .chain((count) =>
        check
          .sameShapeMatrices(count, { maxSize: 6, magnitude: 2 })
          .map((matrices: readonly linalg.Matrix[]) => ({ count, matrices })),
      ),
  ])('gives count matrices of one shape', ({ count, matrices }) => {
    const shapes = new Set(matrices.map(shapeText))

    expect(matrices).toHaveLength(count)
    expect(shapes.size).toBeLessThanOrEqual(1)
    for (const matrix of matrices) {
      expect(matrix.rows).toBeLessThanOrEqual(6)
      expect(matrix.cols).toBeLessThanOrEqual(6)
      expect(entriesWithin(matrix, 2)).toBe(true)
    }
  })

  propertyTest.prop([check.sameShapeMatrices(3)])(
    'the tuple type matches its length',
    ([a, b, c]) => {
      expect(linalg.sameShape(a, b) && linalg.sameShape(b, c)).toBe(true)
    },
  )
})

describe('productChain', () => {
  propertyTest.prop([
    fc
      .integer({ min: 0, max: 5 })
      .chain((count) =>
        check
          .productChain(count, { maxSize: 5 })
          .map((matrices: readonly linalg.Matrix[]) => ({ count, matrices })),
      ),
  ])('gives count matrices whose shapes chain for multiplication', ({ count, matrices }) => {
    expect(matrices).toHaveLength(count)
    matrices.forEach((matrix, index) => {
      const next = matrices[index + 1]
      if (next !== undefined) expect(matrix.cols).toBe(next.rows)
      expect(matrix.rows).toBeLessThanOrEqual(5)
      expect(matrix.cols).toBeLessThanOrEqual(5)
      expect(entriesWithin(matrix, 10)).toBe(true)
    })
  })

  propertyTest.prop([check.productChain(3)])('every neighbouring pair multiplies', ([a, b, c]) => {
    const product = right(linalg.matmul(right(linalg.matmul(a, b)), c))

    expect(product.shape).toEqual({ rows: a.rows, cols: c.cols })
  })
})

describe('bad constraints throw a RangeError', () => {
  const badMaxSizes = [0, -1, 1.5, Number.NaN, Infinity]
  const badMagnitudes = [-1, 0, Number.NaN, Infinity]

  test.each(badMaxSizes)('maxSize %s', (maxSize) => {
    expect(() => check.matrix({ maxSize })).toThrow(RangeError)
    expect(() => check.sameShapeMatrices(2, { maxSize })).toThrow(RangeError)
    expect(() => check.productChain(2, { maxSize })).toThrow(RangeError)
    expect(() => check.dimension(maxSize)).toThrow(RangeError)
  })

  test.each(badMagnitudes)('magnitude %s', (magnitude) => {
    expect(() => check.matrix({ magnitude })).toThrow(RangeError)
    expect(() => check.matrixOfShape(2, 2, { magnitude })).toThrow(RangeError)
    expect(() => check.sameShapeMatrices(2, { magnitude })).toThrow(RangeError)
    expect(() => check.productChain(2, { magnitude })).toThrow(RangeError)
  })

  test.each([0, -1, 1.5, Number.NaN])('a side of %s in matrixOfShape', (size) => {
    expect(() => check.matrixOfShape(size, 2)).toThrow(RangeError)
    expect(() => check.matrixOfShape(2, size)).toThrow(RangeError)
  })

  test.each([-1, 1.5])('a count of %s', (count) => {
    expect(() => check.sameShapeMatrices(count)).toThrow(RangeError)
    expect(() => check.productChain(count)).toThrow(RangeError)
  })

  test('the message names the bad value', () => {
    expect(() => check.matrix({ maxSize: 0 })).toThrow(
      'matrix arbitraries: maxSize is 0, expected a positive integer',
    )
    expect(() => check.matrix({ magnitude: -1 })).toThrow(
      'matrix arbitraries: magnitude is -1, expected a positive number',
    )
  })
})
