// Samplers: statistical laws over many keys, exact edge cases, determinism and preconditions.
//
// The statistical bounds are chosen so that a correct sampler fails a run with probability of
// about 10⁻⁷ or less: means within 6 standard errors, Kolmogorov–Smirnov distances below the
// Dvoretzky–Kiefer–Wolfowitz–Massart bound at α = 10⁻⁹ (P(D_n > ε) ≤ 2·exp(−2nε²) for every n),
// frequencies within Bernstein's inequality at δ = 10⁻⁹, and χ² statistics below their
// 1 − 10⁻⁷ (or 10⁻⁸) quantiles, computed with scipy.stats.chi2.isf. Normal quantile references are
// Φ⁻¹ at the exact float64 p, by bisection on ½·erfc(−z/√2) in mpmath with 60 digits.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { linalg } from '../../src/index.js'
import type { Matrix } from '../../src/linalg/index.js'
import { key, split } from '../../src/random/key.js'
import {
  bernoulli,
  choice,
  normal,
  normalQuantile,
  permutation,
  uniform,
} from '../../src/random/samplers.js'

const keys = fc.maxSafeInteger().map(key)

// ---------------------------------------------------------------------------------------------
// Statistics written out independently of the code under test.

const meanOf = (xs: readonly number[]): number => xs.reduce((sum, x) => sum + x, 0) / xs.length

const varianceOf = (xs: readonly number[]): number => {
  const m = meanOf(xs)
  return xs.reduce((sum, x) => sum + (x - m) ** 2, 0) / xs.length
}

/** The Kolmogorov–Smirnov statistic D_n = sup |F_n − F| of a sample against a CDF. */
const ksStatistic = (xs: readonly number[], cdf: (x: number) => number): number => {
  const sorted = [...xs].sort((a, b) => a - b)
  const n = sorted.length
  let d = 0
  sorted.forEach((x, i) => {
    const f = cdf(x)
    d = Math.max(d, (i + 1) / n - f, f - i / n)
  })
  return d
}

/** DKW–Massart: P(D_n > ε) ≤ 2·exp(−2nε²), so this ε is exceeded with probability ≤ α. */
const ksBound = (n: number, alpha: number): number => Math.sqrt(Math.log(2 / alpha) / (2 * n))

/** erf by Abramowitz & Stegun 7.1.26 (absolute error ≤ 1.5·10⁻⁷). */
const erf = (x: number): number => {
  const t = 1 / (1 + 0.3275911 * Math.abs(x))
  const poly =
    t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
  const y = 1 - poly * Math.exp(-x * x)
  return x < 0 ? -y : y
}

/** The standard normal CDF Φ, accurate to 10⁻⁷ through the erf above. */
const phi = (x: number): number => 0.5 * (1 + erf(x / Math.SQRT2))

/** Pearson's χ² statistic of observed counts against equal expected counts. */
const chiSquare = (counts: readonly number[]): number => {
  const total = counts.reduce((sum, count) => sum + count, 0)
  const expected = total / counts.length
  return counts.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0)
}

/** Bernstein: |frequency − p| over n Bernoulli(p) trials exceeds this with probability ≤ δ. */
const bernsteinBound = (n: number, p: number, delta: number): number => {
  const l = Math.log(2 / delta)
  return ((2 * l) / 3 + Math.sqrt(((2 * l) / 3) ** 2 + 8 * n * l * p * (1 - p))) / (2 * n)
}

/** The bytes of a matrix's entries, for bitwise comparison. */
const bytesOf = (matrix: Matrix): number[] =>
  Array.from(new Uint8Array(linalg.toFloat64Array(matrix).buffer))

const samplers: readonly (readonly [string, (k: ReturnType<typeof key>) => Matrix])[] = [
  ['uniform', (k) => uniform(k, 7, 9)],
  ['uniform on [-3, 5)', (k) => uniform(k, 7, 9, { min: -3, max: 5 })],
  ['normal', (k) => normal(k, 7, 9)],
  ['normal(2, 0.5)', (k) => normal(k, 7, 9, { mean: 2, std: 0.5 })],
  ['bernoulli', (k) => bernoulli(k, 7, 9, 0.3)],
]

// ---------------------------------------------------------------------------------------------

describe('uniform', () => {
  const n = 10000
  propertyTest.prop([keys], { numRuns: 20 })(
    '10,000 draws: mean ½, variance 1/12 and the uniform CDF',
    (k) => {
      const xs = linalg.toFlat(uniform(k, 100, 100))
      expect(xs).toHaveLength(n)
      expect(Math.abs(meanOf(xs) - 0.5)).toBeLessThan(6 * Math.sqrt(1 / 12 / n))
      // Var of the sample variance of U(0, 1) is (μ₄ − σ⁴)/n with μ₄ = 1/80, σ⁴ = 1/144.
      expect(Math.abs(varianceOf(xs) - 1 / 12)).toBeLessThan(6 * Math.sqrt((1 / 80 - 1 / 144) / n))
      expect(ksStatistic(xs, (x) => Math.min(Math.max(x, 0), 1))).toBeLessThan(ksBound(n, 1e-9))
    },
  )

  propertyTest.prop(
    [
      keys,
      fc.double({ min: -1e6, max: 1e6, noNaN: true }),
      fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
    ],
    { numRuns: 20 },
  )('on [min, max): all entries inside, and uniform after rescaling', (k, min, width) => {
    const max = min + width
    const xs = linalg.toFlat(uniform(k, 40, 50, { min, max }))
    expect(xs.every((x) => x >= min && x < max)).toBe(true)
    const scaled = xs.map((x) => (x - min) / (max - min))
    expect(ksStatistic(scaled, (x) => Math.min(Math.max(x, 0), 1))).toBeLessThan(
      ksBound(2000, 1e-9) + 1e-9,
    )
  })

  propertyTest.prop([keys, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 })])(
    'has the requested shape and entries in [0, 1) by default',
    (k, rows, cols) => {
      const u = uniform(k, rows, cols)
      expect([u.rows, u.cols]).toStrictEqual([rows, cols])
      expect(linalg.toFlat(u).every((x) => x >= 0 && x < 1)).toBe(true)
    },
  )

  test('intervals holding a single double give that double; max is never reached', () => {
    const ones = linalg.toFlat(uniform(key(1), 20, 20, { min: 1, max: 1 + 2 ** -52 }))
    expect(ones.every((x) => x === 1)).toBe(true)
    const big = linalg.toFlat(uniform(key(2), 20, 20, { min: 1e16, max: 1e16 + 2 }))
    expect(big.every((x) => x === 1e16)).toBe(true)
    const tiny = linalg.toFlat(uniform(key(3), 20, 20, { min: 0, max: Number.MIN_VALUE }))
    expect(tiny.every((x) => x === 0)).toBe(true)
  })

  test('the widest interval [−MAX, MAX) stays finite and inside, with both signs', () => {
    const max = Number.MAX_VALUE
    const xs = linalg.toFlat(uniform(key(4), 20, 20, { min: -max, max }))
    expect(xs.every((x) => Number.isFinite(x) && x >= -max && x < max)).toBe(true)
    expect(xs.some((x) => x < 0) && xs.some((x) => x > 0)).toBe(true)
  })

  test.each([
    [0, 3, {}, 'uniform: rows is 0, expected a positive integer'],
    [2, 1.5, {}, 'uniform: cols is 1.5, expected a positive integer'],
    [
      2,
      3,
      { min: 1, max: 1 },
      'uniform: min is 1 and max is 1, expected finite numbers with min < max',
    ],
    [2, 3, { min: 2 }, 'uniform: min is 2 and max is 1, expected finite numbers with min < max'],
    [
      2,
      3,
      { max: Number.POSITIVE_INFINITY },
      'uniform: min is 0 and max is Infinity, expected finite numbers with min < max',
    ],
    [
      2,
      3,
      { min: Number.NaN },
      'uniform: min is NaN and max is 1, expected finite numbers with min < max',
    ],
  ] as const)('uniform(key, %d, %d, %o) throws: %s', (rows, cols, options, message) => {
    expect(() => uniform(key(0), rows, cols, options)).toThrow(new RangeError(message))
  })
})

describe('normalQuantile (Wichura AS 241)', () => {
  const references: readonly (readonly [number, number])[] = [
    [1e-300, -37.0470962993612],
    [1e-100, -21.273453560965326],
    [1e-20, -9.262340089798407],
    [1e-10, -6.361340902404057],
    [0.0001, -3.7190164854556804],
    [0.025, -1.9599639845400543],
    [0.075, -1.439531470938456],
    [0.1, -1.2815515655446004],
    [0.3, -0.5244005127080408],
    [0.6, 0.2533471031357997],
    [0.9, 1.2815515655446006],
    [0.925, 1.4395314709384561],
    [0.975, 1.9599639845400538],
    [0.999, 3.090232306167813],
    [0.9999999, 5.199337582290661],
    [1 - 2 ** -53, 8.209536151601387],
    [2 ** -54, -8.292361075813595],
  ]

  test.each(references)('Φ⁻¹(%d) = %d to within 4 ulps', (p, z) => {
    expect(Math.abs(normalQuantile(p) - z)).toBeLessThanOrEqual(4 * Number.EPSILON * Math.abs(z))
  })

  test('Φ⁻¹(½) is exactly 0', () => {
    expect(normalQuantile(0.5)).toBe(0)
  })

  propertyTest.prop([fc.double({ min: 0.5, max: 1, maxExcluded: true, noNaN: true })])(
    'is exactly antisymmetric: Φ⁻¹(1 − p) = −Φ⁻¹(p)',
    (p) => {
      // (+ 0 turns −0 into 0: at p = ½ both sides are zeros of either sign.)
      expect(normalQuantile(1 - p) + 0).toBe(-normalQuantile(p) + 0)
    },
  )

  propertyTest.prop([fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true })])(
    'inverts the normal CDF (to the 10⁻⁷ accuracy of the test’s erf)',
    (p) => {
      expect(Math.abs(phi(normalQuantile(p)) - p)).toBeLessThan(2e-7)
    },
  )

  test.each([0, 1, -0.5, Number.NaN])('p = %d is a precondition violation', (p) => {
    expect(() => normalQuantile(p)).toThrow(
      new RangeError(`normalQuantile: p is ${p}, expected a number strictly between 0 and 1`),
    )
  })
})

describe('normal', () => {
  const n = 10000
  propertyTest.prop([keys], { numRuns: 20 })(
    '10,000 draws: mean 0, variance 1 and the normal CDF',
    (k) => {
      const xs = linalg.toFlat(normal(k, 100, 100))
      expect(Math.abs(meanOf(xs))).toBeLessThan(6 / Math.sqrt(n))
      // The sample variance of N(0, 1) has variance (μ₄ − σ⁴)/n = 2/n.
      expect(Math.abs(varianceOf(xs) - 1)).toBeLessThan(6 * Math.sqrt(2 / n))
      expect(ksStatistic(xs, phi)).toBeLessThan(ksBound(n, 1e-9) + 2e-7)
    },
  )

  propertyTest.prop(
    [
      keys,
      fc.double({ min: -100, max: 100, noNaN: true }),
      fc.double({ min: 0.01, max: 50, noNaN: true }),
    ],
    { numRuns: 20 },
  )('with mean and std: standardised draws follow Φ', (k, mean, std) => {
    const xs = linalg.toFlat(normal(k, 50, 40, { mean, std }))
    const z = xs.map((x) => (x - mean) / std)
    expect(ksStatistic(z, phi)).toBeLessThan(ksBound(2000, 1e-9) + 2e-7)
  })

  propertyTest.prop([keys])('draws are finite and within 8.3 standard deviations', (k) => {
    const xs = linalg.toFlat(normal(k, 30, 30))
    expect(xs.every((x) => Number.isFinite(x) && Math.abs(x) < 8.3)).toBe(true)
  })

  propertyTest.prop([keys])('std 0 gives the mean everywhere', (k) => {
    expect(linalg.toFlat(normal(k, 3, 4, { mean: -2.5, std: 0 }))).toStrictEqual(
      Array<number>(12).fill(-2.5),
    )
  })

  propertyTest.prop([keys])(
    'is an increasing transform of uniform with the same key (same ranks)',
    (k) => {
      const u = linalg.toFlat(uniform(k, 20, 50))
      const z = linalg.toFlat(normal(k, 20, 50))
      const byU = u.map((_, i) => i).sort((a, b) => (u[a] ?? 0) - (u[b] ?? 0))
      const byZ = z.map((_, i) => i).sort((a, b) => (z[a] ?? 0) - (z[b] ?? 0))
      expect(byZ).toStrictEqual(byU)
    },
  )

  test.each([
    [{ mean: Number.NaN }, 'normal: mean is NaN, expected a finite number'],
    [{ std: -1 }, 'normal: std is -1, expected a finite number ≥ 0'],
    [{ std: Number.POSITIVE_INFINITY }, 'normal: std is Infinity, expected a finite number ≥ 0'],
    [{ mean: 1e308, std: 1e307 }, 'normal: mean 1e+308 and std 1e+307 would overflow float64'],
  ] as const)('normal(key, 2, 2, %o) throws: %s', (options, message) => {
    expect(() => normal(key(0), 2, 2, options)).toThrow(new RangeError(message))
  })

  test('a shape that is not two positive integers is a precondition', () => {
    expect(() => normal(key(0), -1, 2)).toThrow(
      new RangeError('normal: rows is -1, expected a positive integer'),
    )
  })
})

describe('bernoulli', () => {
  const n = 10000
  propertyTest.prop([keys, fc.double({ min: 0, max: 1, noNaN: true })], { numRuns: 20 })(
    '10,000 draws of 0 and 1 with frequency p',
    (k, p) => {
      const xs = linalg.toFlat(bernoulli(k, 100, 100, p))
      expect(xs.every((x) => x === 0 || x === 1)).toBe(true)
      expect(Math.abs(meanOf(xs) - p)).toBeLessThan(bernsteinBound(n, p, 1e-9))
    },
  )

  propertyTest.prop([keys])('probability 0 gives all zeros and 1 all ones', (k) => {
    expect(linalg.toFlat(bernoulli(k, 10, 10, 0)).every((x) => x === 0)).toBe(true)
    expect(linalg.toFlat(bernoulli(k, 10, 10, 1)).every((x) => x === 1)).toBe(true)
  })

  propertyTest.prop([keys, fc.double({ min: 0, max: 1, noNaN: true })])(
    'an entry is 1 exactly when uniform with the same key is below p',
    (k, p) => {
      const u = linalg.toFlat(uniform(k, 8, 8))
      expect(linalg.toFlat(bernoulli(k, 8, 8, p))).toStrictEqual(u.map((x) => (x < p ? 1 : 0)))
    },
  )

  test.each([-0.1, 1.5, Number.NaN])('probability %d is a precondition violation', (p) => {
    expect(() => bernoulli(key(0), 2, 2, p)).toThrow(
      new RangeError(`bernoulli: probability is ${p}, expected a number in [0, 1]`),
    )
  })
})

describe('permutation', () => {
  propertyTest.prop([keys, fc.integer({ min: 0, max: 80 })])(
    'is an ordering of 0, …, n − 1 in a frozen array',
    (k, n) => {
      const order = permutation(k, n)
      expect([...order].sort((a, b) => a - b)).toStrictEqual(Array.from({ length: n }, (_, i) => i))
      expect(Object.isFrozen(order)).toBe(true)
    },
  )

  propertyTest.prop([keys], { numRuns: 10 })(
    'all 24 orderings of 4 items are equally likely (χ² over 2,400 keys)',
    (k) => {
      const counts = new Map<string, number>()
      for (const child of split(k, 2400)) {
        const name = permutation(child, 4).join('')
        counts.set(name, (counts.get(name) ?? 0) + 1)
      }
      const cells = [...counts.values()]
      while (cells.length < 24) cells.push(0)
      expect(counts.size).toBeLessThanOrEqual(24)
      // χ² with 23 degrees of freedom; 76.90 is its 1 − 10⁻⁷ quantile.
      expect(chiSquare(cells)).toBeLessThan(76.9)
    },
  )

  propertyTest.prop([keys], { numRuns: 5 })(
    'every position of a 10-permutation is uniform over the items (χ² per position)',
    (k) => {
      const tallies = Array.from({ length: 10 }, () => Array<number>(10).fill(0))
      for (const child of split(k, 2000)) {
        permutation(child, 10).forEach((item, position) => {
          const row = tallies[position]
          if (row !== undefined) row[item] = (row[item] ?? 0) + 1
        })
      }
      // χ² with 9 degrees of freedom; 55.45 is its 1 − 10⁻⁸ quantile (10 positions per run).
      for (const row of tallies) expect(chiSquare(row)).toBeLessThan(55.45)
    },
  )

  test.each([-1, 2.5, 2 ** 32, Number.NaN])('n = %d is a precondition violation', (n) => {
    expect(() => permutation(key(0), n)).toThrow(
      new RangeError(`permutation: n is ${n}, expected an integer from 0 to 2^32 − 1`),
    )
  })
})

describe('choice', () => {
  propertyTest.prop([keys, fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 })])(
    'draws count distinct indices in [0, n), the start of permutation(key, n)',
    (k, a, b) => {
      const [count, n] = a <= b ? [a, b] : [b, a]
      const picks = choice(k, n, count)
      expect(picks).toHaveLength(count)
      expect(new Set(picks).size).toBe(count)
      expect(picks.every((i) => Number.isInteger(i) && i >= 0 && i < n)).toBe(true)
      expect(picks).toStrictEqual(permutation(k, n).slice(0, count))
    },
  )

  propertyTest.prop([keys], { numRuns: 10 })(
    'all 20 ordered pairs from 5 items are equally likely (χ² over 4,000 keys)',
    (k) => {
      const cells = Array<number>(25).fill(0)
      for (const child of split(k, 4000)) {
        const [first = 0, second = 0] = choice(child, 5, 2)
        cells[5 * first + second] = (cells[5 * first + second] ?? 0) + 1
      }
      const diagonal = [0, 6, 12, 18, 24].map((i) => cells[i])
      expect(diagonal).toStrictEqual([0, 0, 0, 0, 0])
      // χ² with 19 degrees of freedom; 69.78 is its 1 − 10⁻⁷ quantile.
      expect(chiSquare(cells.filter((_, i) => i % 6 !== 0))).toBeLessThan(69.78)
    },
  )

  propertyTest.prop([keys])(
    'a few draws from 2^32 − 1 items are fast, distinct and in range',
    (k) => {
      const picks = choice(k, 2 ** 32 - 1, 5)
      expect(new Set(picks).size).toBe(5)
      expect(picks.every((i) => i >= 0 && i < 2 ** 32 - 1)).toBe(true)
    },
  )

  test('count 0 gives nothing; count n gives a permutation', () => {
    expect(choice(key(0), 7, 0)).toStrictEqual([])
    expect(choice(key(0), 7, 7)).toStrictEqual(permutation(key(0), 7))
  })

  test('n and count out of range are preconditions', () => {
    expect(() => choice(key(0), 3, 4)).toThrow(
      new RangeError('choice: count is 4, expected an integer from 0 to n = 3'),
    )
    expect(() => choice(key(0), -3, 0)).toThrow(
      new RangeError('choice: n is -3, expected an integer from 0 to 2^32 − 1'),
    )
    expect(() => choice(key(0), 3, 1.5)).toThrow(RangeError)
  })
})

describe('determinism and independence', () => {
  test.each(samplers)('%s: the same key gives bitwise the same matrix', (_, draw) => {
    fc.assert(
      fc.property(keys, (k) => {
        expect(bytesOf(draw(k))).toStrictEqual(bytesOf(draw(k)))
      }),
    )
  })

  propertyTest.prop([keys, fc.integer({ min: 0, max: 30 })])(
    'permutation and choice: the same key gives the same indices',
    (k, n) => {
      expect(permutation(k, n)).toStrictEqual(permutation(k, n))
      expect(choice(k, n, Math.floor(n / 2))).toStrictEqual(choice(k, n, Math.floor(n / 2)))
    },
  )

  propertyTest.prop([keys, fc.integer({ min: 2, max: 16 })])(
    'keys from split give different streams',
    (k, count) => {
      const streams = split(k, count).map((child) => linalg.toFlat(uniform(child, 1, 8)).join())
      expect(new Set(streams).size).toBe(count)
    },
  )

  propertyTest.prop([keys])('a key and the keys split from it give different numbers', (k) => {
    const drawn = [k, ...split(k)].map((each) => linalg.toFlat(normal(each, 2, 3)).join())
    expect(new Set(drawn).size).toBe(3)
  })

  test('a value that is not a Key is a type error naming the sampler', () => {
    const fake = JSON.parse('{"words":[0,0]}') as ReturnType<typeof key>
    expect(() => uniform(fake, 1, 1)).toThrow(
      new TypeError('uniform: [object Object] is not a Key'),
    )
    expect(() => permutation(fake, 3)).toThrow(TypeError)
  })
})
