// Activation functions by name, each built from graph operations so its derivative comes from the
// graph's primitives. Law: 'sigmoid' is the notebook's — clamp z to [−500, 500], then 1/(1 + e^−z).

import * as E from 'fp-ts/lib/Either.js'
import * as graph from '../graph/index.js'
import { networkError, type NetworkError } from './errors.js'

/**
 * The activation names a dense layer accepts.
 *
 * @category Activations
 */
export const activationNames = [
  'sigmoid',
  'tanh',
  'relu',
  'leakyRelu',
  'elu',
  'softplus',
  'linear',
  'softmax',
] as const

/**
 * One of `activationNames`.
 *
 * @category Activations
 */
export type ActivationName = (typeof activationNames)[number]

/**
 * The bound the notebook clips pre-activations to before its sigmoid: `np.clip(z, -500, 500)`.
 *
 * @category Activations
 */
export const SIGMOID_CLIP = 500

/** The slope of 'leakyRelu' below 0. */
export const LEAKY_RELU_SLOPE = 0.01

/** The α of 'elu'. */
export const ELU_ALPHA = 1

/**
 * The name as an ActivationName, or an UnknownName error listing the known ones.
 *
 * @category Activations
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { network } from 'gradfold'
 * assert.deepStrictEqual(network.parseActivation('relu', 'mlp'), E.right('relu'))
 * const bad = network.parseActivation('swish', 'mlp')
 * assert.ok(E.isLeft(bad) && bad.left.message.startsWith('mlp: unknown activation swish'))
 */
export const parseActivation = (
  name: string,
  where: string,
): E.Either<NetworkError, ActivationName> =>
  (activationNames as readonly string[]).includes(name)
    ? E.right(name as ActivationName)
    : E.left(
        networkError(
          'UnknownName',
          `${where}: unknown activation ${name} (expected one of ${activationNames.join(', ')})`,
        ),
      )

/**
 * The activation applied to a pre-activation expression z (one row per example); 'softmax' works
 * along each row, 'leakyRelu' has slope 0.01, 'elu' has α = 1, 'linear' returns z itself.
 *
 * @category Activations
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph, linalg, network } from 'gradfold'
 * const a = network.activate(graph.input('Z', 1, 1), 'sigmoid')
 * const value = E.chain((plan: graph.Plan) =>
 *   graph.evaluate(plan, { inputs: { Z: linalg.fill(1, 1, 0) } }),
 * )(graph.compile(a))
 * assert.deepStrictEqual(E.map(linalg.toRows)(value), E.right([[0.5]]))
 */
export const activate = (
  z: graph.Expression<'matrix'>,
  name: ActivationName,
): graph.Expression<'matrix'> => {
  switch (name) {
    case 'sigmoid':
      return graph.sigmoid(graph.clamp(z, -SIGMOID_CLIP, SIGMOID_CLIP))
    case 'tanh':
      return graph.tanh(z)
    case 'relu':
      return graph.relu(z)
    case 'leakyRelu':
      return graph.leakyRelu(z, LEAKY_RELU_SLOPE)
    case 'elu':
      return graph.elu(z, ELU_ALPHA)
    case 'softplus':
      return graph.softplus(z)
    case 'linear':
      return z
    case 'softmax':
      return graph.softmaxRows(z)
  }
}
