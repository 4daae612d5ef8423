// Data-parallel training through `fit` (the helper threads run the built script under dist/,
// which `npm ci` builds): n workers give one worker's result to 1e-12 relative — the updates, the
// test set and the final figures alike — and the same bits on every rerun (the shards' results
// are summed in a fixed order, whatever the timing), with dropout, L2 and an in-place or plain
// optimizer alike; and a bad worker count is a Left.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { linalg, network, random } from '../../../src/index.js'
import { fit, type FitConfig } from '../../../src/train/fit.js'
import type { Optimizer } from '../../../src/train/optimizer.js'
import { adam } from '../../../src/train/optimizers/adam.js'
import { sgd } from '../../../src/train/optimizers/sgd.js'
import { initialState } from '../../../src/train/step.js'
import { left, right } from '../../support/either.js'
import { expectClose, flatLeaves } from '../../support/close.js'

const dropoutNet = right(
  network.sequential(
    5,
    [
      { kind: 'dense', outputs: 12, activation: 'relu' },
      { kind: 'dropout', rate: 0.3 },
      { kind: 'dense', outputs: 3, activation: 'softmax' },
    ],
    { key: random.key(8) },
  ),
)

const oneHot = (rows: number, classes: number, seed: number): linalg.Matrix =>
  right(
    linalg.generate(rows, classes, (row, column) =>
      (row * 7 + seed) % classes === column ? 1 : 0,
    ),
  )

describe('fit with workers', () => {
  propertyTest.prop(
    [
      fc.integer({ min: 2, max: 3 }),
      fc.integer({ min: 1, max: 23 }),
      fc.constantFrom('sgd', 'adam', 'plain'),
      fc.boolean(),
      fc.integer({ min: 0, max: 100 }),
    ],
    { numRuns: 8 },
  )(
    'n workers equal one to 1e-12, and rerun bit for bit',
    (workers, batchSize, optimizerName, withL2, seed) => {
      const rows = 29
      const batch = { X: random.normal(random.key(seed), rows, 5), y: oneHot(rows, 3, seed) }
      const base: Optimizer<unknown> = (
        optimizerName === 'adam' ? right(adam(0.01)) : right(sgd(0.1))
      ) as Optimizer<unknown>
      const optimizer: Optimizer<unknown> =
        optimizerName === 'plain' ? { init: base.init, update: base.update } : base
      const config: FitConfig<unknown> = {
        loss: 'softmaxCrossEntropy',
        optimizer,
        epochs: 2,
        batchSize,
        shuffle: random.key(seed + 1),
        ...(withL2 ? { l2: 0.01 } : {}),
      }
      const initial = initialState(dropoutNet, optimizer, random.key(seed + 2))
      const one = right(fit(config)(initial, { train: batch, test: batch }))
      const many = right(fit({ ...config, workers })(initial, { train: batch, test: batch }))
      const again = right(fit({ ...config, workers })(initial, { train: batch, test: batch }))
      expectClose(
        flatLeaves(many.state.network.parameters),
        flatLeaves(one.state.network.parameters),
        'parameters',
      )
      expectClose(many.history.loss, one.history.loss, 'loss')
      expect(many.history.trainAccuracy).toStrictEqual(one.history.trainAccuracy)
      // the test set and the final figures are measured through the helper threads too
      expectClose(many.history.testLoss, one.history.testLoss, 'test loss')
      expect(many.history.testAccuracy).toStrictEqual(one.history.testAccuracy)
      const [manyFinal, oneFinal] = [many.history.final, one.history.final]
      if (manyFinal?.testLoss === undefined || oneFinal?.testLoss === undefined) {
        throw new Error('a run without final test figures')
      }
      expectClose(
        [manyFinal.trainLoss, manyFinal.testLoss],
        [oneFinal.trainLoss, oneFinal.testLoss],
        'final losses',
      )
      expect([manyFinal.trainAccuracy, manyFinal.testAccuracy]).toStrictEqual([
        oneFinal.trainAccuracy,
        oneFinal.testAccuracy,
      ])
      expect(flatLeaves(again.state.network.parameters)).toStrictEqual(
        flatLeaves(many.state.network.parameters),
      )
      expect(again.history).toStrictEqual(many.history)
    },
    // each fit starts its helper threads: an explicit budget, not a timing assertion
    120_000,
  )

  test('a worker count that is not a positive integer is a Left naming it', () => {
    const optimizer = right(sgd(0.1))
    const batch = { X: random.normal(random.key(1), 4, 5), y: oneHot(4, 3, 0) }
    for (const workers of [0, 1.5, -2]) {
      expect(
        left(
          fit({ loss: 'mse', optimizer, epochs: 1, batchSize: 2, workers })(
            initialState(dropoutNet, optimizer),
            { train: batch },
          ),
        ).message,
      ).toBe(`fit: workers is ${workers}, expected a positive integer`)
    }
  })
})
