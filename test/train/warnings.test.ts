// Training warnings read off a history: a loss a million times its smallest earlier value, and
// every weight gradient exactly 0 for ten epochs in a row; each kind once, at its first epoch.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { historyOf, type EpochRecord } from '../../src/train/history.js'
import { LOSS_GROWTH_FACTOR, SATURATED_EPOCHS, trainingWarnings } from '../../src/train/warnings.js'

const recordOf = (loss: number, gradient = 1): EpochRecord => ({
  loss,
  trainAccuracy: 0.5,
  weightGradientNorms: [gradient, gradient],
  biasGradientNorms: [0.1, 0.1],
  weightNorms: [1, 1],
})

describe('trainingWarnings', () => {
  test('a loss a million times the smallest before it, at the first epoch it holds', () => {
    // the smallest is 0.2 (epoch index 2), so 2e5 is the first loss ≥ 0.2 × 10⁶
    const history = historyOf([0.7, 0.5, 0.2, 900, 1.9e5, 2e5, 3e9].map((loss) => recordOf(loss)))
    expect(trainingWarnings(history)).toStrictEqual([
      {
        epoch: 5,
        kind: 'lossGrowth',
        message:
          'the loss grew to 2.0e5, 1.0e6× its smallest so far (0.2 at epoch 3): the learning rate is probably too large',
      },
    ])
  })

  test('growth is measured against earlier epochs only, and never from a loss of 0', () => {
    expect(trainingWarnings(historyOf([recordOf(5e6), recordOf(1)]))).toStrictEqual([])
    expect(trainingWarnings(historyOf([recordOf(0), recordOf(1e300)]))).toStrictEqual([])
  })

  test('ten epochs of exactly-zero weight gradients, reported at the tenth', () => {
    const gradients = [0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    const history = historyOf(gradients.map((gradient) => recordOf(0.25, gradient)))
    expect(trainingWarnings(history)).toStrictEqual([
      {
        epoch: 10,
        kind: 'saturated',
        message:
          'every weight gradient was exactly 0 for 10 epochs (2 to 11): the network is saturated (dead ReLUs or saturated outputs) and no longer learns; try a smaller learning rate',
      },
    ])
  })

  test('nine zero epochs, a tiny gradient in one layer, or a broken streak are not saturation', () => {
    const nine = Array.from({ length: 9 }, () => recordOf(0.25, 0))
    expect(trainingWarnings(historyOf(nine))).toStrictEqual([])
    const oneLayer = Array.from({ length: 12 }, () => ({
      ...recordOf(0.25, 0),
      weightGradientNorms: [0, 1e-300],
    }))
    expect(trainingWarnings(historyOf(oneLayer))).toStrictEqual([])
    const broken = [...nine, recordOf(0.25, 1), ...nine]
    expect(trainingWarnings(historyOf(broken))).toStrictEqual([])
  })

  propertyTest.prop([
    fc.array(
      fc.record({
        loss: fc.double({ min: 0, max: 1e12, noNaN: true }),
        zero: fc.boolean(),
      }),
      { maxLength: 40 },
    ),
  ])('each kind at most once, in epoch order, and each holds where it is reported', (epochs) => {
    const history = historyOf(epochs.map(({ loss, zero }) => recordOf(loss, zero ? 0 : 1)))
    const warnings = trainingWarnings(history)
    const kinds = warnings.map((warning) => warning.kind)
    expect(new Set(kinds).size).toBe(kinds.length)
    expect(warnings.map((warning) => warning.epoch)).toStrictEqual(
      warnings.map((warning) => warning.epoch).sort((a, b) => a - b),
    )
    for (const warning of warnings) {
      if (warning.kind === 'lossGrowth') {
        const smallest = Math.min(...history.loss.slice(0, warning.epoch))
        expect(history.loss[warning.epoch]).toBeGreaterThanOrEqual(LOSS_GROWTH_FACTOR * smallest)
      } else {
        const streak = epochs.slice(warning.epoch + 1 - SATURATED_EPOCHS, warning.epoch + 1)
        expect(streak.length === SATURATED_EPOCHS && streak.every(({ zero }) => zero)).toBe(true)
      }
    }
  })
})
