// Building matrices from user data (Either) and from sizes in code (preconditions).

import { fc, test as propertyTest } from '@fast-check/vitest'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import { linalg } from '../../src/index.js'
import { left, right } from '../support/either.js'

const rectangularRows = fc
  .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }))
  .chain(([rows, cols]) =>
    fc.array(
      fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), {
        minLength: cols,
        maxLength: cols,
      }),
      {
        minLength: rows,
        maxLength: rows,
      },
    ),
  )

describe('fromRows', () => {
  propertyTest.prop([rectangularRows])('toRows(fromRows(rows)) gives the rows back', (rows) => {
    expect(linalg.toRows(right(linalg.fromRows(rows)))).toStrictEqual(rows)
  })

  propertyTest.prop([rectangularRows])(
    'the shape is the number of rows by the row length',
    (rows) => {
      const matrix = right(linalg.fromRows(rows))
      expect([matrix.rows, matrix.cols]).toStrictEqual([rows.length, rows[0]?.length])
    },
  )

  propertyTest.prop([rectangularRows])(
    'later changes to the input arrays do not reach the matrix',
    (rows) => {
      const matrix = right(linalg.fromRows(rows))
      const expected = rows.map((row) => [...row])
      rows.forEach((row) => row.fill(42))
      expect(linalg.toRows(matrix)).toStrictEqual(expected)
    },
  )

  test('ragged rows are named with both lengths', () => {
    expect(
      left(
        linalg.fromRows([
          [1, 2, 3],
          [4, 5, 6],
          [7, 8],
        ]),
      ),
    ).toMatchObject({
      _tag: 'RaggedRows',
      row: 2,
      expected: 3,
      actual: 2,
      message: 'fromRows: rows[2] has 2 entries, expected 3 like rows[0]',
    })
  })

  test('no rows, or rows without entries, is an error rather than an empty matrix', () => {
    expect(left(linalg.fromRows([])).message).toBe(
      'fromRows: expected at least one row with at least one entry',
    )
    expect(left(linalg.fromRows([[]])).message).toBe(
      'fromRows: expected at least one row with at least one entry',
    )
  })

  test.each([
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    [Number.NEGATIVE_INFINITY, '-Infinity'],
  ])('a non-finite entry (%s) is reported with its position', (value, printed) => {
    expect(
      left(
        linalg.fromRows([
          [1, 2],
          [3, value],
        ]),
      ),
    ).toMatchObject({
      _tag: 'NonFiniteValue',
      row: 1,
      col: 1,
      message: `fromRows: rows[1][1] is ${printed}, expected a finite number`,
    })
  })

  test('entries that are not numbers at all (from untyped JSON) are reported, not coerced', () => {
    const untyped: unknown = JSON.parse('[[1, "2"], [3, null]]')
    expect(left(linalg.fromRows(untyped as number[][])).message).toBe(
      'fromRows: rows[0][1] is "2", expected a finite number',
    )
  })
})

describe('fromFlat', () => {
  propertyTest.prop([fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 })])(
    'lays the data out row after row',
    (rows, cols) => {
      const data = Array.from({ length: rows * cols }, (_, index) => index)
      const matrix = right(linalg.fromFlat(rows, cols, data))
      for (let row = 0; row < rows; row++) {
        for (let col = 0; col < cols; col++)
          expect(linalg.get(matrix, row, col)).toBe(row * cols + col)
      }
    },
  )

  test('a length that does not fit the shape is named with both counts', () => {
    expect(left(linalg.fromFlat(3, 2, [1, 2, 3, 4, 5]))).toMatchObject({
      _tag: 'LengthMismatch',
      expected: 6,
      actual: 5,
      message: 'fromFlat: data has 5 entries, expected 6 for a 3×2 matrix',
    })
  })

  test.each([
    [0, 2],
    [-1, 2],
    [2, 1.5],
    [Number.NaN, 1],
    [Number.POSITIVE_INFINITY, 1],
  ])('%s×%s is not a shape', (rows, cols) => {
    expect(left(linalg.fromFlat(rows, cols, [1]))).toMatchObject({
      _tag: 'InvalidShape',
      rows,
      cols,
    })
  })

  test('a NaN in flat data is reported with its index and position', () => {
    expect(left(linalg.fromFlat(2, 2, [1, 2, Number.NaN, 4])).message).toBe(
      'fromFlat: data[2] is NaN, expected a finite number',
    )
  })

  test('copies a Float64Array instead of sharing it', () => {
    const data = new Float64Array([1, 2, 3, 4])
    const matrix = right(linalg.fromFlat(2, 2, data))
    data[0] = 99
    expect(linalg.toFlat(matrix)).toStrictEqual([1, 2, 3, 4])
  })
})

describe('sized constructors', () => {
  propertyTest.prop([
    fc.integer({ min: 1, max: 6 }),
    fc.integer({ min: 1, max: 6 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
  ])('zeros, ones and fill hold one value everywhere', (rows, cols, value) => {
    const everywhere = (entry: number): number[][] =>
      Array.from({ length: rows }, () => Array<number>(cols).fill(entry))
    expect(linalg.toRows(linalg.zeros(rows, cols))).toStrictEqual(everywhere(0))
    expect(linalg.toRows(linalg.ones(rows, cols))).toStrictEqual(everywhere(1))
    expect(linalg.toRows(linalg.fill(rows, cols, value))).toStrictEqual(everywhere(value))
  })

  propertyTest.prop([fc.integer({ min: 1, max: 8 })])(
    'identity has ones exactly on the diagonal',
    (size) => {
      const identity = linalg.identity(size)
      for (let row = 0; row < size; row++) {
        for (let col = 0; col < size; col++)
          expect(linalg.get(identity, row, col)).toBe(row === col ? 1 : 0)
      }
    },
  )

  test('sizes written in code that cannot be a shape throw a RangeError naming them', () => {
    expect(() => linalg.zeros(0, 3)).toThrow(
      new RangeError(
        'zeros: 0×3 is not a matrix shape — rows and columns must be positive integers',
      ),
    )
    expect(() => linalg.ones(2, -1)).toThrow(RangeError)
    expect(() => linalg.identity(2.5)).toThrow('identity: 2.5×2.5 is not a matrix shape')
    expect(() => linalg.fill(1, 1, Number.NaN)).toThrow(
      'fill: value is NaN, expected a finite number',
    )
  })

  test('validateShape reports instead of throwing', () => {
    expect(linalg.validateShape(3, 2)).toStrictEqual(E.right({ rows: 3, cols: 2 }))
    expect(left(linalg.validateShape(3, 0)).message).toBe(
      'validateShape: 3×0 is not a matrix shape — rows and columns must be positive integers',
    )
  })

  test('row and column vectors have the expected orientation and report bad entries', () => {
    expect(linalg.toRows(right(linalg.rowVector([1, 2, 3])))).toStrictEqual([[1, 2, 3]])
    expect(linalg.toRows(right(linalg.columnVector([1, 2, 3])))).toStrictEqual([[1], [2], [3]])
    expect(left(linalg.columnVector([0, Number.NaN])).message).toBe(
      'columnVector: values[1] is NaN, expected a finite number',
    )
    expect(left(linalg.rowVector([]))._tag).toBe('InvalidShape')
  })

  test('generate evaluates the entry function at every position and reports a NaN', () => {
    expect(linalg.toRows(right(linalg.generate(2, 3, (row, col) => row - col)))).toStrictEqual([
      [0, -1, -2],
      [1, 0, -1],
    ])
    expect(
      left(linalg.generate(2, 2, (row, col) => (row === 1 && col === 0 ? Number.NaN : 0))).message,
    ).toBe("generate: the entry function's value at [1, 0] is NaN, expected a finite number")
  })
})
