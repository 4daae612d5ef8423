// The RandomState value: numpy's seeding (integer and array), seed preconditions, and the laws
// that nothing outside the package can change a state and that a draw works on a private copy.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import {
  getState,
  isRandomState,
  run,
  seed,
  type RandomState,
} from '../../../src/random/numpy/random-state.js'
import { field, numbers, readFixture } from '../../support/fixtures.js'

const fixture = readFixture('np_rng_expected.json')
const keyHeads = field(fixture, 'state_key_head')

const word = fc.integer({ min: 0, max: 0xffffffff })

const expectRangeError = (thunk: () => unknown, message: string): void => {
  expect(thunk).toThrow(RangeError)
  expect(thunk).toThrow(message)
}

describe('seed', () => {
  test.each(['0', '1', '42', '12345', '4294967295'])(
    'seed(%s) has numpy key head, position 624 and no cached Gaussian',
    (value) => {
      const state = getState(seed(Number(value)))
      expect(state.key.slice(0, 8)).toStrictEqual(numbers(field(keyHeads, value)))
      expect(state.key).toHaveLength(624)
      expect([state.position, state.hasGauss, state.gauss]).toStrictEqual([624, false, 0])
    },
  )

  test('seed([1, 2, 3]) runs init_by_array like numpy', () => {
    const state = getState(seed([1, 2, 3]))
    expect(state.key.slice(0, 8)).toStrictEqual(
      numbers(field(fixture, 'array_seed_[1,2,3]_key_head')),
    )
    expect([state.position, state.hasGauss]).toStrictEqual([624, false])
  })

  propertyTest.prop([word])(
    'an integer seed and a one-word array seed differ, as in numpy',
    (value) => {
      expect(getState(seed(value)).key).not.toStrictEqual(getState(seed([value])).key)
    },
  )

  propertyTest.prop([fc.array(word, { minLength: 1, maxLength: 700 })])(
    'an array seed sets the top bit of the first word only',
    (words) => {
      const { key } = getState(seed(words))
      expect(key[0]).toBe(0x80000000)
      expect(
        key.every((entry) => Number.isInteger(entry) && entry >= 0 && entry <= 0xffffffff),
      ).toBe(true)
    },
  )

  test('bad seeds are preconditions that name the value', () => {
    expectRangeError(() => seed(-1), 'seed: seed is -1, expected an integer from 0 to 4294967295')
    expectRangeError(() => seed(2 ** 32), 'seed: seed is 4294967296, expected an integer')
    expectRangeError(() => seed(1.5), 'seed: seed is 1.5, expected an integer')
    expectRangeError(() => seed(Number.NaN), 'seed: seed is NaN, expected an integer')
    expectRangeError(() => seed([]), 'seed: the seed array is empty')
    expectRangeError(() => seed([1, -2, 3]), 'seed: seed[1] is -2, expected an integer')
  })
})

describe('the value', () => {
  test('is frozen, recognised by isRandomState and printed briefly', () => {
    const state = seed(42)
    expect(Object.isFrozen(state)).toBe(true)
    expect(Object.keys(state)).toStrictEqual([])
    expect(isRandomState(state)).toBe(true)
    expect(isRandomState(getState(state))).toBe(false)
    expect(isRandomState(null)).toBe(false)
    expect(String(state)).toBe('RandomState(MT19937, position 624)')
  })

  test('JSON shows the whole snapshot', () => {
    const parsed: unknown = JSON.parse(JSON.stringify(seed(1)))
    expect(parsed).toStrictEqual(getState(seed(1)))
  })

  propertyTest.prop([word])('getState returns a copy: writing it changes no state', (value) => {
    const state = seed(value)
    const snapshot = getState(state)
    const key = snapshot.key as number[]
    key[0] = (value + 1) % 2 ** 32
    key.length = 3
    expect(getState(state)).toStrictEqual(getState(seed(value)))
  })
})

describe('run', () => {
  propertyTest.prop([word, fc.integer({ min: 0, max: 623 }), word])(
    'a draw writes only its private copy and returns the state it ended in',
    (value, position, written) => {
      const state: RandomState = seed(value)
      const [result, next] = run(state, (stream) => {
        stream.key[position] = written
        stream.position = position
        stream.hasGauss = true
        stream.gauss = 0.5
        return 'done'
      })
      expect(result).toBe('done')
      expect(getState(state)).toStrictEqual(getState(seed(value)))
      const after = getState(next)
      expect([after.key[position], after.position, after.hasGauss, after.gauss]).toStrictEqual([
        written,
        position,
        true,
        0.5,
      ])
    },
  )

  test('two draws from one state do not share their copies', () => {
    const state = seed(9)
    const [, first] = run(state, (stream) => {
      stream.key[0] = 1
    })
    const [, second] = run(state, (stream) => {
      stream.key[0] = 2
    })
    expect([getState(first).key[0], getState(second).key[0], getState(state).key[0]]).toStrictEqual(
      [1, 2, 9],
    )
  })
})
