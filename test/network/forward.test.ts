// The forward pass and predict: outputs equal the layers' formulas computed with linalg, nodes
// carry the notebook's names, and bad input is a named error stating the layer and both shapes.

import { describe, expect, test } from 'vitest'
import { linalg, network, random } from '../../src/index.js'
import { left, right } from '../support/either.js'
import { dense, maxRelativeError, notebookNetwork, walkthrough, walkthroughTop } from './support.js'

describe('predict', () => {
  test("gives the notebook's a2 for its 2-3-1 network", () => {
    const a2 = right(network.predict(notebookNetwork(), walkthroughTop('input_X')))
    expect(maxRelativeError(a2, walkthrough('forward', 'a2'))).toBeLessThan(1e-12)
  })

  test('equals tanh(X·W1 + b1)·W2 + b2 computed with linalg for a tanh → linear mlp', () => {
    const net = right(
      network.mlp([3, 4, 2], { hidden: 'tanh', output: 'linear', key: random.key(6) }),
    )
    const X = random.normal(random.key(7), 5, 3)
    const { W: W1, b: b1 } = dense(net.parameters, 0)
    const { W: W2, b: b2 } = dense(net.parameters, 1)
    const hidden = right(
      linalg.map(right(linalg.addRowVector(right(linalg.matmul(X, W1)), b1)), Math.tanh),
    )
    const expected = right(linalg.addRowVector(right(linalg.matmul(hidden, W2)), b2))
    expect(maxRelativeError(right(network.predict(net, X)), expected)).toBeLessThan(1e-14)
  })

  test('never mutates the network or X', () => {
    const net = notebookNetwork()
    const X = walkthroughTop('input_X')
    const before = JSON.stringify([linalg.toFlat(dense(net.parameters, 0).W), linalg.toFlat(X)])
    right(network.predict(net, X))
    expect(JSON.stringify([linalg.toFlat(dense(net.parameters, 0).W), linalg.toFlat(X)])).toBe(
      before,
    )
  })
})

describe('the output valueAndGradients returns', () => {
  test('is the prediction, bit for bit, when no dropout masks are drawn', () => {
    const net = right(
      network.mlp([2, 5, 1], { hidden: 'relu', output: 'sigmoid', key: random.key(11) }),
    )
    const X = random.normal(random.key(12), 6, 2)
    const y = linalg.fill(6, 1, 1)
    const evaluated = right(network.valueAndGradients(net, { X, y }, { loss: 'mse' }))
    expect(linalg.toFlat(evaluated.output)).toStrictEqual(
      linalg.toFlat(right(network.predict(net, X))),
    )
  })

  test('carries the dropout masks when training draws them', () => {
    const net = right(
      network.sequential(
        2,
        [
          { kind: 'dense', outputs: 4, activation: 'relu' },
          { kind: 'dropout', rate: 0.5 },
          { kind: 'dense', outputs: 1, activation: 'sigmoid' },
        ],
        { key: random.key(13) },
      ),
    )
    const X = random.normal(random.key(14), 8, 2)
    const trained = right(
      network.valueAndGradients(
        net,
        { X, y: linalg.fill(8, 1, 1) },
        { loss: 'mse', training: true, key: random.key(15) },
      ),
    )
    expect(linalg.toFlat(trained.output)).not.toStrictEqual(
      linalg.toFlat(right(network.predict(net, X))),
    )
  })
})

describe('forward', () => {
  test('labels nodes z1, a1, z2, a2 as the notebook names them', () => {
    const out = right(network.forward(notebookNetwork(), walkthroughTop('input_X')))
    expect(out.label).toBe('a2')
  })
})

describe('bad input', () => {
  const net = right(
    network.mlp([2, 16, 8, 1], { hidden: 'relu', output: 'sigmoid', key: random.key(0) }),
  )

  test('input width different from the first layer names the layer and both widths', () => {
    const error = left(network.predict(net, linalg.zeros(4, 3)))
    expect(error._tag).toBe('ShapeMismatch')
    expect(error.message).toBe('predict: layer 0 (dense 2→16): input has 3 columns, expected 2')
  })

  test('parameters that do not fit a layer name the layer and both shapes', () => {
    const broken: network.Network = {
      ...net,
      parameters: {
        layers: net.parameters.layers.map((layer, index) =>
          index === 1 ? { W: linalg.zeros(3, 8), b: linalg.zeros(1, 8) } : layer,
        ),
      },
    }
    expect(left(network.predict(broken, linalg.zeros(1, 2))).message).toBe(
      'predict: layer 1 (dense 16→8): W is 3×8, expected 16×8',
    )
    const missing: network.Network = {
      ...net,
      parameters: { layers: net.parameters.layers.slice(0, 2) },
    }
    expect(left(network.predict(missing, linalg.zeros(1, 2))).message).toBe(
      'predict: parameters hold 2 layers, expected 3',
    )
  })

  test('infinite inputs are named with the entry', () => {
    const X = linalg.scale(linalg.fill(2, 2, 1e308), 10)
    expect(left(network.forward(net, X)).message).toBe(
      'forward: X entry [0, 0] is Infinity, expected a finite number',
    )
  })
})
