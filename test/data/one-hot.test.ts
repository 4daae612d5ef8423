// oneHot: one 1 per row in the label's column; labels must be class indices.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { data, linalg } from '../../src/index.js'
import { left, right } from '../support/either.js'

describe('oneHot', () => {
  propertyTest.prop([fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 50 })])(
    'every row sums to 1 and its argmax is the label',
    (labels) => {
      const encoded = right(data.oneHot(right(linalg.columnVector(labels))))
      expect(encoded.cols).toBe(Math.max(...labels) + 1)
      expect(linalg.toFlat(linalg.rowSums(encoded))).toStrictEqual(labels.map(() => 1))
      expect(linalg.rowArgmax(encoded)).toStrictEqual(labels)
    },
  )

  test('labels that are not class indices are named', () => {
    const labels = right(linalg.columnVector([0, 1.5, 2]))
    expect(left(data.oneHot(labels)).message).toBe(
      'oneHot: labels[1] is 1.5, expected an integer from 0 to 2',
    )
    expect(left(data.oneHot(right(linalg.columnVector([0, 3])), 3)).message).toBe(
      'oneHot: labels[1] is 3, expected an integer from 0 to 2',
    )
    expect(left(data.oneHot(linalg.zeros(2, 2))).message).toBe(
      'oneHot: labels are 2×2, expected one column',
    )
  })
})
