// makeMoons: scikit-learn's moons replayed exactly in numpy mode (the notebook's data), the moon
// geometry in gradfold mode, determinism under a seed, and named errors for bad options.

import { fc, test as propertyTest } from '@fast-check/vitest'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import { data, linalg } from '../../src/index.js'
import { left, right } from '../support/either.js'
import { field, numbers, readFixture, rowsOf } from '../support/fixtures.js'

const expected = readFixture('datasets_expected.json')

const expectCoordinates = (actual: linalg.Matrix, reference: number[][]): void => {
  const rows = linalg.toRows(actual)
  expect(rows.length).toBe(reference.length)
  const worst = Math.max(
    ...rows.flatMap((row, index) =>
      row.map((value, col) => Math.abs(value - (reference[index]?.[col] ?? Number.NaN))),
    ),
  )
  expect(worst).toBeLessThanOrEqual(1e-15)
}

describe('makeMoons in numpy mode', () => {
  test.each([
    ['make_moons_300_0.2_42', 0.2],
    ['make_moons_300_nonoise_42', undefined],
  ])('reproduces scikit-learn (%s)', (name, noise) => {
    const moons = right(
      data.makeMoons({
        samples: 300,
        seed: 42,
        rng: 'numpy',
        ...(noise === undefined ? {} : { noise }),
      }),
    )
    expectCoordinates(moons.X, rowsOf(field(field(expected, name), 'X')))
    expect(linalg.toFlat(moons.y)).toStrictEqual(numbers(field(field(expected, name), 'y')))
  })

  test("reproduces the notebook's moons (300 samples, noise 0.2, seed 42)", () => {
    const notebook = field(expected, 'notebook_moons')
    const moons = right(data.makeMoons({ samples: 300, noise: 0.2, seed: 42, rng: 'numpy' }))
    expectCoordinates(moons.X, rowsOf(field(notebook, 'X')))
    expect(linalg.toFlat(moons.y)).toStrictEqual(numbers(field(notebook, 'y')))
  })
})

describe('makeMoons in gradfold mode', () => {
  propertyTest.prop([fc.integer({ min: 1, max: 400 }), fc.integer()])(
    'has the shape and class sizes asked for',
    (samples, seed) => {
      const moons = right(data.makeMoons({ samples, noise: 0.1, seed }))
      expect([moons.X.rows, moons.X.cols, moons.y.rows, moons.y.cols]).toStrictEqual([
        samples,
        2,
        samples,
        1,
      ])
      expect(linalg.sum(moons.y)).toBe(samples - Math.floor(samples / 2))
    },
  )

  propertyTest.prop([fc.integer({ min: 2, max: 200 }), fc.integer()])(
    'without noise every point lies on its moon',
    (samples, seed) => {
      const moons = right(data.makeMoons({ samples, seed }))
      const labels = linalg.toFlat(moons.y)
      linalg.toRows(moons.X).forEach(([x = Number.NaN, y = Number.NaN], index) => {
        const [centerX, centerY] = labels[index] === 0 ? [0, 0] : [1, 0.5]
        expect(Math.hypot(x - centerX, y - centerY)).toBeCloseTo(1, 12)
        expect(labels[index] === 0 ? y >= -1e-15 : y <= 0.5 + 1e-15).toBe(true)
      })
    },
  )

  propertyTest.prop([fc.integer()])(
    'the same seed gives the same dataset, another seed another',
    (seed) => {
      const first = right(data.makeMoons({ samples: 50, noise: 0.2, seed }))
      const second = right(data.makeMoons({ samples: 50, noise: 0.2, seed }))
      const other = right(data.makeMoons({ samples: 50, noise: 0.2, seed: seed + 1 }))
      expect(linalg.toFlat(second.X)).toStrictEqual(linalg.toFlat(first.X))
      expect(linalg.toFlat(other.X)).not.toStrictEqual(linalg.toFlat(first.X))
    },
  )
})

describe('makeMoons options', () => {
  test.each([
    [{ samples: -3, seed: 1 }, 'makeMoons: samples is -3, expected a positive integer'],
    [{ samples: 2.5, seed: 1 }, 'makeMoons: samples is 2.5, expected a positive integer'],
    [{ samples: 0, seed: 1 }, 'makeMoons: samples is 0, expected a positive integer'],
    [
      { samples: 10, noise: -0.1, seed: 1 },
      'makeMoons: noise is -0.1, expected a finite number ≥ 0',
    ],
    [
      { samples: 10, seed: -1, rng: 'numpy' as const },
      "makeMoons: seed is -1, expected an integer from 0 to 4294967295 for numpy's stream",
    ],
    [{ samples: 10, seed: 0.5 }, 'makeMoons: seed is 0.5, expected a safe integer'],
  ])('%j is rejected with a message naming the option', (options, message) => {
    expect(left(data.makeMoons(options))).toMatchObject({ _tag: 'InvalidOption', message })
  })

  test('unshuffled moons list the outer moon first', () => {
    const moons = right(data.makeMoons({ samples: 6, seed: 0, shuffle: false }))
    expect(linalg.toFlat(moons.y)).toStrictEqual([0, 0, 0, 1, 1, 1])
    expect(E.isRight(data.makeMoons({ samples: 1, seed: 0 }))).toBe(true)
  })
})
