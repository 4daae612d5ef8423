// The compiled engine behind fit: each epoch's record comes from the passes the steps already make
// (the example-weighted mean of the batches' losses, accuracy and gradient norms, as Keras reports
// them), the test set is measured once before the epoch's updates, the in-place optimizers equal
// their `update` path, an error the interpreter reports still comes back naming the epoch and the
// batch, and what it yields is frozen.

import { fc, test as propertyTest } from '@fast-check/vitest'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import { linalg, network, random } from '../../src/index.js'
import * as check from '../../src/check/index.js'
import { isDiverged } from '../../src/train/divergence.js'
import { fit, type FitConfig } from '../../src/train/fit.js'
import { accuracy, layerNorms } from '../../src/train/history.js'
import type { Optimizer } from '../../src/train/optimizer.js'
import { adam } from '../../src/train/optimizers/adam.js'
import { momentum } from '../../src/train/optimizers/momentum.js'
import { sgd } from '../../src/train/optimizers/sgd.js'
import { initialState, step } from '../../src/train/step.js'
import { left, right } from '../support/either.js'
import { chainOf, transformations, type Built } from '../support/transformations.js'
import { expectClose, flatLeaves } from '../support/close.js'

/** The optimizer without its in-place form: fit then runs `update` after each compiled pass. */
const withoutInPlace = <State>(optimizer: Optimizer<State>): Optimizer<State> => ({
  init: optimizer.init,
  update: optimizer.update,
})

/** A random transformation or chain followed by a small descent step: training that descends. */
const descending = transformations.map((built) =>
  chainOf([
    built,
    { name: 'sgd(0.01)', build: () => right(sgd(0.01)) as Optimizer<unknown> },
  ] satisfies Built[]),
)

/** Consecutive batches of `size` rows (no shuffle), as fit cuts them. */
const batchesOf = (batch: network.Batch, size: number): network.Batch[] => {
  const result: network.Batch[] = []
  for (let start = 0; start < batch.X.rows; start += size) {
    const indices = Array.from(
      { length: Math.min(size, batch.X.rows - start) },
      (_, row) => start + row,
    )
    result.push({
      X: right(linalg.selectRows(batch.X, indices)),
      y: right(linalg.selectRows(batch.y, indices)),
    })
  }
  return result
}

describe('compiled epochs', () => {
  propertyTest.prop(
    [
      check.networkCase({ maxDepth: 3, maxWidth: 5, maxRows: 9 }),
      fc.integer({ min: 1, max: 4 }),
      fc.constantFrom('sgd', 'momentum', 'adam'),
    ],
    { numRuns: 60 },
  )(
    "an epoch's record is the weighted mean of its batches, measured by the interpreter",
    ({ network: net, loss, batch }, batchSize, optimizerName) => {
      const optimizer: Optimizer<unknown> = (
        optimizerName === 'sgd'
          ? right(sgd(0.05))
          : optimizerName === 'momentum'
            ? right(momentum(0.02))
            : right(adam(0.01))
      ) as Optimizer<unknown>
      const config: FitConfig<unknown> = { loss, optimizer, epochs: 1, batchSize }
      const fitted = right(fit(config)(initialState(net, optimizer), { train: batch, test: batch }))
      // the reference: the interpreter, batch by batch, each measured before its own update
      let state = initialState(net, optimizer)
      let expectedLoss = 0
      let expectedCorrect = 0
      let expectedWeightNorms: number[] = []
      const testBefore = right(network.loss(net, batch, loss))
      // one output is class 1 when σ of a logit is above ½: a linear output a logit loss reads
      // is the logit itself, so its threshold is 0
      const last = net.layers[net.layers.length - 1]
      const threshold =
        loss === 'binaryCrossEntropyWithLogits' &&
        last?.kind === 'dense' &&
        last.activation === 'linear'
          ? 0
          : 0.5
      for (const part of batchesOf(batch, batchSize)) {
        const share = part.X.rows / batch.X.rows
        const evaluated = right(network.valueAndGradients(state.network, part, { loss }))
        expectedLoss += share * evaluated.loss
        expectedCorrect += Math.round(accuracy(evaluated.output, part.y, threshold) * part.X.rows)
        const norms = layerNorms(evaluated.gradients).weights
        expectedWeightNorms =
          expectedWeightNorms.length === 0
            ? norms.map((norm) => share * norm)
            : expectedWeightNorms.map((total, index) => total + share * (norms[index] ?? NaN))
        state = right(step(config)(state, part))
      }
      expectClose(fitted.history.loss, [expectedLoss], 'loss')
      expect(fitted.history.trainAccuracy).toStrictEqual([expectedCorrect / batch.X.rows])
      expectClose(fitted.history.gradientNorms.weights[0] ?? [], expectedWeightNorms, 'norms')
      expectClose(fitted.history.testLoss, [testBefore], 'test loss')
      expectClose(
        flatLeaves(fitted.state.network.parameters),
        flatLeaves(state.network.parameters),
        'parameters',
      )
      expect(fitted.state.stepCount).toBe(state.stepCount)
    },
  )

  propertyTest.prop(
    [check.networkCase({ maxRows: 8 }), fc.integer({ min: 1, max: 3 }), descending],
    { numRuns: 40 },
  )(
    'every in-place optimizer and chain trains as its update path does, and reruns are bit-identical',
    ({ network: net, loss, batch }, epochs, built) => {
      const optimizer = built.build()
      expect(optimizer.inPlace, built.name).toBeDefined()
      const config = { loss, epochs, batchSize: 2, shuffle: random.key(9) }
      const fusedRun = fit({ ...config, optimizer })(initialState(net, optimizer), {
        train: batch,
      })
      const plain = withoutInPlace(optimizer)
      const referenceRun = fit({ ...config, optimizer: plain })(initialState(net, plain), {
        train: batch,
      })
      if (E.isLeft(referenceRun)) {
        // a rule that divides 0 by 0 (ε = 0) diverges both ways, with the same error
        expect(left(fusedRun).message).toBe(referenceRun.left.message)
        return
      }
      const fused = right(fusedRun)
      const reference = referenceRun.right
      expect(flatLeaves(fused.state.network.parameters)).toStrictEqual(
        flatLeaves(reference.state.network.parameters),
      )
      expect(fused.state.optimizerState).toStrictEqual(reference.state.optimizerState)
      expect(fused.history).toStrictEqual(reference.history)
      const again = right(
        fit({ ...config, optimizer })(initialState(net, optimizer), { train: batch }),
      )
      expect(again.history).toStrictEqual(fused.history)
    },
  )

  test('a run that diverges comes back as Diverged, its detail the interpreter’s error naming the epoch and batch', () => {
    const net = right(
      network.mlp([2, 8, 1], { hidden: 'relu', output: 'linear', key: random.key(1) }),
    )
    const X = random.normal(random.key(2), 16, 2, { std: 100 })
    const y = random.normal(random.key(3), 16, 1, { std: 100 })
    const optimizer = right(sgd(10))
    const result = fit({ loss: 'mse', optimizer, epochs: 50, batchSize: 4 })(
      initialState(net, optimizer),
      { train: { X, y } },
    )
    const error = left(result)
    if (!isDiverged(error)) throw new Error(`expected Diverged, got ${error.message}`)
    expect(error.detail).toMatch(
      new RegExp(`^fit: epoch ${error.epoch + 1}, batch [0-3]: valueAndGradients: `),
    )
    expect(error.detail).toMatch(/node #\d+ \(\w+\) produced (-?Infinity|NaN)/)
    expect(error.message).toMatch(new RegExp(`^diverged at epoch ${error.epoch + 1} \\(`))
  })

  test('a test set the network overflows on is the interpreter’s error, not a silent NaN', () => {
    const net = right(
      network.mlp([2, 3, 1], { hidden: 'linear', output: 'linear', key: random.key(1) }),
    )
    const optimizer = right(sgd(0.01))
    const train = { X: random.normal(random.key(2), 4, 2), y: random.normal(random.key(3), 4, 1) }
    const test = { X: linalg.fill(2, 2, 1e308), y: linalg.zeros(2, 1) }
    const error = left(
      fit({ loss: 'mse', optimizer, epochs: 2, batchSize: null })(initialState(net, optimizer), {
        train,
        test,
      }),
    )
    if (!isDiverged(error)) throw new Error(`expected Diverged, got ${error.message}`)
    expect(error.epoch).toBe(0)
    expect(error.detail).toMatch(/^fit: epoch 1: loss: /)
    expect(error.detail).toMatch(/Infinity|NaN/)
    expect(error.message).toBe(
      'diverged at epoch 1 (before any loss was recorded): check the data’s scale, or try a smaller learning rate',
    )
  })

  test('a history and the states it yields are frozen', () => {
    const net = right(
      network.mlp([2, 3, 1], { hidden: 'tanh', output: 'sigmoid', key: random.key(1) }),
    )
    const optimizer = right(sgd(0.1))
    const batch = {
      X: random.normal(random.key(2), 5, 2),
      y: random.bernoulli(random.key(3), 5, 1, 0.5),
    }
    const { history, state } = right(
      fit({ loss: 'mse', optimizer, epochs: 3, batchSize: 2 })(initialState(net, optimizer), {
        train: batch,
      }),
    )
    expect(Object.isFrozen(history.loss)).toBe(true)
    expect(Object.isFrozen(history.gradientNorms.weights[0])).toBe(true)
    expect(Object.isFrozen(history.final)).toBe(true)
    expect(() => (history.loss as number[]).push(1)).toThrow(TypeError)
    expect(Object.isFrozen(state)).toBe(true)
    expect(E.isRight(network.predict(state.network, batch.X))).toBe(true)
  })
})
