// fast-check arbitraries for networks, shipped so users can state laws about their own models:
// small dense networks (random depth, widths, activations) paired with a loss and a batch it fits.
// Law: every generated case is valid — `network.valueAndGradients` on it returns a Right.

import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import type { Matrix } from '../linalg/index.js'
import { adopt } from '../linalg/internal.js'
import * as network from '../network/index.js'
import type { ActivationName, Batch, LossName, Network } from '../network/index.js'
import * as random from '../random/index.js'
import { matrixOfShape } from './arbitraries.js'

/**
 * Bounds on generated networks and batches.
 *
 * @category Arbitraries
 */
export interface NetworkConstraints {
  /** Most dense layers (default 3; at least 1 is always drawn). */
  readonly maxDepth?: number
  /** Widest layer, inputs and outputs included (default 5). */
  readonly maxWidth?: number
  /** Most rows in a batch (default 4). */
  readonly maxRows?: number
  /** Hidden activations to choose from (default: every one but softmax). */
  readonly activations?: readonly ActivationName[]
  /** Losses to choose from (default: all of `network.lossNames`). */
  readonly losses?: readonly LossName[]
  /** Inputs lie in [−magnitude, magnitude] (default 2). */
  readonly magnitude?: number
}

/**
 * A network, the loss it is trained with, and a batch whose shapes and targets fit both.
 *
 * @category Arbitraries
 */
export interface NetworkCase {
  readonly network: Network
  readonly loss: LossName
  readonly batch: Batch
}

const hiddenDefaults: readonly ActivationName[] = network.activationNames.filter(
  (name) => name !== 'softmax',
)

/** The output activations that make sense for a loss (its targets' range, or fused logits). */
const outputsFor = (loss: LossName): readonly ActivationName[] => {
  switch (loss) {
    case 'mse':
    case 'halfMse':
      return ['linear', 'sigmoid', 'tanh']
    case 'binaryCrossEntropy':
      return ['sigmoid']
    case 'binaryCrossEntropyWithLogits':
      return ['sigmoid', 'linear']
    case 'softmaxCrossEntropy':
      return ['softmax', 'linear']
  }
}

const positive = (what: string, value: number): number => {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`network arbitraries: ${what} is ${value}, expected a positive integer`)
  }
  return value
}

/** Targets of shape rows×cols the loss accepts: one-hot rows, 0/1 labels, or reals. */
const targetsFor = (loss: LossName, rows: number, cols: number): fc.Arbitrary<Matrix> => {
  switch (loss) {
    case 'softmaxCrossEntropy':
      return fc
        .array(fc.integer({ min: 0, max: cols - 1 }), { minLength: rows, maxLength: rows })
        .map((classes) => {
          const data = new Float64Array(rows * cols)
          classes.forEach((label, row) => (data[row * cols + label] = 1))
          return adopt(rows, cols, data)
        })
    case 'binaryCrossEntropy':
    case 'binaryCrossEntropyWithLogits':
      return fc
        .array(fc.integer({ min: 0, max: 1 }), { minLength: rows * cols, maxLength: rows * cols })
        .map((labels) => adopt(rows, cols, Float64Array.from(labels)))
    case 'mse':
    case 'halfMse':
      return matrixOfShape(rows, cols, { magnitude: 1 })
  }
}

/**
 * Biases drawn from N(0, 0.5²) instead of zeros, so a zero input row does not put every relu
 * exactly on its kink (where no finite difference agrees with the one-sided derivative).
 */
const withRandomBiases = (net: Network, key: random.Key): Network => ({
  ...net,
  parameters: {
    layers: net.parameters.layers.map((layer, index) =>
      'W' in layer
        ? { W: layer.W, b: random.normal(random.foldIn(key, index), 1, layer.b.cols, { std: 0.5 }) }
        : layer,
    ),
  },
})

/**
 * A batch for `net` and `loss`: 1 to `maxRows` rows of inputs in [−magnitude, magnitude] and
 * targets the loss accepts (one-hot rows for softmax cross-entropy, 0/1 for the binary losses).
 *
 * @category Arbitraries
 * @example
 * import fc from 'fast-check'
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { network, random } from 'gradfold'
 * import * as check from 'gradfold/check'
 * const net = network.mlp([2, 3], { hidden: 'relu', output: 'softmax', key: random.key(0) })
 * assert.ok(E.isRight(net))
 * fc.assert(fc.property(check.batchFor(net.right, 'softmaxCrossEntropy'), ({ X, y }) =>
 *   X.cols === 2 && y.cols === 3 && X.rows === y.rows))
 */
export const batchFor = (
  net: Network,
  loss: LossName,
  constraints: NetworkConstraints = {},
): fc.Arbitrary<Batch> => {
  const maxRows = positive('maxRows', constraints.maxRows ?? 4)
  const magnitude = constraints.magnitude ?? 2
  const outputs = net.layers[net.layers.length - 1]?.outputs ?? net.inputSize
  return fc.integer({ min: 1, max: maxRows }).chain((rows) =>
    fc.record({
      X: matrixOfShape(rows, net.inputSize, { magnitude }),
      y: targetsFor(loss, rows, outputs),
    }),
  )
}

/**
 * A dense network of 1 to `maxDepth` layers with widths 1 to `maxWidth` (2 to `maxWidth` outputs
 * for softmax cross-entropy), hidden activations from `activations`, an output activation that
 * suits the drawn loss, He-normal weights and N(0, 0.5²) biases from a drawn key, and a batch that
 * fits.
 *
 * @category Arbitraries
 * @example
 * import fc from 'fast-check'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { network } from 'gradfold'
 * import * as check from 'gradfold/check'
 * fc.assert(
 *   fc.property(check.networkCase({ maxDepth: 2 }), ({ network: net, loss, batch }) =>
 *     net.layers.length <= 2 && E.isRight(network.valueAndGradients(net, batch, { loss }))),
 *   { numRuns: 20 },
 * )
 */
export const networkCase = (constraints: NetworkConstraints = {}): fc.Arbitrary<NetworkCase> => {
  const maxDepth = positive('maxDepth', constraints.maxDepth ?? 3)
  const maxWidth = positive('maxWidth', constraints.maxWidth ?? 5)
  const hidden = constraints.activations ?? hiddenDefaults
  const losses = constraints.losses ?? network.lossNames
  if (hidden.length === 0 || losses.length === 0) {
    throw new RangeError('network arbitraries: activations and losses must not be empty')
  }
  return fc
    .record({
      loss: fc.constantFrom(...losses),
      depth: fc.integer({ min: 1, max: maxDepth }),
      seed: fc.integer({ min: 0, max: 0x7fffffff }),
    })
    .chain(({ loss, depth, seed }) =>
      fc
        .record({
          widths: fc.array(fc.integer({ min: 1, max: maxWidth }), {
            minLength: depth,
            maxLength: depth,
          }),
          outputs: fc.integer({
            min: loss === 'softmaxCrossEntropy' ? Math.min(2, maxWidth) : 1,
            max: maxWidth,
          }),
          activations: fc.array(fc.constantFrom(...hidden), {
            minLength: depth - 1,
            maxLength: depth - 1,
          }),
          output: fc.constantFrom(...outputsFor(loss)),
        })
        .map(({ widths, outputs, activations, output }) => {
          const [inputSize = 1, ...hiddenWidths] = widths
          const built = network.sequential(
            inputSize,
            [
              ...hiddenWidths.map((width, index) => ({
                kind: 'dense' as const,
                outputs: width,
                activation: activations[index] ?? 'linear',
              })),
              { kind: 'dense' as const, outputs, activation: output },
            ],
            { key: random.key(seed) },
          )
          if (E.isLeft(built)) throw new Error(built.left.message)
          return {
            network: withRandomBiases(built.right, random.foldIn(random.key(seed), 1)),
            loss,
          }
        }),
    )
    .chain(({ network: net, loss }) =>
      batchFor(net, loss, constraints).map((batch) => ({ network: net, loss, batch })),
    )
}
