// Updates return new networks: one SGD step with learning rate 0.1 on the notebook's 2-3-1
// network gives its updated weights to 1e-12; the old network is untouched; bad trees are named;
// network.applyUpdates is train.applyUpdates on the parameters (one core), bit for bit.

import { describe, expect, test } from 'vitest'
import { fc, test as propertyTest } from '@fast-check/vitest'
import { graph, linalg, network, train } from '../../src/index.js'
import * as check from '../../src/check/index.js'
import { sgdStep } from '../../src/network/updates.js'
import { left, right } from '../support/either.js'
import {
  dense,
  maxRelativeError,
  notebookNetwork,
  walkthrough,
  walkthroughNumber,
  walkthroughTop,
} from './support.js'

const batch = { X: walkthroughTop('input_X'), y: walkthroughTop('target_y') }

describe('sgdStep', () => {
  test("one step with learning rate 0.1 gives the notebook's updated W1, b1, W2, b2", () => {
    const net = notebookNetwork()
    const { gradients } = right(network.valueAndGradients(net, batch, { loss: 'mse' }))
    const learningRate = walkthroughNumber('update', 'learning_rate')
    const stepped = right(sgdStep(net, gradients, learningRate))
    expect(
      maxRelativeError(dense(stepped.parameters, 0).W, walkthrough('update', 'W1')),
    ).toBeLessThan(1e-12)
    expect(
      maxRelativeError(dense(stepped.parameters, 0).b, walkthrough('update', 'b1')),
    ).toBeLessThan(1e-12)
    expect(
      maxRelativeError(dense(stepped.parameters, 1).W, walkthrough('update', 'W2')),
    ).toBeLessThan(1e-12)
    expect(
      maxRelativeError(dense(stepped.parameters, 1).b, walkthrough('update', 'b2')),
    ).toBeLessThan(1e-12)
    // The old network still holds the initial weights.
    expect(linalg.toRows(dense(net.parameters, 0).W)).toStrictEqual(
      linalg.toRows(walkthrough('init', 'W1')),
    )
    expect(stepped.layers).toBe(net.layers)
    expect(Object.isFrozen(stepped)).toBe(true)
  })

  test('the step lowers the loss on the example', () => {
    const net = notebookNetwork()
    const { loss, gradients } = right(network.valueAndGradients(net, batch, { loss: 'mse' }))
    const stepped = right(sgdStep(net, gradients, 0.1))
    expect(right(network.loss(stepped, batch, 'mse'))).toBeLessThan(loss)
  })
})

describe('applyUpdates', () => {
  propertyTest.prop([check.networkCase(), fc.double({ min: -2, max: 2, noNaN: true })], {
    numRuns: 50,
  })('is train.applyUpdates on the parameters, bit for bit', ({ network: net }, factor) => {
    const updates = graph.mapTree(net.parameters, (m) => linalg.scale(m, factor))
    const moved = right(network.applyUpdates(net, updates))
    const expected = right(train.applyUpdates(net.parameters, updates))
    expect(graph.leaves(moved.parameters).map(([, m]) => linalg.toFlat(m))).toStrictEqual(
      graph.leaves(expected).map(([, m]) => linalg.toFlat(m)),
    )
    expect(moved.layers).toBe(net.layers)
  })

  test('adds the updates leaf by leaf', () => {
    const net = notebookNetwork()
    const twos = graph.mapTree(net.parameters, (m) => linalg.fill(m.rows, m.cols, 2))
    const moved = right(network.applyUpdates(net, twos))
    expect(linalg.toFlat(dense(moved.parameters, 1).W)).toStrictEqual(
      linalg.toFlat(dense(net.parameters, 1).W).map((w) => w + 2),
    )
  })

  test('a missing or mis-shaped leaf is named', () => {
    const net = notebookNetwork()
    expect(left(network.applyUpdates(net, { layers: [] })).message).toBe(
      'applyUpdates: layers[0] is missing',
    )
    const stray = { layers: [...net.parameters.layers, { W: linalg.ones(1, 1) }] }
    expect(left(network.applyUpdates(net, stray)).message).toBe(
      'applyUpdates: layers[2].W is an update for no parameter',
    )
    const wrong = graph.mapTree(net.parameters, (m) => linalg.zeros(m.cols, m.rows))
    expect(left(sgdStep(net, wrong, 0.1)).message).toMatch(/^sgdStep: layers\[0\]\.W: /)
  })
})
