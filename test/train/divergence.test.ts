// Divergence as a value: a run that meets a non-finite loss stops with a Diverged whose message
// counts the epoch from 1 and quotes the last two finite losses, whose history is exactly the
// epochs before it (the same as training that many epochs), and whose detail names the node.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { linalg, network, random } from '../../src/index.js'
import { compactNumber, diverged, isDiverged } from '../../src/train/divergence.js'
import { fit } from '../../src/train/fit.js'
import { historyOf } from '../../src/train/history.js'
import { sgd } from '../../src/train/optimizers/sgd.js'
import { initialState } from '../../src/train/step.js'
import { expectClose } from '../support/close.js'
import { left, right } from '../support/either.js'

const recordOf = (loss: number) => ({
  loss,
  trainAccuracy: 0.5,
  weightGradientNorms: [1],
  biasGradientNorms: [1],
  weightNorms: [1],
})

describe('compactNumber', () => {
  test.each([
    [8.14e79, '8.1e79'],
    [2.26e30, '2.3e30'],
    [0.65432, '0.654'],
    [215, '215'],
    [1234.5, '1230'],
    [12345, '1.2e4'],
    [0.0712, '0.0712'],
    [2.3e-5, '2.3e-5'],
    [-3e7, '-3.0e7'],
    [0, '0'],
  ])('%s is written %s', (value, text) => {
    expect(compactNumber(value)).toBe(text)
  })
})

describe('diverged', () => {
  test('quotes the last two losses, one, or none, and counts the epoch from 1', () => {
    const three = historyOf([0.7, 2.3e30, 8.1e79].map(recordOf))
    expect(diverged(3, three, 'detail').message).toBe(
      'diverged at epoch 4 (loss 8.1e79 after 2.3e30): try a smaller learning rate',
    )
    expect(diverged(1, historyOf([recordOf(0.7)]), 'detail').message).toBe(
      'diverged at epoch 2 (loss 0.7, the only one recorded): try a smaller learning rate',
    )
    expect(diverged(0, historyOf([]), 'detail').message).toBe(
      'diverged at epoch 1 (before any loss was recorded): check the data’s scale, or try a smaller learning rate',
    )
    expect(diverged(3, three, 'detail', true).message).toBe(
      'diverged after epoch 3, the last (loss 8.1e79 after 2.3e30): try a smaller learning rate',
    )
  })

  propertyTest.prop([fc.array(fc.double({ min: 0, max: 1e300, noNaN: true }), { maxLength: 20 })])(
    'is a frozen NetworkError of kind Diverged with one line of message',
    (losses) => {
      const error = diverged(losses.length, historyOf(losses.map(recordOf)), 'node #1')
      expect(isDiverged(error)).toBe(true)
      expect(Object.isFrozen(error)).toBe(true)
      expect(error._tag).toBe('Diverged')
      expect(error.message).not.toContain('\n')
      expect(error.message.startsWith(`diverged at epoch ${losses.length + 1} (`)).toBe(true)
    },
  )

  test('isDiverged is false for every other kind', () => {
    expect(isDiverged(network.networkError('GraphFailure', 'x'))).toBe(false)
    // a Diverged tag alone (a NetworkError someone built) carries no history
    expect(isDiverged(network.networkError('Diverged', 'x'))).toBe(false)
  })
})

describe('fit that overflows', () => {
  // y = −100 from x = 100 with a learning rate of 1000: every step overshoots ~10⁴-fold
  const net = right(network.mlp([1, 1], { hidden: 'linear', output: 'linear', key: random.key(0) }))
  const optimizer = right(sgd(1e3))
  const data = { train: { X: linalg.fill(4, 1, 100), y: linalg.fill(4, 1, -100) } }
  const config = { loss: 'mse', optimizer, epochs: 200, batchSize: null } as const
  const error = left(fit(config)(initialState(net, optimizer), data))

  test('is a Diverged whose history is the epochs before it, as fit for as many gives', () => {
    if (!isDiverged(error)) throw new Error(`expected Diverged, got ${error.message}`)
    expect(error.epoch).toBeGreaterThan(2)
    expect(error.history.loss.length).toBe(error.epoch)
    expect(error.history.final).toBeUndefined()
    // fit for one epoch fewer records all but the last, and its final figures measure the network
    // the last record measured (the network after all of them overflows when measured)
    const before = right(
      fit({ ...config, epochs: error.epoch - 1 })(initialState(net, optimizer), data),
    )
    expect(error.history.loss.slice(0, -1)).toStrictEqual(before.history.loss)
    expect(error.history.gradientNorms.weights.slice(0, -1)).toStrictEqual(
      before.history.gradientNorms.weights,
    )
    if (before.history.final === undefined) throw new Error('fit gave no final figures')
    expectClose([before.history.final.trainLoss], error.history.loss.slice(-1), 'the final loss')
    const after = left(fit({ ...config, epochs: error.epoch })(initialState(net, optimizer), data))
    expect(isDiverged(after) && after.afterLastEpoch).toBe(true)
    expect(after.message).toMatch(new RegExp(`^diverged after epoch ${error.epoch}, the last \\(`))
    // the losses grew every epoch: the message quotes the last two
    const [previous, last] = error.history.loss.slice(-2)
    if (previous === undefined || last === undefined) throw new Error('fewer than two losses')
    expect(last).toBeGreaterThan(previous)
    expect(error.message).toBe(
      `diverged at epoch ${error.epoch + 1} (loss ${compactNumber(last)} after ${compactNumber(previous)}): try a smaller learning rate`,
    )
  })

  test('keeps the interpreter’s detail: the epoch (from 1), the batch and the node', () => {
    if (!isDiverged(error)) throw new Error(`expected Diverged, got ${error.message}`)
    expect(error.detail).toMatch(
      new RegExp(
        `^fit: epoch ${error.epoch + 1}, batch 0: valueAndGradients: evaluate: node #\\d+ \\(\\w+\\) produced (-?Infinity|NaN)`,
      ),
    )
  })
})
