// Checks the reduction kernels: numpy's pairwise order, its error bound, and exact orders elsewhere.

import { readFileSync } from 'node:fs'
import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { columnSums, dot, rowArgmax, sum } from '../../../src/linalg/kernels/reduce.js'

/** Finite doubles of mixed magnitudes, so that different summation orders round differently. */
const mixedMagnitude = fc
  .tuple(fc.double({ min: -1, max: 1, noNaN: true }), fc.integer({ min: -3, max: 3 }))
  .map(([mantissa, exponent]) => mantissa * 10 ** exponent)

const buffer = (minLength: number, maxLength: number): fc.Arbitrary<Float64Array> =>
  fc.array(mixedMagnitude, { minLength, maxLength }).map((values) => Float64Array.from(values))

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null

const isNumbers = (value: unknown): value is number[] =>
  Array.isArray(value) && value.every((entry: unknown) => typeof entry === 'number')

/** The part of a numpy_sums.json case this file uses. */
const isSumCase = (value: unknown): value is { rows: number[][]; sum: number } =>
  isRecord(value) &&
  Array.isArray(value.rows) &&
  value.rows.every(isNumbers) &&
  typeof value.sum === 'number'

const contiguousSum = (values: Float64Array): number => sum(values, 0, values.length, 1)

const sequentialSum = (values: Iterable<number>): number => {
  let total = 0
  for (const value of values) total += value
  return total
}

/**
 * numpy's pairwise_sum written out again for the test: below 8 terms a loop from 0; up to 128,
 * eight accumulators r[j] = a[j] + a[j+8] + a[j+16] + … over the whole groups of eight, combined
 * as ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)), then the leftover terms one by one; above 128, split
 * at half rounded down to a multiple of 8.
 */
const numpyPairwise = (values: readonly number[]): number => {
  const n = values.length
  if (n < 8) return values.reduce((total, value) => total + value, 0)
  if (n <= 128) {
    const whole = n - (n % 8)
    const accumulators = values.slice(0, 8)
    for (let group = 8; group < whole; group += 8) {
      for (let lane = 0; lane < 8; lane++) {
        accumulators[lane] =
          (accumulators[lane] ?? Number.NaN) + (values[group + lane] ?? Number.NaN)
      }
    }
    const [r0 = 0, r1 = 0, r2 = 0, r3 = 0, r4 = 0, r5 = 0, r6 = 0, r7 = 0] = accumulators
    const tree = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7))
    return values.slice(whole).reduce((total, value) => total + value, tree)
  }
  const half = Math.floor(n / 2) - (Math.floor(n / 2) % 8)
  return numpyPairwise(values.slice(0, half)) + numpyPairwise(values.slice(half))
}

/** value · 2^1074 as an exact BigInt: every finite double is an integer multiple of 2^−1074. */
const scaledExactly = (value: number): bigint => {
  const view = new DataView(new ArrayBuffer(8))
  view.setFloat64(0, value)
  const bits = view.getBigUint64(0)
  const biasedExponent = Number((bits >> 52n) & 0x7ffn)
  const fraction = bits & ((1n << 52n) - 1n)
  const significand = biasedExponent === 0 ? fraction : fraction | (1n << 52n)
  const magnitude = significand << BigInt(Math.max(biasedExponent, 1) - 1)
  return bits >> 63n === 1n ? -magnitude : magnitude
}

const absolute = (value: bigint): bigint => (value < 0n ? -value : value)

/** |computed − exact Σ values|, scaled by 2^1074, with no rounding anywhere. */
const scaledError = (computed: number, values: Iterable<number>): bigint => {
  let exact = 0n
  for (const value of values) exact += scaledExactly(value)
  return absolute(scaledExactly(computed) - exact)
}

/** The pairwise bound 4 · log2(n) · ε · Σ|a|, scaled by 2^1074 (rounded up to stay a bound). */
const scaledPairwiseBound = (values: Float64Array): bigint => {
  let magnitude = 0
  for (const value of values) magnitude += Math.abs(value)
  const bound = 4 * Math.log2(values.length) * Number.EPSILON * magnitude * (1 + 1e-9)
  return scaledExactly(bound)
}

describe('sum follows numpy’s pairwise order exactly', () => {
  test('for n = 8..20 it is the tree of eight accumulators written out by hand', () => {
    const values = [
      3.5e3, -1.25e-3, 7.1, -2.2e2, 9.9e-2, 1.3e1, -4.4e-1, 6.02e2, -8.8, 5.5e-3, 2.7e2, -3.1e-2,
      1.1, -6.6e1, 4.2e-3, 8.08e2, -9.1e-1, 2.5, -7.7e3, 3.3e-2,
    ]
    const at = (index: number): number => values[index] ?? Number.NaN
    let differsFromSequential = 0

    for (let n = 8; n <= 20; n++) {
      // One group of eight below 16 terms, two from 16 on; the rest added one by one.
      const lane = (j: number): number => (n >= 16 ? at(j) + at(j + 8) : at(j))
      const tree =
        lane(0) + lane(1) + (lane(2) + lane(3)) + (lane(4) + lane(5) + (lane(6) + lane(7)))
      let expected = tree
      for (let index = n >= 16 ? 16 : 8; index < n; index++) expected += at(index)

      const actual = sum(Float64Array.from(values), 0, n, 1)

      expect(actual, `n = ${n}`).toBe(expected)
      if (expected !== sequentialSum(values.slice(0, n))) differsFromSequential++
    }
    // The data tells the orders apart, so a plain loop could not pass the comparisons above.
    expect(differsFromSequential).toBeGreaterThan(3)
  })

  test('below 8 terms it adds left to right starting from 0', () => {
    // Each 1e16 + 1 rounds back to 1e16 (a tie, to the even neighbour), − 1e16 leaves 0, then
    // 0.5 + 3 = 3.5. Any order that met the ones before 1e16 would keep them.
    const values = Float64Array.from([1e16, 1, 1, 1, -1e16, 0.5, 3])

    expect(contiguousSum(values)).toBe(3.5)
    expect(sum(values, 0, 0, 1)).toBe(0)
  })

  propertyTest.prop([buffer(0, 1200)])(
    'matches numpy’s algorithm written out in the test',
    (values) => {
      expect(contiguousSum(values)).toBe(numpyPairwise(Array.from(values)))
    },
  )

  test('matches numpy’s totals for the one-row cases of numpy_sums.json', () => {
    const fixture: unknown = JSON.parse(
      readFileSync(new URL('../../fixtures/numpy_sums.json', import.meta.url), 'utf8'),
    )
    const cases: unknown = isRecord(fixture) ? fixture.cases : undefined
    if (!Array.isArray(cases) || !cases.every(isSumCase)) {
      throw new Error('numpy_sums.json: expected { cases: [{ rows, sum }] }')
    }
    const oneRow = cases.flatMap(({ rows, sum: total }) =>
      rows.length === 1 ? rows.map((values) => ({ values: Float64Array.from(values), total })) : [],
    )

    expect(oneRow.map(({ values }) => values.length)).toEqual([
      1, 7, 8, 9, 100, 128, 129, 300, 1000,
    ])
    for (const { values, total } of oneRow) {
      expect(0 + contiguousSum(values), `n = ${values.length}`).toBe(total)
    }
  })

  const strided = fc
    .record({
      start: fc.integer({ min: 0, max: 9 }),
      stride: fc.integer({ min: 1, max: 5 }),
      length: fc.integer({ min: 0, max: 400 }),
      extra: fc.integer({ min: 0, max: 4 }),
    })
    .chain(({ start, stride, length, extra }) => {
      const needed = length === 0 ? start : start + (length - 1) * stride + 1
      return buffer(needed + extra, needed + extra).map((values) => ({
        values,
        start,
        stride,
        length,
      }))
    })

  propertyTest.prop([strided])(
    'with start and stride it equals the sum of the gathered run, bit for bit',
    ({ values, start, stride, length }) => {
      const gathered = Float64Array.from(
        { length },
        (_, index) => values[start + index * stride] ?? Number.NaN,
      )

      expect(sum(values, start, length, stride)).toBe(contiguousSum(gathered))
    },
  )
})

describe('sum is accurate to the pairwise bound', () => {
  propertyTest.prop([buffer(1, 5000)])('|sum − exact| ≤ 4·log2(n)·ε·Σ|a|', (values) => {
    expect(scaledError(contiguousSum(values), values) <= scaledPairwiseBound(values)).toBe(true)
  })

  test('one large term and many tiny ones: within the bound, where a plain loop is not', () => {
    const tiny = 2 ** -53
    const values = Float64Array.from({ length: 1024 }, (_, index) => (index === 0 ? 1 : tiny))
    const bound = scaledPairwiseBound(values)

    const pairwiseError = scaledError(contiguousSum(values), values)

    expect(pairwiseError <= bound).toBe(true)
    // Each 1 + 2^−53 rounds back to 1 in a plain loop, losing all 1023 tiny terms.
    expect(scaledError(sequentialSum(values), values) > bound).toBe(true)
  })
})

describe('columnSums adds row after row', () => {
  const shapedBuffer = fc
    .tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 12 }))
    .chain(([rows, cols]) =>
      buffer(rows * cols, rows * cols).map((values) => ({ values, rows, cols })),
    )

  propertyTest.prop([shapedBuffer])(
    'out[c] equals 0 + a[0,c] + a[1,c] + … exactly, whatever out held before',
    ({ values, rows, cols }) => {
      const expected = new Float64Array(cols)
      for (let col = 0; col < cols; col++) {
        let total = 0
        for (let row = 0; row < rows; row++) total += values[row * cols + col] ?? Number.NaN
        expected[col] = total
      }
      const before = values.slice()
      const out = new Float64Array(cols).fill(Number.NaN)

      columnSums(values, out, rows, cols)

      expect(out).toEqual(expected)
      expect(values).toEqual(before)
    },
  )

  test('a hand-worked 3×2 case', () => {
    const out = new Float64Array(2)

    columnSums(Float64Array.from([1, 10, 2, 20, 3, 30]), out, 3, 2)

    expect(Array.from(out)).toEqual([6, 60])
  })
})

describe('dot accumulates in index order', () => {
  const pair = fc
    .integer({ min: 0, max: 300 })
    .chain((length) => fc.tuple(buffer(length, length), buffer(length, length)))

  propertyTest.prop([pair])('equals total += a[i]·b[i] for i = 0, 1, …', ([a, b]) => {
    let expected = 0
    for (let index = 0; index < a.length; index++) {
      expected += (a[index] ?? Number.NaN) * (b[index] ?? Number.NaN)
    }
    const beforeA = a.slice()
    const beforeB = b.slice()

    expect(dot(a, b)).toBe(expected)
    expect(a).toEqual(beforeA)
    expect(b).toEqual(beforeB)
  })

  test('a hand-worked case where order matters', () => {
    // Left to right: (1e16 + 1) rounds to 1e16, then − 1e16 leaves 0, then + 1 gives 1.
    const a = Float64Array.from([1e16, 1, -1e16, 1])

    expect(dot(a, Float64Array.from([1, 1, 1, 1]))).toBe(1)
  })
})

describe('rowArgmax', () => {
  const matrixCase = fc
    .tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 }))
    .chain(([rows, cols]) =>
      fc.record({
        rows: fc.constant(rows),
        cols: fc.constant(cols),
        a: fc.array(
          fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom(Number.NaN, -0, Infinity)),
          { minLength: rows * cols, maxLength: rows * cols },
        ),
      }),
    )

  propertyTest.prop([matrixCase])(
    "each row's first largest entry and its column, as a left-to-right scan with > finds them",
    ({ rows, cols, a }) => {
      const columns = new Float64Array(rows)
      const maxima = new Float64Array(rows)
      rowArgmax(Float64Array.from(a), rows, cols, columns, maxima)
      for (let row = 0; row < rows; row++) {
        const entries = a.slice(row * cols, (row + 1) * cols)
        let best = 0
        entries.forEach((value, col) => {
          if (value > (entries[best] ?? Number.NaN)) best = col
        })
        expect(columns[row]).toBe(best)
        expect(Object.is(maxima[row], entries[best])).toBe(true)
      }
    },
  )
})
