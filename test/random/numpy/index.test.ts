// The public surface of random.numpy: the names later layers and the tour depend on.

import { describe, expect, test } from 'vitest'
import * as numpy from '../../../src/random/numpy/index.js'

describe('random.numpy', () => {
  test('exports the stream functions and nothing internal', () => {
    expect(Object.keys(numpy).sort()).toStrictEqual([
      'RandomState',
      'getState',
      'isRandomState',
      'normal',
      'permutation',
      'randn',
      'randomInterval',
      'randomSample',
      'seed',
      'shuffle',
      'standardNormals',
    ])
  })

  test('RandomState cannot be constructed from outside, only seeded', () => {
    const forge = (): unknown =>
      Reflect.construct(numpy.RandomState, [Symbol('RandomState'), new Uint32Array(624), 0])
    expect(forge).toThrow(TypeError)
    expect(numpy.isRandomState(numpy.seed(1))).toBe(true)
  })
})
