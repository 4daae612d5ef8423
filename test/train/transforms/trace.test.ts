// trace against the heavy-ball rule written out entry by entry: v ← β·v + g from zero, updates v,
// or g + β·v with `nesterov` (the same velocity either way); β = 0 passes the updates' values;
// a bad β is a Left; the transformation laws.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { trace } from '../../../src/train/transforms/trace.js'
import { left, right } from '../../support/either.js'
import {
  at,
  entries,
  expectSameBits,
  runs,
  updatesOf,
  listAt,
} from '../../support/optimizer-runs.js'
import { transformationLaws } from '../../support/transformation-laws.js'

describe('trace', () => {
  transformationLaws(() => right(trace({ beta: 0.7, nesterov: true })))

  propertyTest.prop([runs, fc.constantFrom(0, 0.5, 0.9), fc.boolean()], { numRuns: 100 })(
    'each step is v (or g + β·v) with v ← β·v + g from zero, bit for bit',
    ({ parameters, gradients }, beta, nesterov) => {
      const { updates, states } = updatesOf(right(trace({ beta, nesterov })), parameters, gradients)
      const v = entries(parameters).map(() => 0)
      gradients.forEach((gradient, step) => {
        const expected = entries(gradient).map((g, i) => {
          v[i] = beta * at(v, i) + g
          return nesterov ? g + beta * at(v, i) : at(v, i)
        })
        expectSameBits(listAt(updates, step), expected, `step ${step}`)
        expectSameBits(entries(listAt(states, step).velocity), v, 'velocity')
      })
    },
  )

  propertyTest.prop([runs], { numRuns: 30 })(
    'β = 0 gives the updates back (a −0 comes back as +0: 0·v + (−0))',
    ({ parameters, gradients }) => {
      const { updates } = updatesOf(right(trace({ beta: 0 })), parameters, gradients)
      gradients.forEach((gradient, step) => {
        const expected = entries(gradient)
        expect(listAt(updates, step).every((u, i) => u === expected[i])).toBe(true)
      })
    },
  )

  test('refuses β outside [0, 1) with a Left naming trace', () => {
    expect(left(trace({ beta: 1 })).message).toBe('trace: beta is 1, expected a number in [0, 1)')
    expect(left(trace({ beta: -0.5, nesterov: true })).option).toBe('beta')
  })
})
