// layerActivations against the notebook's figures 5–7: the trained moons network's activations of
// X_train[0], X_train[5] and X_train[10], layer by layer (input, ReLU 16, ReLU 8, sigmoid 1).

import { describe, expect, test } from 'vitest'
import { linalg, network, random } from '../../src/index.js'
import { layerActivations } from '../../src/viz/index.js'
import { left, right } from '../support/either.js'
import {
  activationReference,
  moonsNetwork,
  moonsTrain,
  worstDifference,
} from './notebook-figures.js'

describe('layerActivations', () => {
  test.each(activationReference.map((sample) => [sample.sample_idx, sample] as const))(
    'of X_train[%i] are the notebook’s, layer by layer',
    (index, sample) => {
      const layers = right(layerActivations(moonsNetwork, moonsTrain.X, index))
      expect(layers.map((values) => values.length)).toStrictEqual([2, 16, 8, 1])
      expect(worstDifference(layers, sample.per_layer)).toBeLessThan(1e-9)
    },
  )

  test('skip dropout layers (identity at inference)', () => {
    const net = right(
      network.sequential(
        2,
        [
          { kind: 'dense', outputs: 3, activation: 'relu' },
          { kind: 'dropout', rate: 0.5 },
          { kind: 'dense', outputs: 1, activation: 'sigmoid' },
        ],
        { key: random.key(3) },
      ),
    )
    const X = right(linalg.fromRows([[0.3, -0.7]]))
    const layers = right(layerActivations(net, X, 0))
    expect(layers.map((values) => values.length)).toStrictEqual([2, 3, 1])
    expect(layers[2]).toStrictEqual(
      Array.from(linalg.toFloat64Array(right(network.predict(net, X)))),
    )
  })

  test('refuse a sample that is not a row of X', () => {
    expect(left(layerActivations(moonsNetwork, moonsTrain.X, 240)).message).toBe(
      'layerActivations: sample 240 is not a row of X (240×2)',
    )
    expect(left(layerActivations(moonsNetwork, moonsTrain.X, 1.5))._tag).toBe('ShapeMismatch')
  })

  test('refuse inputs the network does not take', () => {
    expect(left(layerActivations(moonsNetwork, linalg.zeros(2, 3), 0)).message).toMatch(
      /^predict: layer 0 \(dense 2→16\)/,
    )
  })
})
