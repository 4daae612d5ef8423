// addDecayedWeights against u + λ·θ written out entry by entry; λ = 0 gives the updates back bit
// for bit; a factor passing through it (a learning rate after it in a chain) scales λ: u + (c·λ)·θ;
// a tree lacking a leaf is named; a bad λ is a Left; the transformation laws.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { linalg } from '../../../src/index.js'
import { addDecayedWeights } from '../../../src/train/transforms/add-decayed-weights.js'
import { runOnTrees } from '../../../src/train/transforms/flat.js'
import { left, right } from '../../support/either.js'
import { at, entries, expectSameBits, flatOf, runs } from '../../support/optimizer-runs.js'
import { transformationLaws } from '../../support/transformation-laws.js'

describe('addDecayedWeights', () => {
  transformationLaws(() => right(addDecayedWeights(0.25)))

  propertyTest.prop([runs, fc.constantFrom(0, 1e-3, 0.5, 2)], { numRuns: 100 })(
    'adds λ·θ entry by entry, bit for bit; λ = 0 gives the updates back',
    ({ parameters, gradients }, lambda) => {
      const decay = right(addDecayedWeights(lambda))
      const theta = entries(parameters)
      for (const gradient of gradients) {
        const { updates } = decay.update(gradient, decay.init(parameters), parameters)
        const expected =
          lambda === 0
            ? entries(gradient)
            : entries(gradient).map((u, i) => u + lambda * at(theta, i))
        expectSameBits(entries(updates), expected, `λ = ${lambda}`)
      }
    },
  )

  propertyTest.prop([runs, fc.double({ min: -2, max: 2, noNaN: true })], { numRuns: 60 })(
    'a factor c passing through gives u + (c·λ)·θ, and the updates alone when c·λ = 0',
    ({ parameters, gradients }, factor) => {
      const decay = right(addDecayedWeights(0.5))
      const [gradient] = gradients
      if (gradient === undefined) return
      const { updates } = runOnTrees(flatOf(decay), factor, gradient, {}, parameters)
      const theta = entries(parameters)
      const coefficient = factor * 0.5
      const expected = entries(gradient).map((u, i) =>
        coefficient === 0 ? u : u + coefficient * at(theta, i),
      )
      expectSameBits(entries(updates), expected, `c = ${factor}`)
    },
  )

  test('adds λ·θ to the updates, leaf by leaf', () => {
    const decay = right(addDecayedWeights(0.25))
    const parameters = { a: linalg.fill(1, 2, 4), b: [linalg.fill(1, 1, -8)] }
    const gradients = { a: linalg.ones(1, 2), b: [linalg.zeros(1, 1)] }
    const { updates } = decay.update(gradients, decay.init(parameters), parameters)
    expect(entries(updates)).toStrictEqual([2, 2, -2])
    expect(entries(gradients)).toStrictEqual([1, 1, 0])
  })

  test('a parameter tree that lacks a leaf of the updates is named', () => {
    const decay = right(addDecayedWeights(0.1))
    const gradients = { a: linalg.ones(1, 1), c: linalg.ones(1, 1) }
    expect(() => decay.update(gradients, decay.init(gradients), { a: linalg.ones(1, 1) })).toThrow(
      /addDecayedWeights: c is missing/,
    )
  })

  test('refuses a negative or non-finite λ with a Left naming addDecayedWeights', () => {
    expect(left(addDecayedWeights(-0.1)).message).toBe(
      'addDecayedWeights: weightDecay is -0.1, expected a finite number ≥ 0',
    )
    expect(left(addDecayedWeights(Number.NaN)).option).toBe('weightDecay')
  })
})
