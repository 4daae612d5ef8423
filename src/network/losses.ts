// Losses as graph expressions of (prediction, target), so their gradients come from the graph.
// Laws: 'mse' is the notebook's `np.mean((y_pred - y)**2)` (a mean over every entry); 'halfMse' is
// `1/(2m)·Σ(ŷ − y)²` over m rows; every loss is a scalar expression that computes nothing yet.

import * as E from 'fp-ts/lib/Either.js'
import * as graph from '../graph/index.js'
import * as linalg from '../linalg/index.js'
import { networkError, type NetworkError } from './errors.js'
import { describeLayer, type Network } from './network.js'

/**
 * The loss names `loss` and `valueAndGradients` accept.
 *
 * @category Losses
 */
export const lossNames = [
  'mse',
  'halfMse',
  'binaryCrossEntropy',
  'binaryCrossEntropyWithLogits',
  'softmaxCrossEntropy',
] as const

/**
 * The losses that take logits rather than probabilities, each with the output activation it is
 * fused with: on a network whose last layer has that activation (or 'linear'), the loss reads
 * the last layer's pre-activation z, so no log of a rounded probability is ever taken.
 *
 * @category Losses
 */
export const logitLosses = {
  binaryCrossEntropyWithLogits: 'sigmoid',
  softmaxCrossEntropy: 'softmax',
} as const

/**
 * Whether the loss reads the last layer's pre-activation (true: a logit loss whose fused
 * activation the layer has) or its output (false: every other loss, or a logit loss after a
 * linear layer). Left when a logit loss follows anything but a dense layer with its fused
 * activation or linear — the one rule the graph objective and the compiled plan both follow.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { network, random } from 'gradfold'
 * import { readsPreActivation } from './losses.js'
 * const net = network.mlp([2, 3], { hidden: 'relu', output: 'softmax', key: random.key(0) })
 * assert.ok(E.isRight(net))
 * assert.deepStrictEqual(readsPreActivation('softmaxCrossEntropy', net.right, 'fit'), E.right(true))
 * assert.deepStrictEqual(readsPreActivation('mse', net.right, 'fit'), E.right(false))
 * assert.ok(E.isLeft(readsPreActivation('binaryCrossEntropyWithLogits', net.right, 'fit')))
 */
export const readsPreActivation = (
  name: LossName,
  network: Pick<Network, 'layers'>,
  where: string,
): E.Either<NetworkError, boolean> => {
  if (name !== 'binaryCrossEntropyWithLogits' && name !== 'softmaxCrossEntropy') {
    return E.right(false)
  }
  const fused = logitLosses[name]
  const index = network.layers.length - 1
  const last = network.layers[index]
  if (last?.kind === 'dense' && (last.activation === 'linear' || last.activation === fused)) {
    return E.right(last.activation === fused)
  }
  return E.left(
    networkError(
      'InvalidArchitecture',
      `${where}: loss ${name} reads logits, so the last layer must be dense with activation ${fused} or linear, but ${last === undefined ? 'there is none' : `${describeLayer(last, index)} has ${last.kind === 'dense' ? last.activation : 'no activation'}`}`,
    ),
  )
}

/**
 * One of `lossNames`.
 *
 * @category Losses
 */
export type LossName = (typeof lossNames)[number]

/**
 * Binary cross-entropy clamps probabilities to [ε, 1 − ε] with ε = 1e-7 (Keras's epsilon), so
 * log 0 never happens; outside that band the clamp passes no gradient.
 *
 * @category Losses
 */
export const BCE_EPSILON = 1e-7

/**
 * The name as a LossName, or an UnknownName error listing the known ones.
 *
 * @category Losses
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { network } from 'gradfold'
 * assert.deepStrictEqual(network.parseLoss('mse', 'loss'), E.right('mse'))
 * const bad = network.parseLoss('hinge', 'loss')
 * assert.ok(E.isLeft(bad) && bad.left.message.startsWith('loss: unknown loss hinge'))
 */
export const parseLoss = (name: string, where: string): E.Either<NetworkError, LossName> =>
  (lossNames as readonly string[]).includes(name)
    ? E.right(name as LossName)
    : E.left(
        networkError(
          'UnknownName',
          `${where}: unknown loss ${name} (expected one of ${lossNames.join(', ')})`,
        ),
      )

/**
 * The loss of `prediction` against `target` (both rows×cols) as a scalar expression. For
 * 'binaryCrossEntropyWithLogits' (mean over entries) and 'softmaxCrossEntropy' (mean over rows,
 * targets one-hot or probability rows) `prediction` is the logits; both are the graph's stable
 * fused primitives, finite for logits of ±1000.
 *
 * @category Losses
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph, linalg, network } from 'gradfold'
 * const L = network.lossExpression('mse', graph.input('P', 1, 2), graph.input('Y', 1, 2), { rows: 1, cols: 2 })
 * const value = E.chain((plan: graph.Plan) =>
 *   graph.evaluate(plan, { inputs: { P: linalg.fill(1, 2, 3), Y: linalg.fill(1, 2, 1) } }),
 * )(graph.compile(L))
 * assert.deepStrictEqual(E.map(linalg.toRows)(value), E.right([[4]])) // mean of (3 − 1)²
 */
export const lossExpression = (
  name: LossName,
  prediction: graph.Expression<'matrix'>,
  target: graph.Expression<'matrix'>,
  shape: linalg.Shape,
): graph.Expression<'scalar'> => {
  switch (name) {
    case 'mse':
      return graph.mean(graph.square(graph.sub(prediction, target)))
    case 'halfMse':
      return graph.scale(
        graph.sum(graph.square(graph.sub(prediction, target))),
        1 / (2 * shape.rows),
      )
    case 'binaryCrossEntropy': {
      const ones = graph.constantMatrix(linalg.ones(shape.rows, shape.cols), '1')
      const p = graph.clamp(prediction, BCE_EPSILON, 1 - BCE_EPSILON)
      const likelihood = graph.add(
        graph.mul(target, graph.log(p)),
        graph.mul(graph.sub(ones, target), graph.log(graph.sub(ones, p))),
      )
      return graph.neg(graph.mean(likelihood))
    }
    case 'binaryCrossEntropyWithLogits':
      return graph.binaryCrossEntropyWithLogits(prediction, target)
    case 'softmaxCrossEntropy':
      return graph.softmaxCrossEntropy(prediction, target)
  }
}

/**
 * The L2 penalty λ·Σ‖W‖² over every dense layer's weights (not the biases), as Keras's
 * `l2(λ)` adds it; its gradient with respect to W is 2λW. Add it to a loss with `graph.add`.
 *
 * @category Losses
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph, linalg, network, random } from 'gradfold'
 * const net = network.mlp([1, 1], { hidden: 'linear', output: 'linear', key: random.key(0) })
 * assert.ok(E.isRight(net))
 * const value = E.chain((plan: graph.Plan) =>
 *   graph.evaluate(plan, { parameters: net.right.parameters }),
 * )(graph.compile(network.l2Penalty(net.right, 0.5)))
 * const W = net.right.parameters.layers[0]
 * assert.ok(E.isRight(value) && W !== undefined && 'W' in W)
 * assert.strictEqual(linalg.get(value.right, 0, 0), 0.5 * linalg.get(W.W, 0, 0) ** 2)
 */
export const l2Penalty = (
  network: Pick<Network, 'layers'>,
  lambda: number,
): graph.Expression<'scalar'> => {
  if (!Number.isFinite(lambda) || lambda < 0) {
    throw new RangeError(`l2Penalty: lambda is ${lambda}, expected a finite number ≥ 0`)
  }
  const terms = network.layers.flatMap((layer, index) =>
    layer.kind === 'dense'
      ? [
          graph.sum(
            graph.square(graph.parameter(`layers[${index}].W`, layer.inputs, layer.outputs)),
          ),
        ]
      : [],
  )
  const total = terms.reduce((sum, term) => graph.add(sum, term), graph.constant(0))
  return graph.named(graph.scale(total, lambda), `l2(${lambda})`)
}
