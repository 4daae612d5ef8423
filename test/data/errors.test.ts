// Data-layer error values and their messages.

import { describe, expect, test } from 'vitest'
import { invalidData, invalidOption } from '../../src/data/errors.js'

describe('data errors', () => {
  test('an invalid option names operation, option, value and expectation', () => {
    expect(
      invalidOption('makeCircles', 'factor', 1.5, 'a number strictly between 0 and 1'),
    ).toStrictEqual({
      _tag: 'InvalidOption',
      operation: 'makeCircles',
      option: 'factor',
      message: 'makeCircles: factor is 1.5, expected a number strictly between 0 and 1',
    })
    expect(invalidOption('op', 'centers', [[1]], 'rows').message).toBe(
      'op: centers is an array, expected rows',
    )
  })

  test('invalid data carries the operation in its message', () => {
    expect(invalidData('oneHot', 'labels are 2×2, expected one column')).toStrictEqual({
      _tag: 'InvalidData',
      operation: 'oneHot',
      message: 'oneHot: labels are 2×2, expected one column',
    })
  })
})
