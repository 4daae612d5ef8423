// Shapes: the printed form every message uses, what counts as a dimension, shape equality.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { isDimension } from '../../src/linalg/shape.js'
import { linalg } from '../../src/index.js'

describe('shapes', () => {
  test('print as rows×cols', () => {
    expect(linalg.formatShape({ rows: 240, cols: 2 })).toBe('240×2')
  })

  propertyTest.prop([fc.integer({ min: 1, max: 1_000_000 })])(
    'positive integers are dimensions',
    (size) => {
      expect(isDimension(size)).toBe(true)
    },
  )

  test.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])(
    '%s is not a dimension',
    (size) => {
      expect(isDimension(size)).toBe(false)
    },
  )

  test('sameShape compares rows and columns, not entries', () => {
    expect(linalg.sameShape(linalg.zeros(2, 3), linalg.ones(2, 3))).toBe(true)
    expect(linalg.sameShape(linalg.zeros(2, 3), linalg.zeros(3, 2))).toBe(false)
  })
})
