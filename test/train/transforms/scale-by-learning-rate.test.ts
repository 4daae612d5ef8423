// scaleByLearningRate against −η(step)·u written out: a number or a schedule read at the step
// count, which rises by one per update; the schedule's bad rate throws a RangeError naming the
// step; a bad number is a Left; the transformation laws.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { linalg } from '../../../src/index.js'
import { constantSchedule, stepDecay } from '../../../src/train/schedules.js'
import {
  learningRateScaling,
  scaleByLearningRate,
} from '../../../src/train/transforms/scale-by-learning-rate.js'
import { left, right } from '../../support/either.js'
import { entries, expectSameBits, runs, updatesOf, listAt } from '../../support/optimizer-runs.js'
import { transformationLaws } from '../../support/transformation-laws.js'

describe('scaleByLearningRate', () => {
  transformationLaws(() =>
    right(scaleByLearningRate(right(stepDecay(0.5, { every: 2, factor: 0.5 })))),
  )

  propertyTest.prop([runs, fc.double({ min: 0, max: 2, noNaN: true }), fc.boolean()], {
    numRuns: 100,
  })(
    'each step is −η(step)·u, bit for bit, and counts the steps',
    ({ parameters, gradients }, rate, scheduled) => {
      const schedule = (step: number): number => rate / (1 + step)
      const { updates, states } = updatesOf(
        right(scaleByLearningRate(scheduled ? schedule : right(constantSchedule(rate)))),
        parameters,
        gradients,
      )
      gradients.forEach((gradient, step) => {
        const eta = scheduled ? schedule(step) : rate
        expectSameBits(
          listAt(updates, step),
          entries(gradient).map((u) => -eta * u),
          `step ${step}`,
        )
        expect(states[step]?.step).toBe(step + 1)
      })
    },
  )

  test('a schedule giving a bad rate throws a RangeError naming the rate and the step', () => {
    const descend = right(scaleByLearningRate((step) => (step < 1 ? 0.1 : -1)))
    const gradients = { w: linalg.ones(1, 1) }
    const one = descend.update(gradients, descend.init(gradients), gradients)
    expect(() => descend.update(gradients, one.state, gradients)).toThrow(
      new RangeError(
        'scaleByLearningRate: learningRate is -1 at step 1, expected a finite number ≥ 0',
      ),
    )
  })

  test('an alias names its own errors', () => {
    expect(left(learningRateScaling('adam', -3)).message).toBe(
      'adam: learningRate is -3, expected a finite number ≥ 0',
    )
  })

  test('refuses a bad rate with a Left naming itself', () => {
    expect(left(scaleByLearningRate(-3))).toMatchObject({
      optimizer: 'scaleByLearningRate',
      option: 'learningRate',
      value: -3,
    })
  })
})
