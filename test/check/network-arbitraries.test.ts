// The network arbitraries: generated cases respect the bounds, fit their loss (one-hot rows for
// softmax cross-entropy, 0/1 labels for the binary losses) and always evaluate to a Right.

import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { linalg, network, random } from '../../src/index.js'
import * as check from '../../src/check/index.js'
import { right } from '../support/either.js'

describe('networkCase', () => {
  test('depth, widths and batch sizes stay within the constraints', () => {
    fc.assert(
      fc.property(check.networkCase({ maxDepth: 2, maxWidth: 3, maxRows: 2 }), (sample) => {
        expect(sample.network.layers.length).toBeGreaterThanOrEqual(1)
        expect(sample.network.layers.length).toBeLessThanOrEqual(2)
        expect(sample.network.inputSize).toBeLessThanOrEqual(3)
        for (const layer of sample.network.layers) expect(layer.outputs).toBeLessThanOrEqual(3)
        expect(sample.batch.X.rows).toBeLessThanOrEqual(2)
        expect(sample.batch.X.cols).toBe(sample.network.inputSize)
      }),
    )
  })

  test('every case evaluates, with targets the loss accepts', () => {
    fc.assert(
      fc.property(check.networkCase(), ({ network: net, loss, batch }) => {
        right(network.valueAndGradients(net, batch, { loss }))
        const y = linalg.toRows(batch.y)
        if (loss === 'softmaxCrossEntropy') {
          for (const row of y) expect(row.reduce((a, b) => a + b, 0)).toBe(1)
        }
        if (loss === 'binaryCrossEntropy' || loss === 'binaryCrossEntropyWithLogits') {
          for (const value of y.flat()) expect([0, 1]).toContain(value)
        }
      }),
    )
  })

  test('draws every loss and, across cases, several activations', () => {
    const samples = fc.sample(check.networkCase(), { numRuns: 300, seed: 7 })
    expect(new Set(samples.map((sample) => sample.loss))).toStrictEqual(new Set(network.lossNames))
    const activations = new Set(
      samples.flatMap((sample) =>
        sample.network.layers.map((layer) => (layer.kind === 'dense' ? layer.activation : '')),
      ),
    )
    expect(activations.size).toBeGreaterThanOrEqual(6)
  })

  test('honours the choice of activations and losses', () => {
    fc.assert(
      fc.property(
        check.networkCase({ activations: ['relu'], losses: ['mse'], maxDepth: 3 }),
        (sample) => {
          expect(sample.loss).toBe('mse')
          for (const layer of sample.network.layers.slice(0, -1)) {
            expect(layer.kind === 'dense' && layer.activation).toBe('relu')
          }
        },
      ),
    )
  })

  test('refuses bad constraints', () => {
    expect(() => check.networkCase({ maxDepth: 0 })).toThrow(
      'network arbitraries: maxDepth is 0, expected a positive integer',
    )
    expect(() => check.networkCase({ losses: [] })).toThrow(
      'network arbitraries: activations and losses must not be empty',
    )
  })
})

describe('batchFor', () => {
  test('fits the network: X has its input width, y its output width', () => {
    const net = right(network.mlp([4, 2], { hidden: 'tanh', output: 'linear', key: random.key(2) }))
    fc.assert(
      fc.property(check.batchFor(net, 'mse', { maxRows: 3, magnitude: 0.5 }), ({ X, y }) => {
        expect([X.cols, y.cols, X.rows === y.rows]).toStrictEqual([4, 2, true])
        expect(X.rows).toBeLessThanOrEqual(3)
        for (const value of linalg.toFlat(X)) expect(Math.abs(value)).toBeLessThanOrEqual(0.5)
      }),
    )
  })
})
