// Random sources for generators: numpy mode replays random.numpy draw for draw; gradfold mode is
// deterministic per seed or key; bad seeds and modes are named.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { openStream } from '../../src/data/stream.js'
import { linalg, random } from '../../src/index.js'
import { left, right } from '../support/either.js'

describe('openStream', () => {
  propertyTest.prop([fc.integer({ min: 0, max: 2 ** 32 - 1 })])(
    'numpy mode makes the same draws as random.numpy, in order',
    (seed) => {
      const stream = right(openStream('test', { seed, rng: 'numpy' }))
      const [order, afterOrder] = stream.permutation(7)
      const [noise] = afterOrder.normal(3, 2, 0.5)
      const [expectedOrder, state] = random.numpy.permutation(random.numpy.seed(seed), 7)
      const [expectedNoise] = random.numpy.normal(state, 3, 2, 0, 0.5)
      expect(order).toStrictEqual(expectedOrder)
      expect(linalg.toFlat(noise)).toStrictEqual(linalg.toFlat(expectedNoise))
    },
  )

  propertyTest.prop([fc.integer()])(
    'gradfold mode: the same seed gives the same draws; a key works as well',
    (seed) => {
      const first = right(openStream('test', { seed })).normal(2, 2, 1)[0]
      const again = right(openStream('test', { seed, rng: 'gradfold' })).normal(2, 2, 1)[0]
      const fromKey = right(openStream('test', { key: random.key(seed) })).normal(2, 2, 1)[0]
      expect(linalg.toFlat(again)).toStrictEqual(linalg.toFlat(first))
      expect(linalg.toFlat(fromKey)).toStrictEqual(linalg.toFlat(first))
    },
  )

  propertyTest.prop([fc.integer()])('successive draws differ', (seed) => {
    const stream = right(openStream('test', { seed }))
    const [first, next] = stream.uniform(1, 4, 0, 1)
    const [second] = next.uniform(1, 4, 0, 1)
    expect(linalg.toFlat(second)).not.toStrictEqual(linalg.toFlat(first))
  })

  test('numpy uniform is low + (high − low)·u over random_sample', () => {
    const [values] = right(openStream('test', { seed: 0, rng: 'numpy' })).uniform(1, 3, -2, 6)
    const [samples] = random.numpy.randomSample(random.numpy.seed(0), 3)
    expect(linalg.toFlat(values)).toStrictEqual(samples.map((sample) => -2 + 8 * sample))
  })

  test('bad seeds and modes are named', () => {
    expect(left(openStream('makeMoons', { seed: 2 ** 32, rng: 'numpy' })).message).toBe(
      "makeMoons: seed is 4294967296, expected an integer from 0 to 4294967295 for numpy's stream",
    )
    const untyped = JSON.parse('{"seed": 1, "rng": "torch"}') as { seed: number; rng: 'numpy' }
    expect(left(openStream('makeMoons', untyped)).message).toBe(
      `makeMoons: rng is "torch", expected 'numpy' or 'gradfold'`,
    )
  })
})
