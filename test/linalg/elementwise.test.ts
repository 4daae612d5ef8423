// Element-wise arithmetic, scaling, user functions and the bias broadcast: each agrees with the
// scalar operation entry by entry, reports misuse as a value, and leaves its inputs alone.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { linalg } from '../../src/index.js'
import * as check from '../../src/check/index.js'
import { left, right } from '../support/either.js'

const entryByEntry = (
  a: linalg.Matrix,
  b: linalg.Matrix,
  f: (x: number, y: number) => number,
): number[] => {
  const other = linalg.toFlat(b)
  return linalg.toFlat(a).map((value, index) => f(value, other[index] ?? Number.NaN))
}

describe('add, sub, mul', () => {
  propertyTest.prop([check.sameShapeMatrices(2)])(
    'agree with scalar arithmetic entry by entry',
    ([a, b]) => {
      expect(linalg.toFlat(right(linalg.add(a, b)))).toStrictEqual(
        entryByEntry(a, b, (x, y) => x + y),
      )
      expect(linalg.toFlat(right(linalg.sub(a, b)))).toStrictEqual(
        entryByEntry(a, b, (x, y) => x - y),
      )
      expect(linalg.toFlat(right(linalg.mul(a, b)))).toStrictEqual(
        entryByEntry(a, b, (x, y) => x * y),
      )
    },
  )

  propertyTest.prop([check.sameShapeMatrices(2)])('add and mul commute', ([a, b]) => {
    expect(right(linalg.add(a, b))).toEqual(right(linalg.add(b, a)))
    expect(right(linalg.mul(a, b))).toEqual(right(linalg.mul(b, a)))
  })

  propertyTest.prop([check.matrix()])('a − a = 0', (a) => {
    expect(right(linalg.sub(a, a))).toEqual(linalg.zeros(a.rows, a.cols))
  })

  test('shape mismatches name both shapes', () => {
    const tall = linalg.zeros(3, 2)
    const wide = linalg.zeros(2, 3)
    expect(left(linalg.add(tall, wide)).message).toBe('add: 3×2 + 2×3 — shapes differ')
    expect(left(linalg.sub(tall, wide)).message).toBe('sub: 3×2 − 2×3 — shapes differ')
    expect(left(linalg.mul(tall, wide)).message).toBe('mul: 3×2 ⊙ 2×3 — shapes differ')
    expect(left(linalg.div(tall, wide)).message).toBe('div: 3×2 ⊘ 2×3 — shapes differ')
    expect(left(linalg.zipWith(tall, wide, Math.max)).message).toBe(
      'zipWith: 3×2 ∘ 2×3 — shapes differ',
    )
  })
})

describe('div', () => {
  propertyTest.prop([check.sameShapeMatrices(2)])(
    'agrees with scalar division where the divisor is non-zero',
    ([a, b]) => {
      const divisor = right(linalg.map(b, (value) => (value === 0 ? 1 : value)))
      expect(linalg.toFlat(right(linalg.div(a, divisor)))).toStrictEqual(
        entryByEntry(a, divisor, (x, y) => x / y),
      )
    },
  )

  test('a zero divisor is reported at its first position instead of producing Infinity or NaN', () => {
    const divisor = right(
      linalg.fromRows([
        [1, 2],
        [0, 0],
      ]),
    )
    expect(left(linalg.div(linalg.ones(2, 2), divisor))).toMatchObject({
      _tag: 'NonFiniteValue',
      row: 1,
      col: 0,
      message: 'div: the divisor at [1, 0] is 0, expected a non-zero number',
    })
  })
})

describe('scale and negate', () => {
  propertyTest.prop([check.matrix(), fc.double({ min: -100, max: 100, noNaN: true })])(
    'scale multiplies every entry',
    (a, factor) => {
      expect(linalg.toFlat(linalg.scale(a, factor))).toStrictEqual(
        linalg.toFlat(a).map((value) => factor * value),
      )
    },
  )

  propertyTest.prop([check.matrix()])(
    'scale by 1 is the identity and negate is scale by −1',
    (a) => {
      expect(linalg.scale(a, 1)).toEqual(a)
      expect(linalg.negate(a)).toEqual(linalg.scale(a, -1))
      expect(linalg.negate(linalg.negate(a))).toEqual(a)
    },
  )

  test('a non-finite factor is a precondition violation', () => {
    expect(() => linalg.scale(linalg.ones(1, 1), Number.NaN)).toThrow(
      new RangeError('scale: factor is NaN, expected a finite number'),
    )
  })
})

describe('map and zipWith', () => {
  propertyTest.prop([check.matrix()])(
    'map applies the function to every entry, and only to the entry',
    (a) => {
      const seen: number[][] = []
      const mapped = right(
        linalg.map(a, (...args: number[]) => {
          seen.push(args)
          return 2 * (args[0] ?? Number.NaN) + 1
        }),
      )
      expect(linalg.toFlat(mapped)).toStrictEqual(linalg.toFlat(a).map((value) => 2 * value + 1))
      expect(seen).toStrictEqual(linalg.toFlat(a).map((value) => [value]))
    },
  )

  test('map and zipWith pass no positions, so Math functions of several arguments are safe', () => {
    const data = right(
      linalg.fromRows([
        [1e-300, -3],
        [0, 2],
      ]),
    )
    expect(linalg.toRows(right(linalg.zipWith(data, linalg.zeros(2, 2), Math.min)))).toStrictEqual([
      [0, -3],
      [0, 0],
    ])
    expect(linalg.toRows(right(linalg.map(data, Math.max)))).toStrictEqual([
      [1e-300, -3],
      [0, 2],
    ])
  })

  propertyTest.prop([check.sameShapeMatrices(2)])('zipWith combines matching entries', ([a, b]) => {
    expect(linalg.toFlat(right(linalg.zipWith(a, b, Math.min)))).toStrictEqual(
      entryByEntry(a, b, Math.min),
    )
  })

  test('a NaN from the user function is reported with its position', () => {
    const data = right(
      linalg.fromRows([
        [4, 1],
        [-1, 9],
      ]),
    )
    expect(left(linalg.map(data, Math.sqrt)).message).toBe(
      "map: the function's value at [1, 0] is NaN, expected a finite number",
    )
    expect(left(linalg.zipWith(data, data, (x, y) => (x < 0 ? Math.log(y) : x))).message).toBe(
      "zipWith: the function's value at [1, 0] is NaN, expected a finite number",
    )
  })
})

describe('addRowVector', () => {
  propertyTest.prop([
    check.dimension().chain((cols) =>
      fc.tuple(
        check.dimension().chain((rows) => check.matrixOfShape(rows, cols)),
        check.matrixOfShape(1, cols),
      ),
    ),
  ])('adds the row to every row', ([a, bias]) => {
    const biased = right(linalg.addRowVector(a, bias))
    for (let row = 0; row < a.rows; row++) {
      for (let col = 0; col < a.cols; col++) {
        expect(linalg.get(biased, row, col)).toBe(
          linalg.get(a, row, col) + linalg.get(bias, 0, col),
        )
      }
    }
  })

  test('the bias must be a row as wide as the matrix', () => {
    expect(left(linalg.addRowVector(linalg.zeros(4, 3), linalg.zeros(1, 2))).message).toBe(
      'addRowVector: 4×3 + 1×2 — expected a 1×3 row vector',
    )
    expect(left(linalg.addRowVector(linalg.zeros(4, 3), linalg.zeros(3, 1)))._tag).toBe(
      'ShapeMismatch',
    )
  })
})

describe('no element-wise operation mutates its inputs', () => {
  propertyTest.prop([check.sameShapeMatrices(2)])('all of them, on the same operands', ([a, b]) => {
    const before = [linalg.toFlat(a), linalg.toFlat(b)]
    linalg.add(a, b)
    linalg.sub(a, b)
    linalg.mul(a, b)
    linalg.div(a, b)
    linalg.scale(a, 3)
    linalg.negate(b)
    linalg.map(a, (value) => value * 2)
    linalg.zipWith(a, b, (x, y) => x - y)
    linalg.addRowVector(a, linalg.ones(1, a.cols))
    expect([linalg.toFlat(a), linalg.toFlat(b)]).toStrictEqual(before)
  })
})
