// Properties of the blocked matrix-product kernels: they agree with the naive i-k-j loop up to the
// rounding a reordered sum allows, the transposed forms equal matmul on an explicitly transposed
// copy bit for bit, every entry of `out` is assigned, and the inputs are never written.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { linalg, random } from '../../../src/index.js'
import {
  matmul,
  matmulTransposeA,
  matmulTransposeB,
  naiveMatmul,
} from '../../../src/linalg/kernels/matmul.js'

/** A product's operands: a is m×k and b is k×n, both row-major. */
interface Case {
  readonly m: number
  readonly k: number
  readonly n: number
  readonly a: Float64Array
  readonly b: Float64Array
}

/** out[columns×rows] = valuesᵀ, written out by hand so the tests do not trust any kernel. */
const transpose = (values: Float64Array, rows: number, columns: number): Float64Array => {
  const transposed = new Float64Array(rows * columns)
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      transposed[column * rows + row] = values[row * columns + column] ?? Number.NaN
    }
  }
  return transposed
}

/** Finite entries of moderate size (subnormals and −0 included), or every double if `special`. */
const entries = (length: number, special: boolean): fc.Arbitrary<Float64Array> =>
  special
    ? fc.float64Array({ minLength: length, maxLength: length })
    : fc.float64Array({
        minLength: length,
        maxLength: length,
        min: -8,
        max: 8,
        noNaN: true,
        noDefaultInfinity: true,
      })

/** Cases whose dimensions are drawn from the given arbitraries. */
const cases = (
  dimensions: {
    readonly m: fc.Arbitrary<number>
    readonly k: fc.Arbitrary<number>
    readonly n: fc.Arbitrary<number>
  },
  special = false,
): fc.Arbitrary<Case> =>
  fc.record(dimensions).chain(({ m, k, n }) =>
    fc.record({
      m: fc.constant(m),
      k: fc.constant(k),
      n: fc.constant(n),
      a: entries(m * k, special),
      b: entries(k * n, special),
    }),
  )

/**
 * `length` entries in [−8, 8) drawn with gradfold's own key from `seed`. Large cases use these
 * so that a failure shrinks over the shape and the seed, not over a hundred thousand doubles.
 */
const seededEntries = (length: number, seed: number): Float64Array =>
  linalg.toFloat64Array(random.uniform(random.key(seed), 1, length, { min: -8, max: 8 }))

/** Large cases: dimensions from the given arbitraries, entries from a seed (reported as such). */
const largeCases = (dimensions: {
  readonly m: fc.Arbitrary<number>
  readonly k: fc.Arbitrary<number>
  readonly n: fc.Arbitrary<number>
}): fc.Arbitrary<Case> =>
  fc.record({ ...dimensions, seed: fc.integer() }).map(({ m, k, n, seed }) => ({
    m,
    k,
    n,
    a: seededEntries(m * k, seed),
    b: seededEntries(k * n, seed ^ 0x5bd1e995),
    [fc.toStringMethod]: () => `{ m: ${m}, k: ${k}, n: ${n}, seed: ${seed} }`,
  }))

/** Every dimension from 1 to 70: straddles the 4×3 tile, the 64-row block and the small path. */
const dimension = fc.integer({ min: 1, max: 70 })
const smallCases = cases({ m: dimension, k: dimension, n: dimension })

/** Every double, NaN and ±Infinity included, with k reaching past the 256-long k block. */
const specialCases = cases(
  {
    m: fc.integer({ min: 1, max: 20 }),
    k: fc.integer({ min: 1, max: 270 }),
    n: fc.integer({ min: 1, max: 20 }),
  },
  true,
)

/** Dimensions on both sides of the row block (64), k block (256) and column block (512). */
const straddlingCases = largeCases({
  m: fc.constantFrom(1, 3, 4, 5, 63, 64, 65, 129),
  k: fc.constantFrom(1, 2, 255, 256, 257, 513),
  n: fc.constantFrom(1, 2, 3, 4, 131, 511, 512, 513),
})

/** A few fixed larger shapes, including MNIST-like layer shapes. */
const fixedShapes = [
  { m: 129, k: 67, n: 131 },
  { m: 70, k: 300, n: 530 },
  { m: 128, k: 784, n: 128 },
  { m: 1, k: 784, n: 128 },
  { m: 240, k: 2, n: 16 },
  { m: 1, k: 2, n: 3 },
] as const

/** Runs `kernel` into a fresh output buffer and returns it. */
const product = (
  kernel: typeof matmul,
  left: Float64Array,
  right: Float64Array,
  m: number,
  k: number,
  n: number,
): Float64Array => {
  const out = new Float64Array(m * n)
  kernel(left, right, out, m, k, n)
  return out
}

/**
 * Asserts that `actual` is a·b up to rounding. Two summations of the same k products in different
 * orders differ by at most 2·γₖ·Σₚ|a[i,p]·b[p,j]| with γₖ ≈ k·ε/2; the bound below is that, doubled
 * for the rounding in the bound itself, plus a few subnormal units for underflowing products.
 */
const expectCloseToNaive = (actual: Float64Array, { m, k, n, a, b }: Case): void => {
  const expected = product(naiveMatmul, a, b, m, k, n)
  const magnitudes = product(naiveMatmul, a.map(Math.abs), b.map(Math.abs), m, k, n)
  const mismatches: string[] = []
  expect(actual.length).toBe(m * n)
  actual.forEach((entry, index) => {
    const want = expected[index] ?? Number.NaN
    const bound =
      2 * k * Number.EPSILON * (magnitudes[index] ?? Number.NaN) + 4 * k * Number.MIN_VALUE
    if (!(Math.abs(entry - want) <= bound)) {
      const at = `(${Math.floor(index / n)}, ${index % n})`
      mismatches.push(`${at}: ${entry} vs ${want} (bound ${bound})`)
    }
  })
  expect(mismatches.slice(0, 5)).toEqual([])
}

/** Asserts bitwise equality (Object.is per entry: −0 ≠ 0, NaN = NaN), naming the first change. */
const expectIdentical = (actual: Float64Array, expected: Float64Array): void => {
  expect(actual.length).toBe(expected.length)
  const first = actual.findIndex((entry, index) => !Object.is(entry, expected[index]))
  const verdict =
    first === -1
      ? 'identical'
      : `entry ${first} differs: ${actual[first] ?? Number.NaN} vs ${expected[first] ?? Number.NaN}`
  expect(verdict).toBe('identical')
}

/** The transposition laws: aᵀ·b and a·bᵀ equal matmul on explicitly transposed copies. */
const expectTransposeLaws = ({ m, k, n, a, b }: Case): void => {
  const expected = product(matmul, a, b, m, k, n)
  expectIdentical(product(matmulTransposeA, transpose(a, m, k), b, m, k, n), expected)
  expectIdentical(product(matmulTransposeB, a, transpose(b, k, n), m, k, n), expected)
}

describe('matmul', () => {
  propertyTest.prop([smallCases])('agrees with the naive loop up to rounding', (input) => {
    expectCloseToNaive(product(matmul, input.a, input.b, input.m, input.k, input.n), input)
  })

  propertyTest.prop([straddlingCases], { numRuns: 20 })(
    'agrees with the naive loop at shapes straddling every block size',
    (input) => {
      expectCloseToNaive(product(matmul, input.a, input.b, input.m, input.k, input.n), input)
      expectTransposeLaws(input)
    },
  )

  for (const { m, k, n } of fixedShapes) {
    const shapeCases = largeCases({ m: fc.constant(m), k: fc.constant(k), n: fc.constant(n) })
    propertyTest.prop([shapeCases], { numRuns: 3 })(
      `agrees with the naive loop at ${m}×${k}·${k}×${n}`,
      (input) => {
        expectCloseToNaive(product(matmul, input.a, input.b, m, k, n), input)
        expectTransposeLaws(input)
      },
    )
  }

  propertyTest.prop([specialCases])(
    'propagates NaN and ±Infinity like the naive loop',
    ({ m, k, n, a, b }) => {
      // Keep finite entries small so no finite partial sum overflows: then whether an entry is
      // NaN, +Infinity, −Infinity or finite does not depend on the summation order.
      const tame = (values: Float64Array): Float64Array =>
        values.map((value) => (Number.isFinite(value) ? Math.max(-8, Math.min(8, value)) : value))
      const left = tame(a)
      const right = tame(b)
      const kind = (value: number): string =>
        Number.isNaN(value) ? 'NaN' : Number.isFinite(value) ? 'finite' : String(value)
      const actual = Array.from(product(matmul, left, right, m, k, n), kind)
      const expected = Array.from(product(naiveMatmul, left, right, m, k, n), kind)
      expect(actual).toEqual(expected)
    },
  )

  propertyTest.prop([smallCases, fc.double()])(
    'assigns every entry of out, whatever it held before',
    (input, garbage) => {
      const { m, k, n, a, b } = input
      for (const kernel of [matmul, matmulTransposeA, matmulTransposeB]) {
        const left = kernel === matmulTransposeA ? transpose(a, m, k) : a
        const right = kernel === matmulTransposeB ? transpose(b, k, n) : b
        const out = new Float64Array(m * n).fill(garbage)
        kernel(left, right, out, m, k, n)
        expectCloseToNaive(out, input)
      }
    },
  )

  test('writes zeros when k is 0 and nothing when m or n is 0', () => {
    for (const kernel of [matmul, matmulTransposeA, matmulTransposeB]) {
      const out = new Float64Array(6).fill(Number.NaN)
      kernel(new Float64Array(0), new Float64Array(0), out, 2, 0, 3)
      expect(Array.from(out)).toEqual([0, 0, 0, 0, 0, 0])
      kernel(new Float64Array(0), new Float64Array(12), new Float64Array(0), 0, 4, 3)
      kernel(new Float64Array(12), new Float64Array(0), new Float64Array(0), 3, 4, 0)
    }
  })

  test('computes a known product', () => {
    const a = Float64Array.from([1, 2, 3, 4, 5, 6]) // 2×3
    const b = Float64Array.from([7, 8, 9, 10, 11, 12]) // 3×2
    expect(Array.from(product(matmul, a, b, 2, 3, 2))).toEqual([58, 64, 139, 154])
    expect(Array.from(product(matmulTransposeA, transpose(a, 2, 3), b, 2, 3, 2))).toEqual([
      58, 64, 139, 154,
    ])
    expect(Array.from(product(matmulTransposeB, a, transpose(b, 3, 2), 2, 3, 2))).toEqual([
      58, 64, 139, 154,
    ])
  })
})

describe('matmulTransposeA and matmulTransposeB', () => {
  propertyTest.prop([smallCases])('equal matmul on a transposed copy, bit for bit', (input) => {
    expectTransposeLaws(input)
  })

  propertyTest.prop([specialCases])(
    'equal matmul on a transposed copy, bit for bit, with NaN, ±Infinity and −0 entries',
    (input) => {
      expectTransposeLaws(input)
    },
  )
})

describe('the matrix-product kernels', () => {
  propertyTest.prop([smallCases])('never write their inputs', ({ m, k, n, a, b }) => {
    const transposedA = transpose(a, m, k)
    const transposedB = transpose(b, k, n)
    const snapshot = [a, b, transposedA, transposedB].map((values) => Array.from(values))
    product(matmul, a, b, m, k, n)
    product(matmulTransposeA, transposedA, b, m, k, n)
    product(matmulTransposeB, a, transposedB, m, k, n)
    product(naiveMatmul, a, b, m, k, n)
    expect([a, b, transposedA, transposedB].map((values) => Array.from(values))).toStrictEqual(
      snapshot,
    )
  })
})

describe('the direct and the packed paths', () => {
  // A product above 160 000 multiply-adds is packed; its row slices, below that, run the direct
  // path. Both follow the shared summation order, so the rows must agree bit for bit.
  propertyTest.prop([
    largeCases({
      m: fc.constantFrom(130, 201),
      k: fc.constantFrom(257, 300),
      n: fc.constantFrom(17, 32, 40),
    }),
  ])('give every entry the same bits', ({ m, k, n, a, b }) => {
    expect(m * k * n).toBeGreaterThan(160_000)
    const whole = product(matmul, a, b, m, k, n)
    const sliceRows = Math.max(1, Math.floor(160_000 / (k * n)))
    for (let start = 0; start < m; start += sliceRows) {
      const rows = Math.min(sliceRows, m - start)
      const slice = product(matmul, a.slice(start * k, (start + rows) * k), b, rows, k, n)
      expect(Array.from(slice)).toStrictEqual(
        Array.from(whole.slice(start * n, (start + rows) * n)),
      )
    }
  })
})
