// Checks equals: exact by default, absolute/relative tolerance semantics, reflexive, symmetric.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { linalg } from '../../src/index.js'
import * as check from '../../src/check/index.js'
import { right } from '../support/either.js'

const row = (values: readonly number[]): linalg.Matrix => right(linalg.rowVector(values))

/** A tolerance record with each field present or absent. */
const tolerance = fc.record(
  {
    absolute: fc.double({ min: 0, max: 10, noNaN: true }),
    relative: fc.double({ min: 0, max: 1, noNaN: true }),
  },
  { requiredKeys: [] },
)

/** Two matrices of one shape, the second near the first (so both outcomes of equals occur). */
const nearbyPair = check.matrix({ maxSize: 6 }).chain((matrix) =>
  fc
    .array(fc.double({ min: -1e-3, max: 1e-3, noNaN: true }), {
      minLength: matrix.rows * matrix.cols,
      maxLength: matrix.rows * matrix.cols,
    })
    .map((offsets) => {
      const entries = linalg.toFlat(matrix)
      const moved = right(
        linalg.fromFlat(
          matrix.rows,
          matrix.cols,
          entries.map((value, index) => value + (offsets[index] ?? 0)),
        ),
      )
      return [matrix, moved] as const
    }),
)

describe('equals without a tolerance is exact', () => {
  test('identical entries are equal', () => {
    expect(linalg.equals(row([1, 2.5, -3]), row([1, 2.5, -3]))).toBe(true)
  })

  test('entries one ulp apart are not equal', () => {
    expect(linalg.equals(row([1, 2]), row([1 + Number.EPSILON, 2]))).toBe(false)
    expect(linalg.equals(row([1, 2]), row([1, 2 - Number.EPSILON]))).toBe(false)
  })

  test('+0 and −0 are equal entries', () => {
    expect(linalg.equals(linalg.zeros(2, 2), linalg.negate(linalg.zeros(2, 2)))).toBe(true)
  })

  test('an empty tolerance record is exact too', () => {
    expect(linalg.equals(row([1]), row([1 + Number.EPSILON]), {})).toBe(false)
  })
})

// Hand-picked entries whose differences and products are exact in binary: 96 and 128 differ by
// 32 = 0.25 · 128 = 16 + 0.125 · 128.
describe('tolerance semantics', () => {
  test('absolute: |x − y| ≤ absolute, the boundary included', () => {
    expect(linalg.equals(row([1, 5]), row([1.5, 5]), { absolute: 0.5 })).toBe(true)
    expect(linalg.equals(row([1, 5]), row([1.5, 5]), { absolute: 0.4999 })).toBe(false)
    expect(linalg.equals(row([-1000]), row([-1000.25]), { absolute: 0.25 })).toBe(true)
  })

  test('absolute tolerance does not grow with the entries', () => {
    expect(linalg.equals(row([1e6]), row([1e6 + 1]), { absolute: 0.5 })).toBe(false)
  })

  test('relative: |x − y| ≤ relative · max(|x|, |y|), the boundary included', () => {
    expect(linalg.equals(row([96]), row([128]), { relative: 0.25 })).toBe(true)
    expect(linalg.equals(row([96]), row([128]), { relative: 0.2 })).toBe(false)
    // 0.25 · min(|x|, |y|) = 24 < 32, so scaling by the smaller entry would say false.
    expect(linalg.equals(row([-96]), row([-128]), { relative: 0.25 })).toBe(true)
  })

  test('relative tolerance grows with the entries and never forgives a zero', () => {
    expect(linalg.equals(row([1e6]), row([1e6 + 1]), { relative: 1e-6 })).toBe(true)
    expect(linalg.equals(row([0]), row([1e-300]), { relative: 0.5 })).toBe(false)
  })

  test('both: the allowances add up', () => {
    expect(linalg.equals(row([96]), row([128]), { absolute: 16, relative: 0.125 })).toBe(true)
    expect(linalg.equals(row([96]), row([128]), { absolute: 15.5, relative: 0.125 })).toBe(false)
    // Neither allowance alone covers 32.
    expect(linalg.equals(row([96]), row([128]), { absolute: 16 })).toBe(false)
    expect(linalg.equals(row([96]), row([128]), { relative: 0.125 })).toBe(false)
  })

  test('every entry must agree, not just most', () => {
    const tolerant = { absolute: 0.1 }

    expect(linalg.equals(row([1, 2, 3]), row([1.05, 2.05, 3.05]), tolerant)).toBe(true)
    expect(linalg.equals(row([1, 2, 3]), row([1.05, 2.05, 3.5]), tolerant)).toBe(false)
  })

  test('an infinity agrees only with the same infinity', () => {
    const infinity = linalg.scale(linalg.fill(1, 1, 1e308), 10)
    const negativeInfinity = linalg.scale(linalg.fill(1, 1, 1e308), -10)
    const generous = { absolute: 1, relative: 1 }

    expect(linalg.toFlat(infinity)).toEqual([Infinity])
    expect(linalg.equals(infinity, linalg.scale(linalg.fill(1, 1, 1e308), 10))).toBe(true)
    expect(linalg.equals(infinity, row([1]), generous)).toBe(false)
    expect(linalg.equals(row([1]), infinity, generous)).toBe(false)
    expect(linalg.equals(infinity, negativeInfinity, generous)).toBe(false)
  })
})

describe('shapes', () => {
  test('a 1×2 and a 2×1 matrix with the same entries are not equal', () => {
    const wide = row([1, 2])
    const tall = right(linalg.columnVector([1, 2]))

    expect(linalg.equals(wide, tall)).toBe(false)
    expect(linalg.equals(wide, tall, { absolute: 1e300, relative: 1 })).toBe(false)
  })

  propertyTest.prop([check.matrix({ maxSize: 5 }), check.matrix({ maxSize: 5 }), tolerance])(
    'matrices of different shapes are never equal, whatever the tolerance',
    (a, b, allowance) => {
      fc.pre(a.rows !== b.rows || a.cols !== b.cols)

      expect(linalg.equals(a, b, allowance)).toBe(false)
      expect(linalg.equals(a, b, { absolute: Infinity })).toBe(false)
    },
  )
})

describe('laws', () => {
  propertyTest.prop([check.matrix(), tolerance])('equals is reflexive', (matrix, allowance) => {
    const copy = right(linalg.fromFlat(matrix.rows, matrix.cols, linalg.toFlat(matrix)))

    expect(linalg.equals(matrix, matrix)).toBe(true)
    expect(linalg.equals(matrix, copy)).toBe(true)
    expect(linalg.equals(matrix, matrix, allowance)).toBe(true)
  })

  propertyTest.prop([nearbyPair, tolerance])('equals is symmetric', ([a, b], allowance) => {
    expect(linalg.equals(a, b, allowance)).toBe(linalg.equals(b, a, allowance))
    expect(linalg.equals(a, b)).toBe(linalg.equals(b, a))
  })

  propertyTest.prop([check.sameShapeMatrices(2), tolerance])(
    'equals is symmetric for unrelated matrices too',
    ([a, b], allowance) => {
      expect(linalg.equals(a, b, allowance)).toBe(linalg.equals(b, a, allowance))
    },
  )

  propertyTest.prop([nearbyPair])('equals agrees with an entry-by-entry check', ([a, b]) => {
    const allowance = { absolute: 1e-4, relative: 1e-6 }
    const entriesOfB = linalg.toFlat(b)
    const expected = linalg.toFlat(a).every((x, index) => {
      const y = entriesOfB[index] ?? Number.NaN
      return Math.abs(x - y) <= 1e-4 + 1e-6 * Math.max(Math.abs(x), Math.abs(y))
    })

    expect(linalg.equals(a, b, allowance)).toBe(expected)
  })

  test('a NaN from overflow equals itself in the same place, and nothing else', () => {
    const infinite = linalg.scale(linalg.fill(1, 2, 1e308), 10)
    const notANumber = right(linalg.sub(infinite, infinite))
    expect(linalg.toFlat(notANumber).every(Number.isNaN)).toBe(true)
    expect(linalg.equals(notANumber, notANumber)).toBe(true)
    expect(linalg.equals(notANumber, linalg.zeros(1, 2), { absolute: 1e9, relative: 1 })).toBe(
      false,
    )
  })
})
