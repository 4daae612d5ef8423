// The Network record: mlp and sequential build frozen networks of the right shapes, numpy mode
// replays the notebook's initial weights, and bad sizes, names and rates are named errors.

import * as E from 'fp-ts/lib/Either.js'
import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { graph, linalg, network, random } from '../../src/index.js'
import { left, right } from '../support/either.js'
import { dense, notebookNetwork, walkthrough } from './support.js'

describe('mlp', () => {
  test("seed(42) with scaledNormal(0.5) gives the notebook's W1, b1, W2, b2 exactly", () => {
    const net = notebookNetwork()
    expect(linalg.toRows(dense(net.parameters, 0).W)).toStrictEqual(
      linalg.toRows(walkthrough('init', 'W1')),
    )
    expect(linalg.toRows(dense(net.parameters, 0).b)).toStrictEqual([[0, 0, 0]])
    expect(linalg.toRows(dense(net.parameters, 1).W)).toStrictEqual(
      linalg.toRows(walkthrough('init', 'W2')),
    )
    expect(linalg.toRows(dense(net.parameters, 1).b)).toStrictEqual([[0]])
  })

  test('[2, 16, 8, 1] has three dense layers with the hidden and output activations', () => {
    const net = right(
      network.mlp([2, 16, 8, 1], { hidden: 'relu', output: 'sigmoid', key: random.key(0) }),
    )
    expect(net.layers).toStrictEqual([
      { kind: 'dense', inputs: 2, outputs: 16, activation: 'relu' },
      { kind: 'dense', inputs: 16, outputs: 8, activation: 'relu' },
      { kind: 'dense', inputs: 8, outputs: 1, activation: 'sigmoid' },
    ])
    expect(
      graph
        .leaves(net.parameters)
        .map(([path, m]) => `${graph.formatPath(path)} ${m.rows}×${m.cols}`),
    ).toStrictEqual([
      'layers[0].W 2×16',
      'layers[0].b 1×16',
      'layers[1].W 16×8',
      'layers[1].b 1×8',
      'layers[2].W 8×1',
      'layers[2].b 1×1',
    ])
    expect(
      Object.isFrozen(net) && Object.isFrozen(net.layers) && Object.isFrozen(net.parameters.layers),
    ).toBe(true)
  })

  test('bad sizes and unknown activations are named errors', () => {
    const key = random.key(0)
    expect(
      left(network.mlp([2, 16, 0, 1], { hidden: 'relu', output: 'sigmoid', key })).message,
    ).toBe('mlp: sizes[2] is 0, expected a positive integer')
    expect(left(network.mlp([2.5, 1], { hidden: 'relu', output: 'sigmoid', key })).message).toBe(
      'mlp: sizes[0] is 2.5, expected a positive integer',
    )
    expect(left(network.mlp([2], { hidden: 'relu', output: 'sigmoid', key })).message).toBe(
      'mlp: sizes has 1 entries, expected at least 2 (inputs and outputs)',
    )
    const unknown = left(network.mlp([2, 1], { hidden: 'relu', output: 'swish', key }))
    expect(unknown._tag).toBe('UnknownName')
    expect(unknown.message).toMatch(/^mlp: output: unknown activation swish \(expected one of/)
  })
})

describe('sequential', () => {
  test('mixes dense and dropout layers; dropout layers hold no parameters', () => {
    const net = right(
      network.sequential(
        3,
        [
          { kind: 'dense', outputs: 4, activation: 'tanh' },
          { kind: 'dropout', rate: 0.25 },
          { kind: 'dense', outputs: 2, activation: 'softmax' },
        ],
        { init: network.glorotUniform, key: random.key(2) },
      ),
    )
    expect(net.layers[1]).toStrictEqual({ kind: 'dropout', inputs: 4, outputs: 4, rate: 0.25 })
    expect(net.parameters.layers[1]).toStrictEqual({})
    expect(dense(net.parameters, 2).W.rows).toBe(4)
  })

  test('bad layers are named by index', () => {
    const key = random.key(0)
    expect(left(network.sequential(2, [{ kind: 'dropout', rate: 1 }], { key })).message).toBe(
      'sequential: layer 0 (dropout) rate is 1, expected a number in [0, 1)',
    )
    expect(
      left(network.sequential(2, [{ kind: 'dense', outputs: -1, activation: 'relu' }], { key }))
        .message,
    ).toBe('sequential: layer 0 outputs is -1, expected a positive integer')
    expect(
      left(network.sequential(2, [{ kind: 'dense', outputs: 1, activation: 'nope' }], { key }))
        .message,
    ).toMatch(/^sequential: layer 0: unknown activation nope/)
    expect(left(network.sequential(2, [], { key })).message).toBe(
      'sequential: no layers, expected at least one',
    )
    expect(left(network.sequential(0, [{ kind: 'dropout', rate: 0 }], { key })).message).toBe(
      'sequential: inputSize is 0, expected a positive integer',
    )
  })
})

test('initParameters continues the numpy stream where the notebook leaves it', () => {
  const layers = notebookNetwork().layers
  const [, after] = network.initParameters(layers, network.scaledNormal(0.5), random.numpy.seed(42))
  expect(random.numpy.isRandomState(after)).toBe(true)
  if (!random.numpy.isRandomState(after)) return
  const snapshot = random.numpy.getState(after)
  // The fixture's `global_rng_after`: position 28 with a cached Gaussian 0.5425600435859647.
  expect([snapshot.position, snapshot.hasGauss, snapshot.gauss]).toStrictEqual([
    28,
    true,
    0.5425600435859647,
  ])
})

test('describeLayer names dense and dropout layers', () => {
  expect(
    network.describeLayer({ kind: 'dense', inputs: 16, outputs: 8, activation: 'relu' }, 1),
  ).toBe('layer 1 (dense 16→8)')
  expect(network.describeLayer({ kind: 'dropout', inputs: 4, outputs: 4, rate: 0.5 }, 2)).toBe(
    'layer 2 (dropout 0.5)',
  )
  expect(
    E.isRight(network.mlp([1, 1], { hidden: 'linear', output: 'linear', key: random.key(0) })),
  ).toBe(true)
})

describe('fromLayers', () => {
  /** A network's own layers and parameters, as fromLayers takes them. */
  const givenLayersOf = (net: network.Network): network.GivenLayer[] =>
    net.layers.map((layer, index): network.GivenLayer => {
      const parameters = net.parameters.layers[index]
      if (layer.kind === 'dropout') return { kind: 'dropout', rate: layer.rate }
      if (parameters === undefined || !('W' in parameters)) throw new Error('a dense layer has W')
      return { kind: 'dense', W: parameters.W, b: parameters.b, activation: layer.activation }
    })

  propertyTest.prop([
    fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 2, maxLength: 5 }),
    fc.constantFrom('relu', 'tanh', 'sigmoid', 'linear'),
    fc.double({ min: 0, max: 0.9, noNaN: true }),
    fc.integer(),
  ])(
    'rebuilds any network from its own layers and parameters, equal to it',
    (sizes, hidden, rate, seed) => {
      const [inputs = 1, ...outputs] = sizes
      const layers: network.LayerInput[] = outputs.flatMap((width, index) => {
        const dense = { kind: 'dense' as const, outputs: width, activation: hidden }
        return index === 0 ? [dense, { kind: 'dropout' as const, rate }] : [dense]
      })
      const net = right(network.sequential(inputs, layers, { key: random.key(seed) }))
      expect(right(network.fromLayers(givenLayersOf(net)))).toStrictEqual(net)
    },
  )

  test('names the layer and both shapes for a W or b that does not fit', () => {
    const W0 = linalg.fill(3, 2, 0.5)
    const b0 = linalg.zeros(1, 2)
    const first = { kind: 'dense', W: W0, b: b0, activation: 'relu' } as const
    expect(
      left(
        network.fromLayers([
          first,
          { kind: 'dense', W: linalg.ones(1, 2), b: linalg.zeros(1, 1), activation: 'linear' },
        ]),
      ).message,
    ).toBe('fromLayers: layers[1].W: expected 2×2, got 1×2')
    expect(left(network.fromLayers([{ ...first, b: linalg.zeros(2, 1) }])).message).toBe(
      'fromLayers: layers[0].b: expected 1×2, got 2×1',
    )
  })

  test('refuses non-finite entries, unknown activations, bad dropout rates and no dense layer', () => {
    const W = linalg.fill(2, 2, 1)
    const b = linalg.zeros(1, 2)
    // matrices refuse NaN when built, but arithmetic can overflow to ±∞
    const overflowed = linalg.scale(linalg.fill(2, 2, 1e308), 10)
    expect(
      left(network.fromLayers([{ kind: 'dense', W: overflowed, b, activation: 'relu' }])).message,
    ).toBe('fromLayers: layers[0].W entry [0, 0] is Infinity, expected a finite number')
    expect(
      left(network.fromLayers([{ kind: 'dense', W, b, activation: 'swish' }])).message,
    ).toMatch(/^fromLayers: layer 0: unknown activation swish/)
    expect(
      left(
        network.fromLayers([
          { kind: 'dense', W, b, activation: 'relu' },
          { kind: 'dropout', rate: 1 },
        ]),
      ).message,
    ).toMatch(/layer 1 \(dropout\) rate is 1, expected a number in \[0, 1\)/)
    expect(left(network.fromLayers([{ kind: 'dropout', rate: 0.5 }])).message).toBe(
      'fromLayers: no dense layer, expected at least one',
    )
  })
})
