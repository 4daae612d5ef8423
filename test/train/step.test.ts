// step: one pure training step — the notebook's arithmetic bit for bit (W + (−η·dW) is W − η·dW),
// SGD with a zero gradient is the identity, the state is never mutated, keys split per step.

import { fc, test as propertyTest } from '@fast-check/vitest'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import { graph, linalg, network, random } from '../../src/index.js'
import * as check from '../../src/check/index.js'
import type { Optimizer } from '../../src/train/optimizer.js'
import { initialState, step, stepFrom } from '../../src/train/step.js'
import { left, right } from '../support/either.js'

/** Plain SGD as an optimizer: updates −η·g. */
const sgd = (learningRate: number): Optimizer<null> => ({
  init: () => null,
  update: (gradients) => ({
    updates: graph.mapTree(gradients, (g) => linalg.scale(g, -learningRate)),
    state: null,
  }),
})

/** An optimizer that counts its calls and passes the gradients through unchanged. */
const counting: Optimizer<number> = {
  init: () => 0,
  update: (gradients, count) => ({ updates: gradients, state: count + 1 }),
}

/** Every parameter as one flat list, for bit-for-bit comparisons. */
const flat = (net: network.Network): number[] =>
  graph.leaves(net.parameters).flatMap(([, m]) => linalg.toFlat(m))

const xor = {
  X: right(
    linalg.fromRows([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]),
  ),
  y: right(linalg.fromRows([[0], [1], [1], [0]])),
}
const notebookShaped = right(
  network.mlp([2, 16, 8, 1], { hidden: 'relu', output: 'sigmoid', rng: random.numpy.seed(7) }),
)

/** The notebook's step written out: every parameter P becomes P − η·dP (sub of the scaled dP). */
const notebookStep = (
  net: network.Network,
  gradients: graph.Tree,
  rate: number,
): network.Network => ({
  ...net,
  parameters: right(
    graph.zipTree(net.parameters, gradients, (P, dP) =>
      right(linalg.sub(P, linalg.scale(dP, rate))),
    ),
  ),
})

describe('step', () => {
  test("with SGD equals the notebook's W − η·dW bit for bit", () => {
    const optimizer = sgd(0.1)
    const next = right(
      step({ loss: 'mse', optimizer })(initialState(notebookShaped, optimizer), xor),
    )
    const { gradients } = right(network.valueAndGradients(notebookShaped, xor, { loss: 'mse' }))
    const notebook = notebookStep(notebookShaped, gradients, 0.1)
    expect(flat(next.network)).toStrictEqual(flat(notebook))
    expect(flat(next.network)).not.toStrictEqual(flat(notebookShaped))
  })

  propertyTest.prop([check.networkCase(), fc.double({ min: 1e-3, max: 1, noNaN: true })])(
    'SGD with zero gradients leaves the network unchanged',
    ({ network: net, loss, batch }, learningRate) => {
      const zeroing: Optimizer<null> = {
        init: () => null,
        update: (gradients) =>
          sgd(learningRate).update(
            graph.mapTree(gradients, (g) => linalg.zeros(g.rows, g.cols)),
            null,
            gradients,
          ),
      }
      const next = right(step({ loss, optimizer: zeroing })(initialState(net, zeroing), batch))
      expect(flat(next.network)).toStrictEqual(flat(net))
      expect(next.network.layers).toBe(net.layers)
      expect(next.stepCount).toBe(1)
    },
  )

  propertyTest.prop([check.networkCase()])(
    'is pure: the same state and batch give the same next state, and the state is unchanged',
    ({ network: net, loss, batch }) => {
      const optimizer = sgd(0.05)
      const state = initialState(net, optimizer)
      const before = flat(net)
      const once = right(step({ loss, optimizer })(state, batch))
      const twice = right(step({ loss, optimizer })(state, batch))
      expect(flat(once.network)).toStrictEqual(flat(twice.network))
      expect(flat(state.network)).toStrictEqual(before)
      expect(state.stepCount).toBe(0)
    },
  )

  test('threads the optimizer state and counts steps', () => {
    const config = { loss: 'mse' as const, optimizer: counting }
    let state = initialState(notebookShaped, counting)
    for (let index = 0; index < 3; index++) state = right(step(config)(state, xor))
    expect([state.stepCount, state.optimizerState]).toStrictEqual([3, 3])
  })

  test('reusing precomputed gradients (stepFrom) gives the same state as computing them', () => {
    const optimizer = sgd(0.1)
    const state = initialState(notebookShaped, optimizer)
    const evaluated = right(network.valueAndGradients(notebookShaped, xor, { loss: 'mse' }))
    const reused = right(stepFrom({ loss: 'mse', optimizer }, state, xor, evaluated))
    expect(flat(reused.network)).toStrictEqual(
      flat(right(step({ loss: 'mse', optimizer })(state, xor)).network),
    )
  })

  test('with a key splits it once per step and draws dropout masks from one half', () => {
    const net = right(
      network.sequential(
        2,
        [
          { kind: 'dense', outputs: 8, activation: 'relu' },
          { kind: 'dropout', rate: 0.5 },
          { kind: 'dense', outputs: 1, activation: 'sigmoid' },
        ],
        { key: random.key(1) },
      ),
    )
    const optimizer = sgd(0.5)
    const config = { loss: 'mse' as const, optimizer }
    const keyed = initialState(net, optimizer, random.key(9))
    const first = right(step(config)(keyed, xor))
    const [carried, dropoutKey] = random.split(random.key(9), 2)
    expect(first.key).toStrictEqual(carried)
    const { gradients } = right(
      network.valueAndGradients(net, xor, {
        loss: 'mse',
        training: true,
        ...(dropoutKey === undefined ? {} : { key: dropoutKey }),
      }),
    )
    expect(flat(first.network)).toStrictEqual(flat(notebookStep(net, gradients, 0.5)))
    const second = right(step(config)(first, xor))
    expect(second.key).not.toStrictEqual(first.key)
    // Without a key, dropout is off: the step is plain inference-mode gradient descent.
    const plain = right(step(config)(initialState(net, optimizer), xor))
    expect(flat(plain.network)).not.toStrictEqual(flat(first.network))
    expect(plain.key).toBeUndefined()
  })

  test('a batch the network cannot take is a Left naming the problem', () => {
    const optimizer = sgd(0.1)
    const bad = { X: linalg.zeros(3, 5), y: linalg.zeros(3, 1) }
    const error = left(
      step({ loss: 'mse', optimizer })(initialState(notebookShaped, optimizer), bad),
    )
    expect(error.message).toMatch(/input has 5 columns, expected 2/)
    // the type admits only loss names; a JavaScript caller (or a cast) can still pass another
    const unknownLoss = 'nope' as network.LossName
    expect(
      E.isLeft(
        step({ loss: unknownLoss, optimizer })(initialState(notebookShaped, optimizer), xor),
      ),
    ).toBe(true)
  })
})
