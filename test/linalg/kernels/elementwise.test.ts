// Checks the element-wise kernels: each equals its scalar operation entry by entry, inputs untouched.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { add, addRowVector, div, mul, scale, sub } from '../../../src/linalg/kernels/elementwise.js'

type BinaryKernel = (a: Float64Array, b: Float64Array, out: Float64Array) => void

const binaryKernels: readonly [string, BinaryKernel, (x: number, y: number) => number][] = [
  ['add', add, (x, y) => x + y],
  ['sub', sub, (x, y) => x - y],
  ['mul', mul, (x, y) => x * y],
  ['div', div, (x, y) => x / y],
]

/** Two buffers of one length with any doubles: NaN, infinities and −0 included. */
const bufferPair = fc
  .integer({ min: 0, max: 64 })
  .chain((length) =>
    fc.tuple(
      fc.float64Array({ minLength: length, maxLength: length }),
      fc.float64Array({ minLength: length, maxLength: length }),
    ),
  )

describe.each(binaryKernels)('%s', (_name, kernel, operation) => {
  propertyTest.prop([bufferPair])(
    'out[i] is the scalar operation on a[i] and b[i], exactly',
    ([a, b]) => {
      const expected = a.map((x, index) => operation(x, b[index] ?? Number.NaN))
      const beforeA = a.slice()
      const beforeB = b.slice()
      const out = new Float64Array(a.length).fill(12345)

      kernel(a, b, out)

      expect(out).toEqual(expected)
      expect(a).toEqual(beforeA)
      expect(b).toEqual(beforeB)
    },
  )
})

describe('hand-worked cases', () => {
  const a = Float64Array.from([1, -2, 0.5, 6])
  const b = Float64Array.from([4, 3, -0.25, 0])

  test.each([
    ['add', add, [5, 1, 0.25, 6]],
    ['sub', sub, [-3, -5, 0.75, 6]],
    ['mul', mul, [4, -6, -0.125, 0]],
    ['div', div, [0.25, -2 / 3, -2, Infinity]],
  ] as const)('%s', (_name, kernel, expected) => {
    const out = new Float64Array(4)

    kernel(a, b, out)

    expect(Array.from(out)).toEqual(expected)
  })

  test('scale', () => {
    const out = new Float64Array(4)

    scale(a, -2, out)

    expect(Array.from(out)).toEqual([-2, 4, -1, -12])
  })

  test('addRowVector adds the row to every row', () => {
    const out = new Float64Array(6)

    addRowVector(Float64Array.from([1, 2, 3, 4, 5, 6]), Float64Array.from([10, 20, 30]), out, 2, 3)

    expect(Array.from(out)).toEqual([11, 22, 33, 14, 25, 36])
  })
})

describe('scale', () => {
  propertyTest.prop([fc.float64Array({ maxLength: 64 }), fc.double()])(
    'out[i] = factor · a[i] exactly',
    (a, factor) => {
      const expected = a.map((x) => factor * x)
      const before = a.slice()
      const out = new Float64Array(a.length).fill(12345)

      scale(a, factor, out)

      expect(out).toEqual(expected)
      expect(a).toEqual(before)
    },
  )
})

describe('addRowVector', () => {
  const broadcastCase = fc
    .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }))
    .chain(([rows, cols]) =>
      fc.record({
        rows: fc.constant(rows),
        cols: fc.constant(cols),
        a: fc.float64Array({ minLength: rows * cols, maxLength: rows * cols }),
        row: fc.float64Array({ minLength: cols, maxLength: cols }),
      }),
    )

  propertyTest.prop([broadcastCase])(
    'out[r, c] = a[r, c] + row[c] for every row, exactly',
    ({ rows, cols, a, row }) => {
      const expected = a.map((x, index) => x + (row[index % cols] ?? Number.NaN))
      const beforeA = a.slice()
      const beforeRow = row.slice()
      const out = new Float64Array(rows * cols).fill(12345)

      addRowVector(a, row, out, rows, cols)

      expect(out).toEqual(expected)
      expect(a).toEqual(beforeA)
      expect(row).toEqual(beforeRow)
    },
  )
})
