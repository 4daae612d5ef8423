// Standardisation: fitted on train, standardized columns have mean 0 and std 1, a constant column
// keeps scale 1, unstandardize undoes standardize, and widths must match.

import { fc, test as propertyTest } from '@fast-check/vitest'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import { data, linalg } from '../../src/index.js'
import * as check from '../../src/check/index.js'
import { left, right } from '../support/either.js'

describe('standardize', () => {
  propertyTest.prop([
    fc.integer({ min: 1, max: 6 }).chain((cols) =>
      fc.array(
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: cols, maxLength: cols }),
        {
          minLength: 2,
          maxLength: 30,
        },
      ),
    ),
  ])(
    'standardized training columns have mean ≈ 0 and population std ≈ 1, or are 0 when constant',
    (rows) => {
      const X = right(linalg.fromRows(rows.map((row) => row.map((value) => value / 8))))
      const Z = right(data.standardize(right(data.fitStandardizer(X)), X))
      const means = linalg.toFlat(linalg.columnMeans(Z))
      const spreads = linalg.toFlat(linalg.columnMeans(right(linalg.mul(Z, Z))))
      means.forEach((mean) => {
        expect(Math.abs(mean)).toBeLessThan(1e-12)
      })
      spreads.forEach((spread, col) => {
        const constant = rows.every((row) => row[col] === rows[0]?.[col])
        expect(constant ? spread : Math.abs(spread - 1)).toBeLessThan(1e-12)
      })
    },
  )

  test('a constant feature keeps scale 1 and is centred to zero', () => {
    const X = right(
      linalg.fromRows([
        [1, 5],
        [3, 5],
        [5, 5],
      ]),
    )
    const fitted = right(data.fitStandardizer(X))
    expect(linalg.toRows(fitted.scale)).toStrictEqual([[Math.sqrt(8 / 3), 1]])
    expect(
      linalg.toFlat(right(data.standardize(fitted, X))).filter((_, index) => index % 2 === 1),
    ).toStrictEqual([0, 0, 0])
  })

  propertyTest.prop([check.sameShapeMatrices(2)])(
    'unstandardize undoes standardize',
    ([train, test]) => {
      const fitted = right(data.fitStandardizer(train))
      const back = right(
        E.chain((Z: linalg.Matrix) => data.unstandardize(fitted, Z))(
          data.standardize(fitted, test),
        ),
      )
      expect(linalg.equals(back, test, { absolute: 1e-12, relative: 1e-12 })).toBe(true)
    },
  )

  test('the test set is transformed with the training statistics, not its own', () => {
    const fitted = right(data.fitStandardizer(right(linalg.fromRows([[0], [2]]))))
    expect(
      linalg.toRows(right(data.standardize(fitted, right(linalg.fromRows([[4], [6]]))))),
    ).toStrictEqual([[3], [5]])
  })

  test('a width other than the fitted one is named', () => {
    const fitted = right(data.fitStandardizer(linalg.ones(3, 2)))
    expect(left(data.standardize(fitted, linalg.ones(3, 3))).message).toBe(
      'standardize: X has 3 features but the standardizer was fitted on 2',
    )
  })
})
