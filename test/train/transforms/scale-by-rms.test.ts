// scaleByRms against RMSprop's rule written out entry by entry: s ← ρ·s + (1 − ρ)·g² from zero and
// g/(√s + ε); an absorbed factor multiplies g before the division; bad options are Lefts; the
// transformation laws.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { runOnTrees } from '../../../src/train/transforms/flat.js'
import { scaleByRms } from '../../../src/train/transforms/scale-by-rms.js'
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

describe('scaleByRms', () => {
  transformationLaws(() => right(scaleByRms({ decay: 0.8 })))

  propertyTest.prop([runs, fc.constantFrom(0, 0.5, 0.9), fc.constantFrom(0, 1e-8, 0.1)], {
    numRuns: 100,
  })(
    'each step is g/(√s + ε) with s ← ρ·s + (1 − ρ)·g² from zero, bit for bit',
    (run, rho, eps) => {
      const { parameters, gradients } = run
      const { updates, states } = updatesOf(
        right(scaleByRms({ decay: rho, epsilon: eps })),
        parameters,
        gradients,
      )
      const s = entries(parameters).map(() => 0)
      gradients.forEach((gradient, step) => {
        const expected = entries(gradient).map((g, i) => {
          s[i] = rho * at(s, i) + (1 - rho) * g * g
          return g / (Math.sqrt(at(s, i)) + eps)
        })
        expectSameBits(listAt(updates, step), expected, `step ${step}`)
        expectSameBits(entries(listAt(states, step).meanSquare), s, 'mean square')
      })
    },
  )

  propertyTest.prop([runs, fc.double({ min: -2, max: 2, noNaN: true })], { numRuns: 60 })(
    'an absorbed factor c multiplies the numerator: (c·g)/(√s + ε)',
    ({ parameters, gradients }, factor) => {
      const rms = right(scaleByRms())
      const [gradient] = gradients
      if (gradient === undefined) return
      const fused = runOnTrees(flatOf(rms), factor, gradient, rms.init(parameters), parameters)
      const expected = entries(gradient).map(
        (g) => (factor * g) / (Math.sqrt(0.9 * 0 + (1 - 0.9) * g * g) + 1e-8),
      )
      expectSameBits(entries(fused.updates), expected, 'fused updates')
    },
  )

  test('refuses bad options with a Left naming scaleByRms, the option and the value', () => {
    expect(left(scaleByRms({ decay: 1 })).message).toBe(
      'scaleByRms: decay is 1, expected a number in [0, 1)',
    )
    expect(left(scaleByRms({ epsilon: Number.POSITIVE_INFINITY })).message).toBe(
      'scaleByRms: epsilon is Infinity, expected a finite number ≥ 0',
    )
  })
})
