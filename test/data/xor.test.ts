// makeXor: labels are the XOR of the coordinates' signs; points fill the square; errors named.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { data, linalg } from '../../src/index.js'
import { left, right } from '../support/either.js'

describe('makeXor', () => {
  propertyTest.prop([fc.integer({ min: 1, max: 300 }), fc.integer()])(
    'labels a point 1 exactly when its coordinates differ in sign',
    (samples, seed) => {
      const xor = right(data.makeXor({ samples, seed }))
      const labels = linalg.toFlat(xor.y)
      linalg.toRows(xor.X).forEach(([a = Number.NaN, b = Number.NaN], index) => {
        expect(Math.abs(a)).toBeLessThanOrEqual(1)
        expect(Math.abs(b)).toBeLessThanOrEqual(1)
        expect(labels[index]).toBe(a * b < 0 ? 1 : 0)
      })
    },
  )

  test('noise moves points off the labelled positions but keeps the labels', () => {
    const clean = right(data.makeXor({ samples: 100, seed: 4 }))
    const noisy = right(data.makeXor({ samples: 100, noise: 0.05, seed: 4 }))
    expect(linalg.toFlat(noisy.y)).toStrictEqual(linalg.toFlat(clean.y))
    expect(linalg.equals(noisy.X, clean.X)).toBe(false)
    expect(linalg.equals(noisy.X, clean.X, { absolute: 0.05 * 6 })).toBe(true)
  })

  test('bad options are named', () => {
    expect(left(data.makeXor({ samples: 0, seed: 1 })).message).toBe(
      'makeXor: samples is 0, expected a positive integer',
    )
  })
})
