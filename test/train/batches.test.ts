// miniBatches: every example exactly once per epoch, batches of batchSize with a smaller last one,
// the same source giving the same batches, numpy mode shuffling as np.random.permutation, and
// batchSize null meaning the whole set with nothing drawn.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { linalg, random } from '../../src/index.js'
import { miniBatches, shuffledOrder, type ShuffleSource } from '../../src/train/batches.js'
import { left, right } from '../support/either.js'

/** n examples whose inputs and targets both hold the example's index. */
const indexed = (n: number): { readonly X: linalg.Matrix; readonly y: linalg.Matrix } => {
  const X = right(linalg.fromRows(Array.from({ length: n }, (_, index) => [index, -index])))
  const y = right(linalg.fromRows(Array.from({ length: n }, (_, index) => [index])))
  return { X, y }
}

const source = fc.oneof(
  fc.integer({ min: 0, max: 2 ** 31 }).map((seed): ShuffleSource => random.key(seed)),
  fc.integer({ min: 0, max: 2 ** 31 }).map((seed): ShuffleSource => random.numpy.seed(seed)),
)

describe('miniBatches', () => {
  propertyTest.prop([fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 50 }), source])(
    'covers every example exactly once, in batches of batchSize (the last may be smaller)',
    (n, batchSize, shuffle) => {
      const [batches] = right(miniBatches(indexed(n), batchSize, shuffle))
      const sizes = batches.map((batch) => batch.X.rows)
      expect(sizes.length).toBe(Math.ceil(n / batchSize))
      expect(sizes.slice(0, -1).every((size) => size === batchSize)).toBe(true)
      const seen = batches.flatMap((batch) => linalg.toFlat(batch.y))
      expect([...seen].sort((a, b) => a - b)).toStrictEqual(Array.from({ length: n }, (_, i) => i))
      for (const batch of batches) {
        expect(linalg.toRows(batch.X).map(([a]) => a)).toStrictEqual(linalg.toFlat(batch.y))
      }
    },
  )

  propertyTest.prop([fc.integer({ min: 2, max: 40 }), fc.integer({ min: 1, max: 10 }), source])(
    'the same source gives the same batches; the next source gives another epoch',
    (n, batchSize, shuffle) => {
      const [first, next] = right(miniBatches(indexed(n), batchSize, shuffle))
      const [again] = right(miniBatches(indexed(n), batchSize, shuffle))
      expect(first.map((b) => linalg.toFlat(b.y))).toStrictEqual(
        again.map((b) => linalg.toFlat(b.y)),
      )
      expect(next).toBeDefined()
      expect(next).not.toBe(shuffle)
    },
  )

  test('numpy mode shuffles as np.random.permutation(n) and continues the stream', () => {
    const state = random.numpy.seed(42)
    const [expected, after] = random.numpy.permutation(state, 10)
    const [batches, next] = right(miniBatches(indexed(10), 4, state))
    expect(batches.flatMap((batch) => linalg.toFlat(batch.y))).toStrictEqual(expected)
    expect(shuffledOrder(state, 10)[0]).toStrictEqual(expected)
    expect(next).toBeDefined()
    if (next === undefined || !random.numpy.isRandomState(next)) throw new Error('no stream')
    expect(random.numpy.getState(next)).toStrictEqual(random.numpy.getState(after))
  })

  test('key mode shuffles with one half of a split key', () => {
    const key = random.key(3)
    const [carried, used] = random.split(key, 2)
    if (carried === undefined || used === undefined) throw new Error('split gave no keys')
    const [batches, next] = right(miniBatches(indexed(12), 5, key))
    expect(batches.flatMap((batch) => linalg.toFlat(batch.y))).toStrictEqual(
      random.permutation(used, 12),
    )
    expect(next).toStrictEqual(carried)
  })

  test('batchSize null is the whole set, unshuffled, and draws nothing', () => {
    const data = indexed(7)
    const state = random.numpy.seed(1)
    const [batches, next] = right(miniBatches(data, null, state))
    expect(batches).toStrictEqual([data])
    expect(next).toBe(state)
  })

  test('without a source the batches follow the data order', () => {
    const [batches, next] = right(miniBatches(indexed(5), 2))
    expect(batches.map((batch) => linalg.toFlat(batch.y))).toStrictEqual([[0, 1], [2, 3], [4]])
    expect(next).toBeUndefined()
  })

  test.each([0, -1, 1.5, Number.NaN])('batchSize %s is a Left', (batchSize) => {
    expect(left(miniBatches(indexed(4), batchSize)).message).toBe(
      `miniBatches: batchSize is ${batchSize}, expected a positive integer or null`,
    )
  })

  test('X and y with different row counts are a Left', () => {
    const error = left(miniBatches({ X: linalg.zeros(3, 2), y: linalg.zeros(2, 1) }, 2))
    expect(error.message).toMatch(/X has 3 rows and y 2/)
  })
})
