// Laws of networks over the shipped arbitraries (check.networkCase): gradients agree with finite
// differences (check.gradientCheck, every entry and random directions), BCE-with-logits equals
// BCE∘σ where both are finite, the softmax cross-entropy gradient is (softmax − one-hot)/m at the
// last layer, every loss stays finite at logits ±1e3, and nothing given is mutated.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import { graph, linalg, network, random } from '../../src/index.js'
import * as check from '../../src/check/index.js'
import { right } from '../support/either.js'
import { dense } from './support.js'

/** The network with its last layer's activation replaced (to read logits or probabilities). */
const withOutput = (net: network.Network, activation: network.ActivationName): network.Network => {
  const last = net.layers[net.layers.length - 1]
  if (last?.kind !== 'dense') throw new Error('the last layer is not dense')
  return { ...net, layers: [...net.layers.slice(0, -1), { ...last, activation }] }
}

/** The input the last layer sees: X through every layer but the last. */
const lastInput = (net: network.Network, X: linalg.Matrix): linalg.Matrix =>
  net.layers.length === 1
    ? X
    : right(
        network.predict(
          {
            inputSize: net.inputSize,
            layers: net.layers.slice(0, -1),
            parameters: { layers: net.parameters.layers.slice(0, -1) },
          },
          X,
        ),
      )

const closeTo = (actual: linalg.Matrix, expected: linalg.Matrix): boolean =>
  linalg.equals(actual, expected, { relative: 1e-9, absolute: 1e-12 })

const snapshot = (sample: check.NetworkCase): string =>
  JSON.stringify([
    sample.network.layers,
    graph.leaves(sample.network.parameters).map(([, m]) => linalg.toFlat(m)),
    linalg.toFlat(sample.batch.X),
    linalg.toFlat(sample.batch.y),
  ])

/**
 * Whether every probability the network outputs on X lies in [1e-3, 1 − 1e-3]. A central
 * difference errs by ε²/6 · L‴, and binary cross-entropy's third derivative grows as 1/p³: near
 * saturation the finite difference, not the gradient, is what is off (seed 6798200 found such a
 * case: p = 1 − 4.2e-6 with y = 0, relative error 1.1e-5 at ε = 1e-6).
 */
const awayFromSaturation = (net: network.Network, X: linalg.Matrix): boolean =>
  linalg.toFlat(right(network.predict(net, X))).every((p) => p >= 1e-3 && p <= 1 - 1e-3)

/** BCE cases are checked only where a finite difference can judge them (see above). */
const checkable = (sample: check.NetworkCase): boolean =>
  sample.loss !== 'binaryCrossEntropy' || awayFromSaturation(sample.network, sample.batch.X)

describe('network gradients agree with finite differences', () => {
  // ε = 1e-6 keeps rounding (≈ 1e-10·|L|) and truncation (≈ 1e-13·L‴) far below the threshold;
  // absoluteTolerance forgives relative errors of gradients that are themselves ≈ 0.
  const settings = { epsilon: 1e-6, threshold: 1e-5, absoluteTolerance: 1e-7 } as const

  propertyTest.prop([check.networkCase()], { numRuns: 60 })(
    'every entry, for every loss and activation',
    (sample) => {
      fc.pre(checkable(sample))
      const { network: net, loss, batch } = sample
      const report = right(check.gradientCheck(net, batch, { loss, ...settings }))
      const failed = report.tensors.filter((tensor) => !tensor.passed)
      expect(failed).toStrictEqual([])
      expect(report.tensors.length).toBe(2 * net.layers.length)
    },
  )

  propertyTest.prop([check.networkCase({ maxWidth: 5 }), fc.integer({ min: 0, max: 1000 })], {
    numRuns: 40,
  })('along random directions, with an L2 penalty', (sample, seed) => {
    fc.pre(checkable(sample))
    const { network: net, loss, batch } = sample
    const report = right(
      check.gradientCheck(net, batch, {
        loss,
        l2: 0.01,
        mode: 'random-directions',
        directions: 2,
        directionKey: random.key(seed),
        ...settings,
      }),
    )
    expect(report.tensors.filter((tensor) => !tensor.passed)).toStrictEqual([])
  })
})

describe('binaryCrossEntropyWithLogits equals binaryCrossEntropy ∘ σ where both are finite', () => {
  const cases = check.networkCase({ losses: ['binaryCrossEntropy'] })

  propertyTest.prop([cases], { numRuns: 60 })(
    'in value and gradients',
    ({ network: net, batch }) => {
      // Inside |z| < 15, σ(z) stays within BCE's clamp [1e-7, 1 − 1e-7], so the two agree.
      const logits = right(network.predict(withOutput(net, 'linear'), batch.X))
      fc.pre(linalg.toFlat(logits).every((z) => Math.abs(z) < 15))
      const fused = right(
        network.valueAndGradients(net, batch, { loss: 'binaryCrossEntropyWithLogits' }),
      )
      const plain = right(network.valueAndGradients(net, batch, { loss: 'binaryCrossEntropy' }))
      expect(Math.abs(fused.loss - plain.loss)).toBeLessThanOrEqual(1e-9 * Math.abs(plain.loss))
      const pairs = graph.leaves(plain.gradients)
      for (const [index, [path, a]] of graph.leaves(fused.gradients).entries()) {
        const b = pairs[index]?.[1] ?? a
        expect(
          linalg.equals(a, b, { relative: 1e-6, absolute: 1e-9 }),
          graph.formatPath(path),
        ).toBe(true)
      }
    },
  )
})

describe('softmaxCrossEntropy', () => {
  propertyTest.prop([check.networkCase({ losses: ['softmaxCrossEntropy'] })], { numRuns: 60 })(
    "the last layer's gradients are those of (softmax(z) − one-hot)/m",
    ({ network: net, batch }) => {
      const m = batch.X.rows
      const delta = linalg.scale(
        right(linalg.sub(right(network.predict(withOutput(net, 'softmax'), batch.X)), batch.y)),
        1 / m,
      )
      const { gradients } = right(
        network.valueAndGradients(net, batch, { loss: 'softmaxCrossEntropy' }),
      )
      const last = dense(gradients, net.layers.length - 1)
      expect(closeTo(last.b, linalg.columnSums(delta))).toBe(true)
      expect(closeTo(last.W, right(linalg.matmulTransposeA(lastInput(net, batch.X), delta)))).toBe(
        true,
      )
    },
  )
})

describe('every loss stays finite at logits ±1e3', () => {
  propertyTest.prop([check.networkCase(), fc.boolean()], { numRuns: 80 })(
    'value and gradients',
    ({ network: net, loss, batch }, positive) => {
      const index = net.layers.length - 1
      const huge = {
        ...net,
        parameters: {
          layers: net.parameters.layers.map((layer, at) =>
            at === index && 'W' in layer
              ? {
                  W: linalg.zeros(layer.W.rows, layer.W.cols),
                  b: linalg.fill(1, layer.b.cols, positive ? 1e3 : -1e3),
                }
              : layer,
          ),
        },
      }
      const result = right(network.valueAndGradients(huge, batch, { loss }))
      expect(Number.isFinite(result.loss)).toBe(true)
      for (const [, gradient] of graph.leaves(result.gradients)) {
        expect(linalg.toFlat(gradient).every(Number.isFinite)).toBe(true)
      }
    },
  )
})

describe('inputs are never mutated', () => {
  propertyTest.prop([check.networkCase()], { numRuns: 30 })(
    'by gradientCheck, loss and predict',
    (sample) => {
      const before = snapshot(sample)
      const { network: net, loss, batch } = sample
      right(check.gradientCheck(net, batch, { loss, epsilon: 1e-5 }))
      right(
        check.gradientCheck(net, batch, {
          loss,
          mode: 'random-directions',
          directionKey: random.key(0),
        }),
      )
      right(network.loss(net, batch, loss))
      right(network.predict(net, batch.X))
      expect(snapshot(sample)).toBe(before)
    },
  )
})
