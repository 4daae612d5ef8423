// makeCircles: scikit-learn's circles replayed exactly in numpy mode (the notebook's data), radii
// in gradfold mode, and named errors for bad options.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { data, linalg } from '../../src/index.js'
import { left, right } from '../support/either.js'
import { field, numbers, readFixture, rowsOf } from '../support/fixtures.js'

const expected = readFixture('datasets_expected.json')

const worstDifference = (actual: linalg.Matrix, reference: number[][]): number =>
  Math.max(
    ...linalg
      .toRows(actual)
      .flatMap((row, index) =>
        row.map((value, col) => Math.abs(value - (reference[index]?.[col] ?? Number.NaN))),
      ),
  )

describe('makeCircles in numpy mode', () => {
  test.each([
    ['make_circles_300_0.1_0.5_42', 0.1],
    ['make_circles_300_nonoise_0.5_42', undefined],
  ])('reproduces scikit-learn (%s)', (name, noise) => {
    const circles = right(
      data.makeCircles({
        samples: 300,
        factor: 0.5,
        seed: 42,
        rng: 'numpy',
        ...(noise === undefined ? {} : { noise }),
      }),
    )
    const reference = field(expected, name)
    expect(circles.X.rows).toBe(300)
    expect(worstDifference(circles.X, rowsOf(field(reference, 'X')))).toBeLessThanOrEqual(1e-15)
    expect(linalg.toFlat(circles.y)).toStrictEqual(numbers(field(reference, 'y')))
  })

  test("reproduces the notebook's circles (300 samples, noise 0.1, factor 0.5, seed 42)", () => {
    const notebook = field(expected, 'notebook_circles')
    const circles = right(
      data.makeCircles({ samples: 300, noise: 0.1, factor: 0.5, seed: 42, rng: 'numpy' }),
    )
    expect(worstDifference(circles.X, rowsOf(field(notebook, 'X')))).toBeLessThanOrEqual(1e-15)
    expect(linalg.toFlat(circles.y)).toStrictEqual(numbers(field(notebook, 'y')))
  })
})

describe('makeCircles in gradfold mode', () => {
  propertyTest.prop([
    fc.integer({ min: 1, max: 300 }),
    fc.double({ min: 0.05, max: 0.95, noNaN: true }),
    fc.integer(),
  ])(
    'without noise the outer circle has radius 1 and the inner radius factor',
    (samples, factor, seed) => {
      const circles = right(data.makeCircles({ samples, factor, seed }))
      const labels = linalg.toFlat(circles.y)
      linalg.toRows(circles.X).forEach(([x = Number.NaN, y = Number.NaN], index) => {
        expect(Math.hypot(x, y)).toBeCloseTo(labels[index] === 0 ? 1 : factor, 12)
      })
      expect(linalg.sum(circles.y)).toBe(samples - Math.floor(samples / 2))
    },
  )
})

describe('makeCircles options', () => {
  test.each([
    [
      { samples: 10, factor: 1, seed: 1 },
      'makeCircles: factor is 1, expected a number strictly between 0 and 1',
    ],
    [
      { samples: 10, factor: 0, seed: 1 },
      'makeCircles: factor is 0, expected a number strictly between 0 and 1',
    ],
    [
      { samples: 10, factor: -0.5, seed: 1 },
      'makeCircles: factor is -0.5, expected a number strictly between 0 and 1',
    ],
    [
      { samples: 10, noise: Number.NaN, seed: 1 },
      'makeCircles: noise is NaN, expected a finite number ≥ 0',
    ],
    [{ samples: -1, seed: 1 }, 'makeCircles: samples is -1, expected a positive integer'],
  ])('%j is rejected with a message naming the option', (options, message) => {
    expect(left(data.makeCircles(options)).message).toBe(message)
  })
})
