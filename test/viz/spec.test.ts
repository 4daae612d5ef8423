// The shared pieces of every figure: rounding for compact specs, and `standalone`, which puts the
// font on a view (the words: test/teach/figure-words.test.ts).

import { fc } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { FONT, standalone } from '../../src/viz/spec.js'
import { compact } from '../../src/viz/spec.js'
import { expectCompiles } from './notebook-figures.js'

describe('compact', () => {
  test('rounds to 6 significant digits: within a relative 5e-6, idempotent', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        const rounded = compact(value)
        expect(Math.abs(rounded - value)).toBeLessThanOrEqual(Math.abs(value) * 5.0001e-6)
        expect(compact(rounded)).toBe(rounded) // idempotent: already 6 digits
      }),
    )
  })

  test('leaves 0 and non-finite values alone', () => {
    expect(compact(0)).toBe(0)
    expect(compact(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY)
    expect(compact(Number.NaN)).toBeNaN()
  })
})

describe('standalone', () => {
  test('puts the font on a view and compiles', () => {
    const spec = standalone({
      data: { values: [{ a: 1, b: 2 }] },
      mark: 'point',
      encoding: {
        x: { field: 'a', type: 'quantitative' },
        y: { field: 'b', type: 'quantitative' },
      },
      width: 100,
      height: 80,
    })
    expect(spec.config?.font).toBe(FONT)
    expect(FONT).toBe('DejaVu Sans')
    expectCompiles(spec)
  })
})
