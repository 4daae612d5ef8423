// The compiled plan against the graph interpreter (the reference path): on random networks,
// losses, batches, L2 strengths and dropout masks, on both kernel backends, its loss, gradients
// and output equal `network.valueAndGradients`'s to 1e-12 relative. It never writes what it is
// given and hands out fresh frozen trees.

import { fc, test as propertyTest } from '@fast-check/vitest'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import { linalg, network, random } from '../../../src/index.js'
import * as check from '../../../src/check/index.js'
import type { BackendName } from '../../../src/linalg/kernels/workspace.js'
import { compileDensePlan, type DensePlan } from '../../../src/network/compiled/dense-plan.js'
import { left, right } from '../../support/either.js'
import { expectClose, flatLeaves } from '../../support/close.js'

const backends: readonly BackendName[] = ['portable', 'wasm']

/** The plan loaded with the network and batch, run once. */
const runPlan = (
  net: network.Network,
  batch: network.Batch,
  options: { readonly loss: string; readonly l2?: number; readonly backend: BackendName },
  masks?: readonly (Float64Array | undefined)[],
): { readonly plan: DensePlan; readonly loss: number } => {
  const plan = right(compileDensePlan(net, { ...options, capacity: batch.X.rows + 2 }))
  plan.loadParameters(net.parameters)
  plan.input.set(linalg.toFloat64Array(batch.X))
  plan.target.set(linalg.toFloat64Array(batch.y))
  return { plan, loss: plan.run(batch.X.rows, true, masks) }
}

describe('compileDensePlan', () => {
  propertyTest.prop(
    [
      check.networkCase({ maxDepth: 4, maxWidth: 6, maxRows: 7 }),
      fc.option(fc.double({ min: 0, max: 0.5, noNaN: true }), { nil: undefined }),
      fc.constantFrom(...backends),
    ],
    { numRuns: 150 },
  )(
    'loss, gradients and output equal the interpreter’s',
    ({ network: net, loss, batch }, l2, backend) => {
      const options = { loss, ...(l2 === undefined ? {} : { l2 }) }
      const reference = right(network.valueAndGradients(net, batch, options))
      const { plan, loss: value } = runPlan(net, batch, { ...options, backend })
      expectClose([value], [reference.loss], 'loss')
      expectClose(flatLeaves(plan.gradientTree()), flatLeaves(reference.gradients), 'gradients')
      expectClose(
        linalg.toFlat(plan.output(batch.X.rows)),
        linalg.toFlat(reference.output),
        'output',
      )
    },
  )

  propertyTest.prop([fc.integer({ min: 0, max: 1000 }), fc.constantFrom(...backends)], {
    numRuns: 30,
  })(
    'with dropout masks drawn from a key, equals the interpreter in training mode',
    (seed, backend) => {
      const net = right(
        network.sequential(
          3,
          [
            { kind: 'dense', outputs: 5, activation: 'relu' },
            { kind: 'dropout', rate: 0.4 },
            { kind: 'dense', outputs: 4, activation: 'tanh' },
            { kind: 'dropout', rate: 0.2 },
            { kind: 'dense', outputs: 1, activation: 'sigmoid' },
          ],
          { key: random.key(seed) },
        ),
      )
      const batch = {
        X: random.normal(random.key(seed + 1), 6, 3),
        y: random.bernoulli(random.key(seed + 2), 6, 1, 0.5),
      }
      const key = random.key(seed + 3)
      const reference = right(
        network.valueAndGradients(net, batch, { loss: 'mse', training: true, key }),
      )
      const keys = random.split(key, net.layers.length)
      const masks = net.layers.map((layer, index) => {
        const layerKey = keys[index]
        return layer.kind === 'dropout' && layerKey !== undefined
          ? linalg.toFloat64Array(network.dropoutMask(layerKey, 6, layer.outputs, layer.rate))
          : undefined
      })
      const { plan, loss } = runPlan(net, batch, { loss: 'mse', backend }, masks)
      expectClose([loss], [reference.loss], 'loss')
      expectClose(flatLeaves(plan.gradientTree()), flatLeaves(reference.gradients), 'gradients')
    },
  )

  test('the comparison has teeth: a plan for halfMse is not the interpreter’s mse', () => {
    const net = right(
      network.mlp([2, 3, 1], { hidden: 'relu', output: 'linear', key: random.key(1) }),
    )
    const batch = { X: random.normal(random.key(2), 5, 2), y: random.normal(random.key(3), 5, 1) }
    const reference = right(network.valueAndGradients(net, batch, { loss: 'mse' }))
    const { loss } = runPlan(net, batch, { loss: 'halfMse', backend: 'portable' })
    expect(Math.abs(loss - reference.loss)).toBeGreaterThan(1e-6)
  })

  test('reruns are bit-identical, and what it hands out is fresh and frozen', () => {
    const net = right(
      network.mlp([4, 6, 3], { hidden: 'tanh', output: 'softmax', key: random.key(4) }),
    )
    const X = random.normal(random.key(5), 9, 4)
    const y = right(
      linalg.fromRows(
        [0, 1, 2, 0, 1, 2, 0, 1, 2].map((label) => [0, 1, 2].map((c) => (c === label ? 1 : 0))),
      ),
    )
    const batch = { X, y }
    const before = flatLeaves(net.parameters)
    const first = runPlan(net, batch, { loss: 'softmaxCrossEntropy', backend: 'wasm' })
    const gradients = first.plan.gradientTree()
    const handedOut = flatLeaves(gradients)
    const again = first.plan.run(9, true)
    expect(Object.is(again, first.loss)).toBe(true)
    expect(flatLeaves(first.plan.gradientTree())).toStrictEqual(flatLeaves(gradients))
    expect(Object.isFrozen(gradients)).toBe(true)
    expect(Object.isFrozen(gradients.layers)).toBe(true)
    // the plan's next run does not reach into a tree it handed out
    first.plan.input.fill(0)
    first.plan.run(9, true)
    expect(flatLeaves(first.plan.gradientTree())).not.toStrictEqual(handedOut)
    expect(flatLeaves(gradients)).toStrictEqual(handedOut)
    expect(flatLeaves(net.parameters)).toStrictEqual(before)
  })

  test('a logit loss the last layer cannot feed, or a bad capacity, is a Left naming it', () => {
    const net = right(
      network.mlp([2, 3, 1], { hidden: 'relu', output: 'tanh', key: random.key(0) }),
    )
    expect(
      left(compileDensePlan(net, { loss: 'binaryCrossEntropyWithLogits', capacity: 4 })).message,
    ).toBe(
      'compile: loss binaryCrossEntropyWithLogits reads logits, so the last layer must be dense with activation sigmoid or linear, but layer 1 (dense 3→1) has tanh',
    )
    expect(left(compileDensePlan(net, { loss: 'mse', capacity: 0 })).message).toBe(
      'compile: capacity is 0, expected a positive integer',
    )
    expect(E.isLeft(compileDensePlan(net, { loss: 'hinge', capacity: 1 }))).toBe(true)
  })
})
