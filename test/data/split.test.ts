// trainTestSplit: scikit-learn's indices and the notebook's split replayed exactly in numpy mode;
// disjoint, covering parts in any mode; named errors for impossible sizes.

import { fc, test as propertyTest } from '@fast-check/vitest'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import { data, linalg } from '../../src/index.js'
import { left, right } from '../support/either.js'
import { field, numbers, readFixture, rowsOf } from '../support/fixtures.js'

const expected = readFixture('datasets_expected.json')

/** A dataset whose X and y both hold each example's own index. */
const indexed = (examples: number): data.Dataset => {
  const column = right(linalg.columnVector(Array.from({ length: examples }, (_, index) => index)))
  return right(data.dataset(column, column))
}

describe('trainTestSplit in numpy mode', () => {
  test("picks scikit-learn's indices (300 examples, test size 0.2, seed 42)", () => {
    const split = right(
      data.trainTestSplit(indexed(300), { testSize: 0.2, seed: 42, rng: 'numpy' }),
    )
    const reference = field(expected, 'tts_300_0.2_42')
    expect(split.testIndices).toStrictEqual(numbers(field(reference, 'test')))
    expect(split.trainIndices).toStrictEqual(numbers(field(reference, 'train')))
    expect(linalg.toFlat(split.test.X)).toStrictEqual(split.testIndices)
  })

  test("reproduces the notebook's train and test sets", () => {
    const notebook = field(expected, 'notebook_moons')
    const split = right(
      E.chain((moons: data.Dataset) =>
        data.trainTestSplit(moons, { testSize: 0.2, seed: 42, rng: 'numpy' }),
      )(data.makeMoons({ samples: 300, noise: 0.2, seed: 42, rng: 'numpy' })),
    )
    for (const [part, name] of [
      [split.train, 'train'],
      [split.test, 'test'],
    ] as const) {
      const X = rowsOf(field(notebook, `X_${name}`))
      const worst = Math.max(
        ...linalg
          .toRows(part.X)
          .flatMap((row, index) =>
            row.map((value, col) => Math.abs(value - (X[index]?.[col] ?? Number.NaN))),
          ),
      )
      expect(worst).toBeLessThanOrEqual(1e-15)
      expect(linalg.toFlat(part.y)).toStrictEqual(numbers(field(notebook, `y_${name}`)))
    }
  })
})

describe('trainTestSplit laws', () => {
  propertyTest.prop([
    fc.integer({ min: 2, max: 300 }),
    fc.double({ min: 0.01, max: 0.99, noNaN: true }),
    fc.integer(),
    fc.boolean(),
  ])(
    'the parts are disjoint, sized as scikit-learn sizes them, and hold the rows they name',
    (examples, testSize, seed, numpy) => {
      const testCount = Math.ceil(testSize * examples)
      const trainCount = Math.floor((1 - testSize) * examples)
      fc.pre(testCount >= 1 && trainCount >= 1 && testCount + trainCount <= examples)
      const options = numpy
        ? { testSize, seed: Math.abs(seed), rng: 'numpy' as const }
        : { testSize, seed }
      const split = right(data.trainTestSplit(indexed(examples), options))
      expect([split.testIndices.length, split.trainIndices.length]).toStrictEqual([
        testCount,
        trainCount,
      ])
      expect(new Set([...split.testIndices, ...split.trainIndices]).size).toBe(
        testCount + trainCount,
      )
      expect(linalg.toFlat(split.train.y)).toStrictEqual(split.trainIndices)
    },
  )

  test('sizes that leave a side empty, or fractions outside (0, 1), are named errors', () => {
    expect(left(data.trainTestSplit(indexed(10), { testSize: 1, seed: 1 })).message).toBe(
      'trainTestSplit: testSize is 1, expected a number strictly between 0 and 1',
    )
    expect(left(data.trainTestSplit(indexed(10), { testSize: -0.2, seed: 1 })).message).toBe(
      'trainTestSplit: testSize is -0.2, expected a number strictly between 0 and 1',
    )
    expect(left(data.trainTestSplit(indexed(1), { testSize: 0.5, seed: 1 })).message).toBe(
      'trainTestSplit: testSize is 0.5, expected a fraction that leaves at least one example on each side of 1',
    )
  })
})
