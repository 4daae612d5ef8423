// clipByGlobalNorm: updates within maxNorm pass through as the same tree; larger ones come out
// scaled by maxNorm/‖u‖ entry by entry (so with global norm maxNorm); 3-4-5 by hand; a bad bound
// is a Left; the transformation laws.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { linalg } from '../../../src/index.js'
import { clipByGlobalNorm } from '../../../src/train/transforms/clip-by-global-norm.js'
import { globalNorm } from '../../../src/train/tree-math.js'
import { left, right } from '../../support/either.js'
import { entries, expectSameBits, runs } from '../../support/optimizer-runs.js'
import { transformationLaws } from '../../support/transformation-laws.js'

describe('clipByGlobalNorm', () => {
  transformationLaws(() => right(clipByGlobalNorm(1)))

  propertyTest.prop([runs, fc.double({ min: 1e-3, max: 100, noNaN: true })])(
    'updates within maxNorm pass unchanged; larger ones come out scaled to norm maxNorm',
    ({ parameters, gradients }, maxNorm) => {
      const clip = right(clipByGlobalNorm(maxNorm))
      for (const gradient of gradients) {
        const values = entries(gradient)
        const norm = Math.sqrt(values.reduce((total, value) => total + value * value, 0))
        const { updates } = clip.update(gradient, clip.init(parameters), parameters)
        if (norm <= maxNorm) {
          expect(updates).toBe(gradient)
        } else {
          expect(Math.abs(globalNorm(updates) - maxNorm) / maxNorm).toBeLessThan(1e-12)
          const factor = maxNorm / norm
          expectSameBits(
            entries(updates),
            values.map((value) => factor * value),
            'clipped',
          )
        }
      }
    },
  )

  test('3-4-5: updates of norm 5 clipped to 1 become (0.6, 0.8)', () => {
    const clip = right(clipByGlobalNorm(1))
    const gradients = [linalg.fill(1, 1, 3), { b: linalg.fill(1, 1, 4) }]
    const { updates } = clip.update(gradients, clip.init(gradients), gradients)
    const [a, b] = entries(updates)
    expect(a).toBeCloseTo(0.6, 15)
    expect(b).toBeCloseTo(0.8, 15)
  })

  test('refuses a maxNorm that is not a positive finite number', () => {
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(left(clipByGlobalNorm(bad)).message).toBe(
        `clipByGlobalNorm: maxNorm is ${bad}, expected a finite number > 0`,
      )
    }
  })
})
