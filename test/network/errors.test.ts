// NetworkError values: a kind and a message, frozen.

import { expect, test } from 'vitest'
import { network } from '../../src/index.js'

test('networkError builds a frozen error with its kind and message', () => {
  const error = network.networkError('ShapeMismatch', 'forward: layer 0 (dense 2→3): …')
  expect(error).toStrictEqual({ _tag: 'ShapeMismatch', message: 'forward: layer 0 (dense 2→3): …' })
  expect(Object.isFrozen(error)).toBe(true)
})
