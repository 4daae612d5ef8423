// Option checks: each accepts exactly what its name says and names the option otherwise.

import { fc, test as propertyTest } from '@fast-check/vitest'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import {
  finite,
  nonNegative,
  openUnitInterval,
  optional,
  positive,
  positiveInteger,
} from '../../src/data/validate.js'
import { left } from '../support/either.js'

describe('option checks', () => {
  propertyTest.prop([fc.anything()])(
    'positiveInteger accepts exactly the positive safe integers',
    (value) => {
      const expected = typeof value === 'number' && Number.isSafeInteger(value) && value > 0
      expect(E.isRight(positiveInteger('op', 'count', value))).toBe(expected)
    },
  )

  propertyTest.prop([fc.double()])(
    'nonNegative, positive, finite and openUnitInterval follow their names',
    (value) => {
      expect(E.isRight(nonNegative('op', 'x', value))).toBe(Number.isFinite(value) && value >= 0)
      expect(E.isRight(positive('op', 'x', value))).toBe(Number.isFinite(value) && value > 0)
      expect(E.isRight(finite('op', 'x', value))).toBe(Number.isFinite(value))
      expect(E.isRight(openUnitInterval('op', 'x', value))).toBe(value > 0 && value < 1)
    },
  )

  test('messages name the operation, the option, the value and the expectation', () => {
    expect(left(positiveInteger('makeMoons', 'samples', '300')).message).toBe(
      'makeMoons: samples is "300", expected a positive integer',
    )
    expect(left(openUnitInterval('trainTestSplit', 'testSize', 2)).message).toBe(
      'trainTestSplit: testSize is 2, expected a number strictly between 0 and 1',
    )
  })

  test('optional passes an absent value and checks a present one', () => {
    expect(optional(nonNegative)('op', 'noise', undefined)).toStrictEqual(E.right(undefined))
    expect(E.isLeft(optional(nonNegative)('op', 'noise', -1))).toBe(true)
  })
})
