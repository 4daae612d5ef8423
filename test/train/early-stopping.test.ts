// Early stopping: the watch agrees with Keras's EarlyStopping rule (a wait counter reset on an
// improvement of more than minDelta, stopping when it reaches patience), written here
// independently; options are checked; and fit stopped early returns the best epoch's network,
// bit for bit the network fit trains in that many epochs, with final figures measured on it.

import { fc, test as propertyTest } from '@fast-check/vitest'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import { linalg, network, random } from '../../src/index.js'
import {
  checkEarlyStopping,
  exhausted,
  observe,
  type EarlyStopping,
  type MonitoredFigure,
  type Watch,
} from '../../src/train/early-stopping.js'
import { fit, fitEpochs, type FitConfig } from '../../src/train/fit.js'
import type { Optimizer } from '../../src/train/optimizer.js'
import { adam } from '../../src/train/optimizers/adam.js'
import { sgd } from '../../src/train/optimizers/sgd.js'
import { initialState } from '../../src/train/step.js'
import { flatLeaves } from '../support/close.js'
import { left, right } from '../support/either.js'

/** Keras's EarlyStopping (callbacks.py), transcribed: where it stops and its best epoch. */
const kerasRule = (
  values: readonly number[],
  options: Required<EarlyStopping>,
): { stop: number | undefined; best: number; bestEpoch: number } => {
  const maximise = options.monitor === 'trainAccuracy' || options.monitor === 'testAccuracy'
  const delta = maximise ? options.minDelta : -options.minDelta
  const better = (current: number, reference: number) =>
    maximise ? current - delta > reference : current - delta < reference
  let wait = 0
  let best = maximise ? -Infinity : Infinity
  let bestEpoch = 0
  for (const [epoch, value] of values.entries()) {
    wait += 1
    if (better(value, best) || epoch === 0) {
      best = value
      bestEpoch = epoch
      wait = 0
      continue
    }
    if (wait >= options.patience) return { stop: epoch, best, bestEpoch }
  }
  return { stop: undefined, best, bestEpoch }
}

describe('observe and exhausted', () => {
  propertyTest.prop([
    fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength: 60 }),
    fc.constantFrom<MonitoredFigure>('loss', 'trainAccuracy', 'testLoss', 'testAccuracy'),
    fc.integer({ min: 1, max: 8 }),
    fc.constantFrom(0, 0.01, 0.5),
  ])(
    'stop where Keras’s rule stops, with its best value and epoch',
    (values, monitor, patience, minDelta) => {
      const options = { monitor, patience, minDelta }
      let watch: Watch | undefined
      let stop: number | undefined
      for (const [epoch, value] of values.entries()) {
        watch = observe(watch, options, epoch, value)
        if (exhausted(watch, options, epoch)) {
          stop = epoch
          break
        }
      }
      const keras = kerasRule(values, options)
      expect(stop).toBe(keras.stop)
      expect(watch).toStrictEqual({ best: keras.best, bestEpoch: keras.bestEpoch })
    },
  )
})

describe('checkEarlyStopping', () => {
  test.each([
    [
      { monitor: 'loss', patience: 0 },
      'fit: earlyStopping.patience is 0, expected a positive integer',
    ],
    [
      { monitor: 'loss', patience: 2.5 },
      'fit: earlyStopping.patience is 2.5, expected a positive integer',
    ],
    [
      { monitor: 'loss', patience: 3, minDelta: -1 },
      'fit: earlyStopping.minDelta is -1, expected a finite number ≥ 0',
    ],
    [
      { monitor: 'valLoss', patience: 3 },
      'fit: earlyStopping.monitor is valLoss, expected one of loss, trainAccuracy, testLoss, testAccuracy',
    ],
    [
      { monitor: 'testAccuracy', patience: 3 },
      'fit: earlyStopping.monitor is testAccuracy, but there is no test set',
    ],
  ])('%j is refused', (options, message) => {
    const checked = checkEarlyStopping(options as EarlyStopping, false)
    expect(E.mapLeft((error: { message: string }) => error.message)(checked)).toStrictEqual(
      E.left(message),
    )
  })
})

describe('fit with earlyStopping', () => {
  // y = 2x to train on, y = x to test on: the test loss falls while the fitted slope passes 1,
  // then rises, so early stopping on it stops a few epochs after its best
  const X = right(linalg.fromRows([[-1], [-0.5], [0], [0.5], [1], [0.25]]))
  const data = { train: { X, y: linalg.scale(X, 2) }, test: { X, y: X } }
  const net = right(network.mlp([1, 1], { hidden: 'linear', output: 'linear', key: random.key(0) }))
  const runs: readonly [string, Optimizer<unknown>, Partial<FitConfig<unknown>>][] = [
    ['sgd, full batch', right(sgd(0.1)) as Optimizer<unknown>, { batchSize: null }],
    [
      'adam, shuffled mini-batches',
      right(adam(0.05)) as Optimizer<unknown>,
      { batchSize: 2, shuffle: random.key(3) },
    ],
  ]

  test.each(runs)(
    '%s: returns the best epoch’s state, bit for bit fit for that many epochs',
    (_name, optimizer, batching) => {
      const config: FitConfig<unknown> = {
        loss: 'mse',
        optimizer,
        epochs: 500,
        batchSize: null,
        ...batching,
        earlyStopping: { monitor: 'testLoss', patience: 5 },
      }
      const initial = initialState(net, optimizer)
      const result = right(fit(config)(initial, data))
      const { stopped, history, state } = result
      if (stopped === undefined) throw new Error('expected the run to stop early')
      expect(stopped.epoch - stopped.bestEpoch).toBe(5)
      expect(history.loss.length).toBe(stopped.epoch + 1)
      expect(stopped.best).toBe(Math.min(...history.testLoss))
      expect(history.testLoss[stopped.bestEpoch]).toBe(stopped.best)
      expect(stopped.bestEpoch).toBeGreaterThan(0)
      const plain: FitConfig<unknown> = {
        loss: 'mse',
        optimizer,
        batchSize: null,
        ...batching,
        epochs: stopped.bestEpoch,
      }
      const reference = right(fit(plain)(initial, data))
      expect(flatLeaves(state.network.parameters)).toStrictEqual(
        flatLeaves(reference.state.network.parameters),
      )
      expect(state.optimizerState).toStrictEqual(reference.state.optimizerState)
      expect(state.stepCount).toBe(reference.state.stepCount)
      // the final figures measure the restored network: its test loss is the best recorded
      expect(history.final).toStrictEqual(reference.history.final)
      expect(history.final?.testLoss).toBe(stopped.best)
    },
  )

  test('an accuracy is watched upwards, and patience that never runs out keeps the last network', () => {
    const optimizer = right(sgd(0.1))
    const initial = initialState(net, optimizer)
    const config = { loss: 'mse', optimizer, epochs: 30, batchSize: null } as const
    const patient = right(
      fit({ ...config, earlyStopping: { monitor: 'loss', patience: 1000 } })(initial, data),
    )
    const plain = right(fit(config)(initial, data))
    expect(patient.stopped).toBeUndefined()
    expect(patient).toStrictEqual(plain)
    const byAccuracy = right(
      fit({ ...config, epochs: 200, earlyStopping: { monitor: 'trainAccuracy', patience: 3 } })(
        initial,
        data,
      ),
    )
    const accuracies = byAccuracy.history.trainAccuracy
    expect(byAccuracy.stopped?.best).toBe(Math.max(...accuracies))
    expect(byAccuracy.stopped?.bestEpoch).toBe(accuracies.indexOf(Math.max(...accuracies)))
  })

  test('fitEpochs ends with the stop: its last item carries stopped, restored and final', () => {
    const optimizer = right(sgd(0.1))
    const config = {
      loss: 'mse',
      optimizer,
      epochs: 500,
      batchSize: null,
      earlyStopping: { monitor: 'testLoss', patience: 4 },
    } as const
    const items = [...fitEpochs(config)(initialState(net, optimizer), data)].map(right)
    const last = items.at(-1)
    expect(items.slice(0, -1).every((item) => item.stopped === undefined)).toBe(true)
    expect(last?.stopped?.epoch).toBe(items.length - 1)
    expect(last?.restored?.stepCount).toBe(last?.stopped?.bestEpoch)
    expect(last?.final?.testLoss).toBe(last?.stopped?.best)
  })

  test('a test figure without a test set, or a bad patience, is a Left before training', () => {
    const optimizer = right(sgd(0.1))
    const config = { loss: 'mse', optimizer, epochs: 5, batchSize: null } as const
    const noTest = left(
      fit({ ...config, earlyStopping: { monitor: 'testLoss', patience: 2 } })(
        initialState(net, optimizer),
        { train: data.train },
      ),
    )
    expect(noTest.message).toBe('fit: earlyStopping.monitor is testLoss, but there is no test set')
    expect(noTest._tag).toBe('InvalidOption')
  })
})
