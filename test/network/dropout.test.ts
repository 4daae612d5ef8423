// Dropout: the mask keeps about 1 − rate of the units and scales the kept ones by 1/(1 − rate);
// a network with dropout is the identity there at inference and applies the mask when training.

import { describe, expect, test } from 'vitest'
import { graph, linalg, network, random } from '../../src/index.js'
import { left, right } from '../support/either.js'

describe('dropoutMask', () => {
  test('keeps about 1 − rate of the entries, each scaled by 1/(1 − rate)', () => {
    const rate = 0.3
    const mask = network.dropoutMask(random.key(9), 200, 100, rate)
    const values = linalg.toFlat(mask)
    expect(values.every((x) => x === 0 || x === 1 / (1 - rate))).toBe(true)
    const kept = values.filter((x) => x !== 0).length / values.length
    // 20 000 Bernoulli(0.7) draws: standard error ≈ 0.0032.
    expect(Math.abs(kept - (1 - rate))).toBeLessThan(0.015)
    expect(Math.abs(linalg.mean(mask) - 1)).toBeLessThan(0.025) // inverted: expected value 1
  })

  test('rate 0 keeps everything; the same key gives the same mask; a bad rate throws', () => {
    expect(linalg.toFlat(network.dropoutMask(random.key(1), 2, 3, 0))).toStrictEqual([
      1, 1, 1, 1, 1, 1,
    ])
    expect(network.dropoutMask(random.key(2), 4, 4, 0.5)).toStrictEqual(
      network.dropoutMask(random.key(2), 4, 4, 0.5),
    )
    expect(() => network.dropoutMask(random.key(2), 1, 1, 1)).toThrow(
      'dropoutMask: rate is 1, expected a number in [0, 1)',
    )
  })
})

describe('a dropout layer in a network', () => {
  const net = right(
    network.sequential(
      3,
      [
        { kind: 'dense', outputs: 5, activation: 'relu' },
        { kind: 'dropout', rate: 0.5 },
      ],
      { key: random.key(3) },
    ),
  )
  const withoutDropout: network.Network = {
    inputSize: 3,
    layers: net.layers.slice(0, 1),
    parameters: { layers: net.parameters.layers.slice(0, 1) },
  }
  const X = random.uniform(random.key(8), 4, 3, { min: 0.5, max: 1 })

  test('is the identity at inference', () => {
    expect(right(network.predict(net, X))).toStrictEqual(right(network.predict(withoutDropout, X)))
  })

  test('at training time multiplies by the mask drawn from the key', () => {
    const evaluate = (options: network.ForwardOptions) => {
      const plan = right(graph.compile(right(network.forward(net, X, options))))
      return right(graph.evaluate(plan, { inputs: { X }, parameters: net.parameters }))
    }
    const plain = linalg.toFlat(right(network.predict(net, X)))
    const trained = linalg.toFlat(evaluate({ training: true, key: random.key(21) }))
    trained.forEach((value, index) => {
      const base = plain[index] ?? Number.NaN
      expect(value === 0 || value === 2 * base).toBe(true)
    })
    expect(trained).toStrictEqual(linalg.toFlat(evaluate({ training: true, key: random.key(21) })))
    expect(trained).not.toStrictEqual(
      linalg.toFlat(evaluate({ training: true, key: random.key(22) })),
    )
  })

  test('training without a key names the dropout layer', () => {
    expect(left(network.forward(net, X, { training: true })).message).toBe(
      'forward: layer 1 (dropout 0.5) needs a key at training time',
    )
  })
})
