// The option checks: in-range values come back as Rights, everything else as an OptimizerError
// naming the transformation, the option and the value; `renamed` retells an error as an alias's.

import { fc, test as propertyTest } from '@fast-check/vitest'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import {
  checkBeta,
  checkLearningRate,
  checkNonNegative,
  checkPositive,
  optimizerError,
  renamed,
} from '../../src/train/options.js'
import { left } from '../support/either.js'

const anyNumber = fc.oneof(
  fc.double(),
  fc.constantFrom(0, -0, 1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
)

describe('checks', () => {
  propertyTest.prop([anyNumber])('each is a Right exactly when the value is in range', (value) => {
    const cases = [
      [checkBeta('adam', 'beta1', value), Number.isFinite(value) && value >= 0 && value < 1],
      [checkNonNegative('adam', 'epsilon', value), Number.isFinite(value) && value >= 0],
      [checkPositive('clip', 'maxNorm', value), Number.isFinite(value) && value > 0],
      [checkLearningRate('sgd', value), Number.isFinite(value) && value >= 0],
    ] as const
    for (const [checked, accepted] of cases) {
      expect(E.isRight(checked)).toBe(accepted)
      if (E.isRight(checked)) expect(Object.is(checked.right, value)).toBe(true)
    }
  })

  test('a refusal names the transformation, the option, the value and what was expected', () => {
    expect(left(checkBeta('adam', 'beta2', 1))).toStrictEqual({
      _tag: 'InvalidOption',
      optimizer: 'adam',
      option: 'beta2',
      value: 1,
      expected: 'a number in [0, 1)',
      message: 'adam: beta2 is 1, expected a number in [0, 1)',
    })
    expect(left(checkNonNegative('rmsprop', 'epsilon', Number.NaN)).message).toBe(
      'rmsprop: epsilon is NaN, expected a finite number ≥ 0',
    )
    expect(left(checkPositive('clipByGlobalNorm', 'maxNorm', 0)).message).toBe(
      'clipByGlobalNorm: maxNorm is 0, expected a finite number > 0',
    )
  })

  test('a schedule is accepted as it is', () => {
    const schedule = (step: number): number => -step
    expect(checkLearningRate('sgd', schedule)).toStrictEqual(E.right(schedule))
  })

  test('renamed retells the error under the alias’s name, the rest unchanged', () => {
    const error = optimizerError('scaleByAdam', 'beta1', 1.5, 'a number in [0, 1)')
    expect(renamed('adam')(error)).toStrictEqual({
      ...error,
      optimizer: 'adam',
      message: 'adam: beta1 is 1.5, expected a number in [0, 1)',
    })
    expect(Object.isFrozen(renamed('adam')(error))).toBe(true)
  })
})
