// Whole-row operations: selecting rows by index and stacking matrices of one width.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { linalg } from '../../src/index.js'
import * as check from '../../src/check/index.js'
import { left, right } from '../support/either.js'

describe('selectRows', () => {
  propertyTest.prop([
    check
      .matrix()
      .chain((m) =>
        fc.tuple(
          fc.constant(m),
          fc.array(fc.nat({ max: m.rows - 1 }), { minLength: 1, maxLength: 12 }),
        ),
      ),
  ])('row r of the result is row indices[r] of the source', ([m, indices]) => {
    const rows = linalg.toRows(m)
    expect(linalg.toRows(right(linalg.selectRows(m, indices)))).toStrictEqual(
      indices.map((index) => rows[index]),
    )
  })

  propertyTest.prop([check.matrix()])('selecting every row in order is the identity', (m) => {
    expect(
      right(
        linalg.selectRows(
          m,
          Array.from({ length: m.rows }, (_, index) => index),
        ),
      ),
    ).toEqual(m)
  })

  test('indices out of range, fractional, or none at all are named', () => {
    const m = linalg.zeros(3, 2)
    expect(left(linalg.selectRows(m, [0, 3])).message).toBe(
      'selectRows: indices[1] is 3, expected a row index from 0 to 2',
    )
    expect(left(linalg.selectRows(m, [0.5])).message).toBe(
      'selectRows: indices[0] is 0.5, expected a row index from 0 to 2',
    )
    expect(left(linalg.selectRows(m, [])).message).toBe(
      'selectRows: indices is empty, expected at least one row index',
    )
  })
})

describe('concatRows', () => {
  propertyTest.prop([
    check.dimension().chain((cols) =>
      fc.array(
        check.dimension().chain((rows) => check.matrixOfShape(rows, cols)),
        { minLength: 1, maxLength: 4 },
      ),
    ),
  ])('stacks the rows of each matrix in order', (matrices) => {
    expect(linalg.toRows(right(linalg.concatRows(matrices)))).toStrictEqual(
      matrices.flatMap((m) => linalg.toRows(m)),
    )
  })

  test('widths must agree and the list must not be empty', () => {
    expect(left(linalg.concatRows([linalg.zeros(1, 2), linalg.zeros(1, 3)])).message).toBe(
      'concatRows: 1×2 over 1×3 — widths differ',
    )
    expect(left(linalg.concatRows([])).message).toBe(
      'concatRows: matrices is empty, expected at least one matrix',
    )
  })

  propertyTest.prop([check.sameShapeMatrices(2)])(
    'neither operation writes its inputs',
    ([a, b]) => {
      const before = [linalg.toFlat(a), linalg.toFlat(b)]
      linalg.concatRows([a, b])
      linalg.selectRows(a, [0, 0])
      expect([linalg.toFlat(a), linalg.toFlat(b)]).toStrictEqual(before)
    },
  )
})
