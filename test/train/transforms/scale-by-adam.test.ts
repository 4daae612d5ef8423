// scaleByAdam against Adam's rule written out entry by entry: bias-corrected moments from zero and
// m̂/(√v̂ + ε); a factor it absorbs multiplies m̂ before the division; the first step is
// g/(|g| + ε); bad options are Lefts naming the option; the transformation laws.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { graph, linalg } from '../../../src/index.js'
import { runOnTrees } from '../../../src/train/transforms/flat.js'
import { scaleByAdam } from '../../../src/train/transforms/scale-by-adam.js'
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

const beta = fc.constantFrom(0, 0.5, 0.9, 0.999)
const epsilon = fc.constantFrom(0, 1e-8, 0.1)

describe('scaleByAdam', () => {
  transformationLaws(() => right(scaleByAdam({ beta1: 0.8, beta2: 0.99 })))

  propertyTest.prop([runs, beta, beta, epsilon], { numRuns: 100 })(
    'each step is m̂/(√v̂ + ε) of moments from zero, bit for bit, and the count is the step',
    ({ parameters, gradients }, beta1, beta2, eps) => {
      const { updates, states } = updatesOf(
        right(scaleByAdam({ beta1, beta2, epsilon: eps })),
        parameters,
        gradients,
      )
      const m = entries(parameters).map(() => 0)
      const v = entries(parameters).map(() => 0)
      gradients.forEach((gradient, step) => {
        const t = step + 1
        const expected = entries(gradient).map((g, i) => {
          m[i] = beta1 * at(m, i) + (1 - beta1) * g
          v[i] = beta2 * at(v, i) + (1 - beta2) * g * g
          return at(m, i) / (1 - beta1 ** t) / (Math.sqrt(at(v, i) / (1 - beta2 ** t)) + eps)
        })
        expectSameBits(listAt(updates, step), expected, `step ${step}`)
        expectSameBits(entries(listAt(states, step).firstMoment), m, 'first moment')
        expectSameBits(entries(listAt(states, step).secondMoment), v, 'second moment')
        expect(listAt(states, step).count).toBe(t)
      })
    },
  )

  propertyTest.prop([runs, fc.double({ min: -2, max: 2, noNaN: true })], { numRuns: 60 })(
    'an absorbed factor c multiplies the numerator: (c·m̂)/(√v̂ + ε)',
    ({ parameters, gradients }, factor) => {
      const adam = right(scaleByAdam())
      const [gradient] = gradients
      if (gradient === undefined) return
      const { updates } = runOnTrees(
        flatOf(adam),
        factor,
        gradient,
        adam.init(parameters),
        parameters,
      )
      const expected = entries(gradient).map((g) => {
        const m = 0.9 * 0 + (1 - 0.9) * g
        const v = 0.999 * 0 + (1 - 0.999) * g * g
        return (factor * (m / (1 - 0.9))) / (Math.sqrt(v / (1 - 0.999)) + 1e-8)
      })
      expectSameBits(entries(updates), expected, 'fused updates')
    },
  )

  test('the first step is g/(|g| + ε) to rounding, whatever the betas', () => {
    const adam = right(scaleByAdam({ beta1: 0.5, beta2: 0.75, epsilon: 0.5 }))
    const gradients = { w: linalg.fill(1, 2, -2) }
    const parameters = graph.mapTree(gradients, (leaf) => linalg.zeros(leaf.rows, leaf.cols))
    const { updates } = adam.update(gradients, adam.init(parameters), parameters)
    for (const value of entries(updates)) expect(value).toBeCloseTo(-2 / 2.5, 15)
  })

  test('refuses bad options with a Left naming scaleByAdam, the option and the value', () => {
    expect(left(scaleByAdam({ beta1: 1.5 })).message).toBe(
      'scaleByAdam: beta1 is 1.5, expected a number in [0, 1)',
    )
    expect(left(scaleByAdam({ beta2: Number.NaN }))).toMatchObject({
      _tag: 'InvalidOption',
      optimizer: 'scaleByAdam',
      option: 'beta2',
    })
    expect(left(scaleByAdam({ epsilon: -1 })).message).toBe(
      'scaleByAdam: epsilon is -1, expected a finite number ≥ 0',
    )
  })
})
