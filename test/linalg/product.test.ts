// Matrix products and the transpose: the algebraic laws, the transposed forms backprop uses,
// agreement with a textbook triple sum, shape errors, and untouched inputs.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { linalg } from '../../src/index.js'
import * as check from '../../src/check/index.js'
import { left, right } from '../support/either.js'

/** The textbook definition (AB)ᵢⱼ = Σₖ AᵢₖBₖⱼ, written independently of the kernels. */
const textbookProduct = (a: linalg.Matrix, b: linalg.Matrix): number[][] => {
  const left = linalg.toRows(a)
  const rightRows = linalg.toRows(b)
  return left.map((row) =>
    Array.from({ length: b.cols }, (_, col) =>
      row.reduce(
        (total, value, inner) => total + value * (rightRows[inner]?.[col] ?? Number.NaN),
        0,
      ),
    ),
  )
}

/** Entries agree within a tolerance scaled by the magnitudes summed (k·ε·Σ|aᵢₖ||bₖⱼ|). */
const closeProducts = (actual: linalg.Matrix, expected: linalg.Matrix, scale: number): boolean =>
  linalg.equals(actual, expected, { absolute: 1e-12 * scale, relative: 1e-12 })

const multiply = (a: linalg.Matrix, b: linalg.Matrix): linalg.Matrix => right(linalg.matmul(a, b))

describe('matmul', () => {
  test('the hand-computed 2×3 · 3×2 example', () => {
    const a = right(
      linalg.fromRows([
        [1, 2, 3],
        [4, 5, 6],
      ]),
    )
    const b = right(
      linalg.fromRows([
        [7, 8],
        [9, 10],
        [11, 12],
      ]),
    )
    expect(linalg.toRows(multiply(a, b))).toStrictEqual([
      [58, 64],
      [139, 154],
    ])
  })

  propertyTest.prop([check.productChain(2, { maxSize: 12 })])(
    'agrees with the textbook triple sum',
    ([a, b]) => {
      const expected = right(linalg.fromRows(textbookProduct(a, b)))
      expect(closeProducts(multiply(a, b), expected, 100 * a.cols)).toBe(true)
    },
  )

  propertyTest.prop([check.productChain(3)])('is associative: (AB)C ≈ A(BC)', ([a, b, c]) => {
    const leftFirst = multiply(multiply(a, b), c)
    const rightFirst = multiply(a, multiply(b, c))
    expect(closeProducts(leftFirst, rightFirst, 1000 * a.cols * b.cols)).toBe(true)
  })

  propertyTest.prop([check.productChain(2)])('transposes as (AB)ᵀ = BᵀAᵀ', ([a, b]) => {
    expect(linalg.transpose(multiply(a, b))).toEqual(
      multiply(linalg.transpose(b), linalg.transpose(a)),
    )
  })

  propertyTest.prop([
    fc
      .tuple(check.dimension(), check.dimension(), check.dimension())
      .chain(([rows, inner, cols]) =>
        fc.tuple(
          check.matrixOfShape(rows, inner),
          check.matrixOfShape(inner, cols),
          check.matrixOfShape(inner, cols),
        ),
      ),
  ])('distributes: A(B + C) ≈ AB + AC', ([a, b, c]) => {
    const distributed = right(linalg.add(multiply(a, b), multiply(a, c)))
    const combined = multiply(a, right(linalg.add(b, c)))
    expect(closeProducts(combined, distributed, 1000 * a.cols)).toBe(true)
  })

  propertyTest.prop([check.matrix()])('identity is neutral on both sides, exactly', (a) => {
    expect(multiply(linalg.identity(a.rows), a)).toEqual(a)
    expect(multiply(a, linalg.identity(a.cols))).toEqual(a)
  })

  test('an inner-size mismatch names both shapes', () => {
    expect(left(linalg.matmul(linalg.zeros(3, 2), linalg.zeros(3, 4)))).toMatchObject({
      _tag: 'ShapeMismatch',
      operation: 'matmul',
      left: { rows: 3, cols: 2 },
      right: { rows: 3, cols: 4 },
      message: 'matmul: 3×2 · 3×4 — inner sizes 2 and 3 differ',
    })
  })
})

describe('the transposed products', () => {
  propertyTest.prop([
    fc
      .tuple(check.dimension(20), check.dimension(20), check.dimension(20))
      .chain(([shared, rows, cols]) =>
        fc.tuple(check.matrixOfShape(shared, rows), check.matrixOfShape(shared, cols)),
      ),
  ])('matmulTransposeA(A, B) equals matmul(Aᵀ, B) bit for bit', ([a, b]) => {
    expect(right(linalg.matmulTransposeA(a, b))).toEqual(multiply(linalg.transpose(a), b))
  })

  propertyTest.prop([
    fc
      .tuple(check.dimension(20), check.dimension(20), check.dimension(20))
      .chain(([shared, rows, cols]) =>
        fc.tuple(check.matrixOfShape(rows, shared), check.matrixOfShape(cols, shared)),
      ),
  ])('matmulTransposeB(A, B) equals matmul(A, Bᵀ) bit for bit', ([a, b]) => {
    expect(right(linalg.matmulTransposeB(a, b))).toEqual(multiply(a, linalg.transpose(b)))
  })

  test('mismatches name both shapes', () => {
    expect(left(linalg.matmulTransposeA(linalg.zeros(2, 3), linalg.zeros(4, 3))).message).toBe(
      'matmulTransposeA: 2×3 ᵀ· 4×3 — row counts 2 and 4 differ',
    )
    expect(left(linalg.matmulTransposeB(linalg.zeros(2, 3), linalg.zeros(2, 4))).message).toBe(
      'matmulTransposeB: 2×3 ·ᵀ 2×4 — column counts 3 and 4 differ',
    )
  })
})

describe('transpose', () => {
  propertyTest.prop([check.matrix({ maxSize: 40 })])('is an involution: (Aᵀ)ᵀ = A', (a) => {
    expect(linalg.transpose(linalg.transpose(a))).toEqual(a)
  })

  propertyTest.prop([check.matrix()])('moves entry [r, c] to [c, r]', (a) => {
    const transposed = linalg.transpose(a)
    expect(transposed.shape).toStrictEqual({ rows: a.cols, cols: a.rows })
    for (let row = 0; row < a.rows; row++) {
      for (let col = 0; col < a.cols; col++)
        expect(linalg.get(transposed, col, row)).toBe(linalg.get(a, row, col))
    }
  })
})

describe('dot', () => {
  propertyTest.prop([check.sameShapeMatrices(2)])('is the sum of entry-wise products', ([a, b]) => {
    const expected = linalg
      .toFlat(a)
      .reduce((total, value, index) => total + value * (linalg.toFlat(b)[index] ?? Number.NaN), 0)
    expect(right(linalg.dot(a, b))).toBe(expected)
  })

  test('shapes must agree', () => {
    expect(left(linalg.dot(linalg.zeros(1, 3), linalg.zeros(3, 1))).message).toBe(
      'dot: 1×3 · 3×1 — shapes differ',
    )
  })
})

describe('no product mutates its inputs', () => {
  propertyTest.prop([check.productChain(2, { maxSize: 10 })])(
    'matmul, transposed forms, transpose and dot',
    ([a, b]) => {
      const before = [linalg.toFlat(a), linalg.toFlat(b)]
      linalg.matmul(a, b)
      linalg.matmulTransposeA(a, a)
      linalg.matmulTransposeB(b, b)
      linalg.transpose(a)
      linalg.dot(a, a)
      expect([linalg.toFlat(a), linalg.toFlat(b)]).toStrictEqual(before)
    },
  )
})
