// scaleByRss against Adagrad's rule written out entry by entry: s ← s + g² from zero and
// g/(√s + ε); the sum never decreases; an absorbed factor multiplies g before the division; bad
// options are Lefts; the transformation laws.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { runOnTrees } from '../../../src/train/transforms/flat.js'
import { scaleByRss } from '../../../src/train/transforms/scale-by-rss.js'
import { left, right } from '../../support/either.js'
import {
  at,
  entries,
  expectSameBits,
  flatOf,
  runs,
  updatesOf,
  listAt,
} from '../../support/optimizer-runs.js'
import { transformationLaws } from '../../support/transformation-laws.js'

describe('scaleByRss', () => {
  transformationLaws(() => right(scaleByRss()))

  propertyTest.prop([runs, fc.constantFrom(0, 1e-8, 0.1)], { numRuns: 100 })(
    'each step is g/(√s + ε) with s ← s + g² from zero, bit for bit; s never decreases',
    ({ parameters, gradients }, eps) => {
      const { updates, states } = updatesOf(
        right(scaleByRss({ epsilon: eps })),
        parameters,
        gradients,
      )
      const s = entries(parameters).map(() => 0)
      gradients.forEach((gradient, step) => {
        const before = [...s]
        const expected = entries(gradient).map((g, i) => {
          s[i] = at(s, i) + g * g
          return g / (Math.sqrt(at(s, i)) + eps)
        })
        expectSameBits(listAt(updates, step), expected, `step ${step}`)
        expectSameBits(entries(listAt(states, step).sumOfSquares), s, 'sum')
        s.forEach((value, i) => {
          expect(value).toBeGreaterThanOrEqual(at(before, i))
        })
      })
    },
  )

  propertyTest.prop([runs, fc.double({ min: -2, max: 2, noNaN: true })], { numRuns: 60 })(
    'an absorbed factor c multiplies the numerator: (c·g)/(√s + ε)',
    ({ parameters, gradients }, factor) => {
      const rss = right(scaleByRss({ epsilon: 0.25 }))
      const [gradient] = gradients
      if (gradient === undefined) return
      const fused = runOnTrees(flatOf(rss), factor, gradient, rss.init(parameters), parameters)
      const expected = entries(gradient).map((g) => (factor * g) / (Math.sqrt(0 + g * g) + 0.25))
      expectSameBits(entries(fused.updates), expected, 'fused updates')
    },
  )

  test('refuses a bad ε with a Left naming scaleByRss', () => {
    expect(left(scaleByRss({ epsilon: -1e-8 })).message).toBe(
      'scaleByRss: epsilon is -1e-8, expected a finite number ≥ 0',
    )
  })
})
