// The draw functions against numpy 1.24.2's own outputs (test/fixtures/np_rng_expected.json):
// random_sample and permutation exactly, Gaussians to 1e-15, the cached Gaussian across calls and
// the notebook's global weight initialisations; then the laws of pure state passing.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { scale, toFlat, toRows, type Matrix } from '../../../src/linalg/index.js'
import {
  normal,
  permutation,
  randn,
  randomInterval,
  randomSample,
  shuffle,
  standardNormals,
} from '../../../src/random/numpy/draws.js'
import { getState, seed, type RandomState } from '../../../src/random/numpy/random-state.js'
import { field, numbers, readFixture, rowsOf } from '../../support/fixtures.js'

const fixture = readFixture('np_rng_expected.json')
const seeds = ['0', '1', '42', '12345'] as const

/** Entry-by-entry agreement within `tolerance` (absolute), with equal lengths. */
const expectClose = (
  actual: readonly number[],
  expected: readonly number[],
  tolerance = 1e-15,
): void => {
  expect(actual).toHaveLength(expected.length)
  const far = actual.flatMap((value, index) => {
    const want = expected[index] ?? Number.NaN
    return Math.abs(value - want) <= tolerance ? [] : [{ index, value, want }]
  })
  expect(far).toStrictEqual([])
}

const exactMatches = (actual: readonly number[], expected: readonly number[]): number =>
  actual.filter((value, index) => value === expected[index]).length

const expectRangeError = (thunk: () => unknown, message: string): void => {
  expect(thunk).toThrow(RangeError)
  expect(thunk).toThrow(message)
}

/** A state anywhere in the stream: seeded, some words drawn, maybe with a cached Gaussian. */
const stateArb: fc.Arbitrary<RandomState> = fc
  .record({
    seed: fc.integer({ min: 0, max: 0xffffffff }),
    uniforms: fc.integer({ min: 0, max: 700 }),
    gaussians: fc.integer({ min: 0, max: 3 }),
  })
  .map(({ seed: value, uniforms, gaussians }) => {
    const [, afterUniforms] = randomSample(seed(value), uniforms)
    return standardNormals(afterUniforms, gaussians)[1]
  })

const count = fc.integer({ min: 0, max: 60 })
const dimension = fc.integer({ min: 1, max: 8 })

/** Where the generator stands after `words` more 32-bit words from `position` (624 = twist due). */
const positionAfter = (position: number, words: number): number => {
  const total = position + words
  return words === 0 || total <= 624 ? total : ((total - 1) % 624) + 1
}

describe('numpy outputs', () => {
  test.each(seeds)('random_sample(5) from seed %s is exact', (value) => {
    const [values] = randomSample(seed(Number(value)), 5)
    expect(values).toStrictEqual(numbers(field(field(fixture, 'random_sample_5'), value)))
  })

  test('random_sample(5) from array seed [1, 2, 3] is exact', () => {
    const [values] = randomSample(seed([1, 2, 3]), 5)
    expect(values).toStrictEqual(numbers(field(fixture, 'array_seed_[1,2,3]_random_sample_5')))
  })

  test.each(seeds.flatMap((value) => [10, 300, 1000].map((n) => [value, n] as const)))(
    'permutation from seed %s of %i is exact',
    (value, n) => {
      const [order] = permutation(seed(Number(value)), n)
      expect(order).toStrictEqual(numbers(field(field(fixture, 'permutation'), `${value}_${n}`)))
    },
  )

  test.each(seeds)('randn(10, 7) from seed %s agrees to 1e-15', (value) => {
    const [matrix] = randn(seed(Number(value)), 10, 7)
    const expected = rowsOf(field(field(fixture, 'randn_10x7'), value))
    expect([matrix.rows, matrix.cols]).toStrictEqual([10, 7])
    expectClose(toFlat(matrix), expected.flat())
  })

  test('with the correctly rounded log, randn(10, 7) is bit-exact for all four seeds', () => {
    // With Math.log instead, only 268 of these 280 values match exactly.
    const matches = seeds.map((value) => {
      const [matrix] = randn(seed(Number(value)), 10, 7)
      return exactMatches(toFlat(matrix), rowsOf(field(field(fixture, 'randn_10x7'), value)).flat())
    })
    expect(matches).toStrictEqual([70, 70, 70, 70])
  })

  test('the mixed stream from seed 7 keeps the cached Gaussian across calls', () => {
    // numpy: randn(3), random_sample(2), randn(2), permutation(5), normal(0, 2, size=3).
    const mixed = field(fixture, 'mixed_stream_seed7')
    const expectedRandn3 = numbers(field(mixed, 'randn_3'))
    const expectedRandn2 = numbers(field(mixed, 'randn_2'))
    const expectedNormal = numbers(field(mixed, 'normal_0_2_size3'))

    const [first, s1] = randn(seed(7), 1, 3)
    expectClose(toFlat(first), expectedRandn3)
    // Three Gaussians take two pairs: the fourth waits in the state ...
    expect(getState(s1).hasGauss).toBe(true)
    // ... and random_sample neither uses nor clears it.
    const [uniforms, s2] = randomSample(s1, 2)
    expect(uniforms).toStrictEqual(numbers(field(mixed, 'random_sample_2')))
    expect([getState(s2).hasGauss, getState(s2).gauss]).toStrictEqual([true, getState(s1).gauss])
    // randn(2) starts with the cached one, then draws a new pair and caches its second value.
    expectClose([getState(s2).gauss], expectedRandn2.slice(0, 1))
    const [second, s3] = randn(s2, 1, 2)
    expectClose(toFlat(second), expectedRandn2)
    expect(getState(s3).hasGauss).toBe(true)
    const [order, s4] = permutation(s3, 5)
    expect(order).toStrictEqual(numbers(field(mixed, 'permutation_5')))
    // normal(0, 2) starts with the Gaussian cached by randn(2): 2·gauss.
    expectClose([2 * getState(s4).gauss], expectedNormal.slice(0, 1))
    const [third, s5] = normal(s4, 1, 3, 0, 2)
    expectClose(toFlat(third), expectedNormal)
    expect(getState(s5).hasGauss).toBe(false)

    const [asVectors] = standardNormals(seed(7), 3)
    expectClose(asVectors, expectedRandn3)
  })

  test('the notebook global stream: seed 42, the 2-3-1 net, then the moons and circles nets', () => {
    // np.random.seed(42); W1 = randn(2, 3)·0.5; W2 = randn(3, 1)·0.5; then He initialisation
    // randn(n_i, n_i+1)·sqrt(2 / n_i) for [2, 16, 8, 1] (moons) and [2, 32, 16, 8, 1] (circles).
    // make_moons, make_circles and train_test_split use their own RandomState(42), so nothing else
    // draws from the global stream in between.
    const inits = field(fixture, 'notebook_global_inits')
    let state = seed(42)
    const draw = (rows: number, cols: number, factor: number): Matrix => {
      const [matrix, next] = randn(state, rows, cols)
      state = next
      return scale(matrix, factor)
    }
    const w1 = draw(2, 3, 0.5)
    const w2 = draw(3, 1, 0.5)
    expectClose(toFlat(w1), rowsOf(field(inits, 'verbose_W1')).flat())
    expectClose(toFlat(w2), rowsOf(field(inits, 'verbose_W2')).flat())
    // 2·3 + 3·1 = 9 Gaussians: the tenth is cached and opens the moons network's W1.
    expect(getState(state).hasGauss).toBe(true)
    const cached = getState(state).gauss

    let exact = 0
    let total = 0
    for (const [name, sizes] of [
      ['moons', [2, 16, 8, 1]],
      ['circles', [2, 32, 16, 8, 1]],
    ] as const) {
      const listed = field(inits, name)
      if (!Array.isArray(listed)) throw new Error(`fixture ${name} is not a list`)
      const expected: unknown[] = listed
      expect(expected).toHaveLength(sizes.length - 1)
      sizes.slice(0, -1).forEach((fanIn, layer) => {
        const fanOut = sizes[layer + 1] ?? 0
        const weights = draw(fanIn, fanOut, Math.sqrt(2.0 / fanIn))
        const want = rowsOf(expected[layer]).flat()
        if (name === 'moons' && layer === 0) expect(toRows(weights)[0]?.[0]).toBe(cached)
        expectClose(toFlat(weights), want)
        exact += exactMatches(toFlat(weights), want)
        total += want.length
      })
    }
    // 168 + 712 values; glibc misrounds one log among them (two values, 1.4e-17 apart).
    expect(total).toBe(880)
    expect(exact).toBeGreaterThanOrEqual(878)
  })
})

describe('cached Gaussian', () => {
  test('randn(1) then randn(1) equals randn(2): the second call takes the cached value', () => {
    const start = seed(3)
    const [a, s1] = randn(start, 1, 1)
    expect(getState(s1).hasGauss).toBe(true)
    const [b, s2] = randn(s1, 1, 1)
    expect(getState(s2).position).toBe(getState(s1).position)
    const [both, s3] = randn(start, 1, 2)
    expect([...toFlat(a), ...toFlat(b)]).toStrictEqual(toFlat(both))
    expect(getState(s2)).toStrictEqual(getState(s3))
  })

  propertyTest.prop([stateArb, count, count])(
    'splitting a Gaussian draw anywhere gives the same values and state as one draw',
    (state, first, second) => {
      const [a, s1] = standardNormals(state, first)
      const [b, s2] = standardNormals(s1, second)
      const [whole, s3] = standardNormals(state, first + second)
      expect([...a, ...b]).toStrictEqual(whole)
      expect(getState(s2)).toStrictEqual(getState(s3))
    },
  )

  propertyTest.prop([stateArb])(
    'a cached Gaussian is the next value and takes no words',
    (state) => {
      const before = getState(state)
      const [values, next] = standardNormals(state, 1)
      if (before.hasGauss) {
        expect(values).toStrictEqual([before.gauss])
        expect(getState(next).position).toBe(before.position)
        expect(getState(next).hasGauss).toBe(false)
      } else {
        expect(getState(next).hasGauss).toBe(true)
        expect(getState(next).position).not.toBe(before.position)
      }
    },
  )

  propertyTest.prop([stateArb, count, fc.integer({ min: 1, max: 20 })])(
    'uniform draws in between neither use nor clear the cache',
    (state, uniforms, gaussians) => {
      const [, afterGauss] = standardNormals(state, gaussians)
      const [, afterUniforms] = randomSample(afterGauss, uniforms)
      const cache = getState(afterGauss)
      expect([getState(afterUniforms).hasGauss, getState(afterUniforms).gauss]).toStrictEqual([
        cache.hasGauss,
        cache.gauss,
      ])
      const [next, afterNext] = standardNormals(afterUniforms, 1)
      if (cache.hasGauss) expect(next).toStrictEqual([cache.gauss])
      else expect(getState(afterNext).position).not.toBe(getState(afterUniforms).position)
    },
  )

  propertyTest.prop([stateArb, count])(
    'from a state without a cache, an odd count leaves one and an even count none',
    (state, n) => {
      const fresh = getState(state).hasGauss ? standardNormals(state, 1)[1] : state
      const [values, next] = standardNormals(fresh, n)
      expect(getState(next).hasGauss).toBe(n % 2 === 1)
      if (n % 2 === 1) {
        expect(standardNormals(next, 1)[0]).toStrictEqual([getState(next).gauss])
        expect(values).toHaveLength(n)
      }
    },
  )

  propertyTest.prop([stateArb, dimension, dimension])(
    'randn fills row by row with the Gaussians of standardNormals',
    (state, rows, cols) => {
      const [matrix, s1] = randn(state, rows, cols)
      const [values, s2] = standardNormals(state, rows * cols)
      expect(toFlat(matrix)).toStrictEqual(values)
      expect(getState(s1)).toStrictEqual(getState(s2))
    },
  )

  propertyTest.prop([
    stateArb,
    dimension,
    dimension,
    fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    fc.double({ min: 0, max: 1e6, noNaN: true }),
  ])('normal is loc + scale·gauss, entry by entry', (state, rows, cols, loc, spread) => {
    const [matrix, s1] = normal(state, rows, cols, loc, spread)
    const [values, s2] = standardNormals(state, rows * cols)
    expect(toFlat(matrix)).toStrictEqual(values.map((gauss) => loc + spread * gauss))
    expect(getState(s1)).toStrictEqual(getState(s2))
  })
})

describe('uniform draws', () => {
  propertyTest.prop([stateArb, count])(
    'randomSample values are in [0, 1) on the 2^-53 grid',
    (state, n) => {
      const [values] = randomSample(state, n)
      expect(values).toHaveLength(n)
      for (const value of values) {
        expect(value >= 0 && value < 1).toBe(true)
        expect(Number.isInteger(value * 2 ** 53)).toBe(true)
      }
    },
  )

  propertyTest.prop([stateArb, count, count])(
    'splitting randomSample gives the same values and state as one draw',
    (state, first, second) => {
      const [a, s1] = randomSample(state, first)
      const [b, s2] = randomSample(s1, second)
      const [whole, s3] = randomSample(state, first + second)
      expect([...a, ...b]).toStrictEqual(whole)
      expect(getState(s2)).toStrictEqual(getState(s3))
    },
  )

  propertyTest.prop([stateArb, fc.integer({ min: 0, max: 2000 })])(
    'randomSample(n) takes exactly 2n words',
    (state, n) => {
      const [, next] = randomSample(state, n)
      expect(getState(next).position).toBe(positionAfter(getState(state).position, 2 * n))
    },
  )

  propertyTest.prop([stateArb, fc.integer({ min: 0, max: 0xffffffff })])(
    'randomInterval stays in 0..max; max 0 takes nothing',
    (state, max) => {
      const [value, next] = randomInterval(state, max)
      expect(Number.isInteger(value) && value >= 0 && value <= max).toBe(true)
      if (max === 0) expect(getState(next)).toStrictEqual(getState(state))
    },
  )
})

describe('permutations', () => {
  propertyTest.prop([stateArb, fc.integer({ min: 0, max: 300 })])(
    'permutation(n) is an ordering of 0..n−1',
    (state, n) => {
      const [order] = permutation(state, n)
      expect([...order].sort((a, b) => a - b)).toStrictEqual(
        Array.from({ length: n }, (_, index) => index),
      )
    },
  )

  test('permutation(0) and permutation(1) draw nothing', () => {
    const state = seed(5)
    expect(permutation(state, 0)[0]).toStrictEqual([])
    expect(permutation(state, 1)[0]).toStrictEqual([0])
    expect(getState(permutation(state, 1)[1])).toStrictEqual(getState(state))
  })

  propertyTest.prop([stateArb, fc.array(fc.string({ maxLength: 2 }), { maxLength: 40 })])(
    'shuffle reorders a copy by the same swaps as permutation and leaves the input alone',
    (state, items) => {
      const input = Object.freeze([...items])
      const [shuffled, s1] = shuffle(state, input)
      const [order, s2] = permutation(state, items.length)
      expect(shuffled).not.toBe(input)
      expect(input).toStrictEqual(items)
      expect(shuffled).toStrictEqual(order.map((index) => items[index]))
      expect([...shuffled].sort()).toStrictEqual([...items].sort())
      expect(getState(s1)).toStrictEqual(getState(s2))
    },
  )
})

describe('pure state passing', () => {
  const draws: readonly (readonly [
    string,
    (state: RandomState) => readonly [unknown, RandomState],
  ])[] = [
    ['randomSample', (state) => randomSample(state, 7)],
    ['standardNormals', (state) => standardNormals(state, 5)],
    ['randn', (state) => randn(state, 3, 3)],
    ['normal', (state) => normal(state, 2, 3, 1, 0.5)],
    ['permutation', (state) => permutation(state, 30)],
    ['shuffle', (state) => shuffle(state, ['a', 'b', 'c', 'd'])],
    ['randomInterval', (state) => randomInterval(state, 1000)],
  ]

  propertyTest.prop([stateArb, fc.constantFrom(...draws)])(
    'the same state gives the same draw twice and is itself unchanged',
    (state, [, draw]) => {
      const before = getState(state)
      const [first, s1] = draw(state)
      expect(getState(state)).toStrictEqual(before)
      const [second, s2] = draw(state)
      expect(second).toStrictEqual(first)
      expect(getState(s2)).toStrictEqual(getState(s1))
      expect(getState(state)).toStrictEqual(before)
    },
  )

  test('zero counts return the state they were given, unchanged', () => {
    const [, state] = standardNormals(seed(11), 1)
    expect(getState(randomSample(state, 0)[1])).toStrictEqual(getState(state))
    expect(getState(standardNormals(state, 0)[1])).toStrictEqual(getState(state))
    expect(getState(shuffle(state, [])[1])).toStrictEqual(getState(state))
  })
})

describe('preconditions', () => {
  const state = seed(0)

  test('counts and sizes written in code must be integers in range', () => {
    expectRangeError(
      () => randomSample(state, -1),
      'randomSample: count is -1, expected a non-negative integer',
    )
    expectRangeError(
      () => standardNormals(state, 2.5),
      'standardNormals: count is 2.5, expected a non-negative integer',
    )
    expectRangeError(() => randn(state, 1.5, 2), 'randn: rows is 1.5, expected a positive integer')
    expectRangeError(() => randn(state, 2, 0), 'randn: cols is 0, expected a positive integer')
    expectRangeError(
      () => normal(state, 0, 2, 0, 1),
      'normal: rows is 0, expected a positive integer',
    )
    expectRangeError(
      () => permutation(state, -3),
      'permutation: n is -3, expected an integer from 0 to 4294967295',
    )
    expectRangeError(
      () => randomInterval(state, 2 ** 32),
      'randomInterval: max is 4294967296, expected an integer from 0 to 4294967295',
    )
  })

  test('normal needs a finite loc and a finite scale >= 0', () => {
    expectRangeError(
      () => normal(state, 1, 1, Number.NaN, 1),
      'normal: loc is NaN, expected a finite number',
    )
    expectRangeError(
      () => normal(state, 1, 1, 0, Infinity),
      'normal: scale is Infinity, expected a finite number',
    )
    expectRangeError(
      () => normal(state, 1, 1, 0, -1),
      'normal: scale is -1, expected a number >= 0',
    )
  })

  propertyTest.prop([
    fc.oneof(
      fc.integer({ max: -1 }),
      fc.double({ noNaN: false }).filter((value) => !Number.isInteger(value)),
    ),
  ])('any count that is not a non-negative integer throws', (bad) => {
    expect(() => randomSample(state, bad)).toThrow(RangeError)
    expect(() => standardNormals(state, bad)).toThrow(RangeError)
    expect(() => permutation(state, bad)).toThrow(RangeError)
    expect(() => randn(state, bad, 1)).toThrow(RangeError)
  })
})
