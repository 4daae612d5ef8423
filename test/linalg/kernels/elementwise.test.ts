// Checks the element-wise kernels: each equals its scalar operation entry by entry, inputs untouched,
// and `out` may be one of the inputs. relu, reluBackward and addScaled are the workspace's oracle;
// the per-entry loops (mapEach, zipEach, zip3Each) refuse buffers of different lengths.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import {
  add,
  addRowVector,
  addScaled,
  div,
  mapEach,
  mul,
  relu,
  reluBackward,
  scale,
  sub,
  zip3Each,
  zipEach,
} from '../../../src/linalg/kernels/elementwise.js'

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

describe('relu, reluBackward and addScaled', () => {
  /** Any doubles, with the special ones made likely. */
  const special = fc.oneof(fc.constantFrom(Number.NaN, Infinity, -Infinity, 0, -0), fc.double())
  const pair = fc
    .integer({ min: 0, max: 40 })
    .chain((length) =>
      fc.tuple(
        fc.array(special, { minLength: length, maxLength: length }),
        fc.array(special, { minLength: length, maxLength: length }),
      ),
    )
    .map(([x, y]) => [Float64Array.from(x), Float64Array.from(y)] as const)
  const same = (actual: Float64Array, expected: Float64Array): boolean =>
    actual.length === expected.length &&
    actual.every((entry, index) => Object.is(entry, expected[index]))

  propertyTest.prop([pair, special])(
    'are Math.max(x, 0), upstream · (x > 0 ? 1 : 0) and y + alpha · x, exactly',
    ([x, y], alpha) => {
      const before = [Array.from(x), Array.from(y)]
      const out = new Float64Array(x.length).fill(12345)
      relu(x, out)
      expect(
        same(
          out,
          x.map((value) => Math.max(value, 0)),
        ),
      ).toBe(true)
      reluBackward(y, x, out)
      expect(
        same(
          out,
          y.map((value, index) => value * ((x[index] ?? Number.NaN) > 0 ? 1 : 0)),
        ),
      ).toBe(true)
      addScaled(y, alpha, x, out)
      expect(
        same(
          out,
          y.map((value, index) => value + alpha * (x[index] ?? Number.NaN)),
        ),
      ).toBe(true)
      expect([Array.from(x), Array.from(y)]).toStrictEqual(before)
    },
  )

  propertyTest.prop([pair, special])('allow out to be one of the inputs', ([x, y], alpha) => {
    const expected = new Float64Array(x.length)
    addScaled(y, alpha, x, expected)
    const aliased = y.slice()
    addScaled(aliased, alpha, x, aliased)
    expect(same(aliased, expected)).toBe(true)
    reluBackward(y, x, expected)
    const upstream = y.slice()
    reluBackward(upstream, x, upstream)
    expect(same(upstream, expected)).toBe(true)
    relu(x, expected)
    const rectified = x.slice()
    relu(rectified, rectified)
    expect(same(rectified, expected)).toBe(true)
  })

  test('relu turns −0 into +0 and keeps NaN; reluBackward gives NaN for ∞ · 0', () => {
    const out = new Float64Array(3)
    relu(Float64Array.from([-0, Number.NaN, -Infinity]), out)
    expect(Object.is(out[0], 0)).toBe(true)
    expect(Number.isNaN(out[1])).toBe(true)
    expect(out[2]).toBe(0)
    reluBackward(Float64Array.from([Infinity, -1, 2]), Float64Array.from([0, -3, 1]), out)
    expect(Number.isNaN(out[0])).toBe(true)
    expect(Object.is(out[1], -0)).toBe(true)
    expect(out[2]).toBe(2)
  })
})

describe('mapEach, zipEach and zip3Each', () => {
  const triple = fc
    .integer({ min: 0, max: 40 })
    .chain((length) =>
      fc.tuple(
        fc.float64Array({ minLength: length, maxLength: length }),
        fc.float64Array({ minLength: length, maxLength: length }),
        fc.float64Array({ minLength: length, maxLength: length }),
      ),
    )
  const same = (actual: Float64Array, expected: readonly number[]): boolean =>
    actual.length === expected.length &&
    expected.every((entry, index) => Object.is(actual[index], entry))

  propertyTest.prop([triple])(
    "out[i] is the function of the inputs' entries at i, exactly, and the inputs are untouched",
    ([a, b, c]) => {
      const before = [a, b, c].map((buffer) => Array.from(buffer))
      const [x, y, z] = before as [number[], number[], number[]]
      const out = new Float64Array(a.length).fill(12345)
      mapEach(a, (value) => value * 3 - 1, out)
      expect(
        same(
          out,
          x.map((value) => value * 3 - 1),
        ),
      ).toBe(true)
      zipEach(a, b, (left, right) => left - 2 * right, out)
      expect(
        same(
          out,
          x.map((value, index) => value - 2 * (y[index] ?? Number.NaN)),
        ),
      ).toBe(true)
      zip3Each(a, b, c, (first, second, third) => first * second + third, out)
      expect(
        same(
          out,
          x.map((value, index) => value * (y[index] ?? Number.NaN) + (z[index] ?? Number.NaN)),
        ),
      ).toBe(true)
      expect([a, b, c].map((buffer) => Array.from(buffer))).toStrictEqual(before)
    },
  )

  test('an input shorter or longer than out throws before anything is written', () => {
    const out = new Float64Array(3).fill(7)
    const short = new Float64Array(2)
    const long = new Float64Array(4)
    expect(() => {
      mapEach(short, Math.abs, out)
    }).toThrow('mapEach: an input of 2 entries for an output of 3 (a bug in gradfold)')
    expect(() => {
      zipEach(new Float64Array(3), long, Math.max, out)
    }).toThrow('zipEach: an input of 4 entries for an output of 3')
    expect(() => {
      zip3Each(new Float64Array(3), new Float64Array(3), short, Math.min, out)
    }).toThrow(RangeError)
    expect(Array.from(out)).toStrictEqual([7, 7, 7])
  })
})
