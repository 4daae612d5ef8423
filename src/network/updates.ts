// Parameter updates that return a new network: `applyUpdates` adds a tree of updates leaf by leaf,
// `sgdStep` takes the notebook's step W ← W − η·dW. Law: the given network is never changed; the
// result has the same architecture and a parameter tree of the same shape.

import * as E from 'fp-ts/lib/Either.js'
import * as graph from '../graph/index.js'
import * as linalg from '../linalg/index.js'
import type { Matrix } from '../linalg/index.js'
import { networkError, type NetworkError } from './errors.js'
import type { Network } from './network.js'

const combine = (
  where: string,
  network: Network,
  other: graph.Tree,
  f: (parameter: Matrix, other: Matrix) => E.Either<linalg.LinalgError, Matrix>,
): E.Either<NetworkError, Network> => {
  let problem: string | undefined
  const zipped = graph.zipTree(network.parameters, other, (parameter, value, path) => {
    const result = f(parameter, value)
    if (E.isLeft(result)) {
      problem ??= `${graph.formatPath(path)}: ${result.left.message}`
      return parameter
    }
    return result.right
  })
  if (E.isLeft(zipped)) return E.left(networkError('ShapeMismatch', `${where}: ${zipped.left}`))
  if (problem !== undefined) return E.left(networkError('ShapeMismatch', `${where}: ${problem}`))
  return E.right(Object.freeze({ ...network, parameters: zipped.right }))
}

/**
 * A new network whose parameters are the old ones plus `updates` (a tree shaped like the
 * parameters); Left naming the leaf when a leaf is missing or mis-shaped.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph, linalg, network, random } from 'gradfold'
 * const net = network.mlp([1, 1], { hidden: 'linear', output: 'linear', key: random.key(0) })
 * assert.ok(E.isRight(net))
 * const ones = graph.mapTree(net.right.parameters, (m) => linalg.ones(m.rows, m.cols))
 * const moved = network.applyUpdates(net.right, ones)
 * assert.ok(E.isRight(moved))
 * const [before] = net.right.parameters.layers
 * const [after] = moved.right.parameters.layers
 * assert.ok(before !== undefined && after !== undefined && 'b' in before && 'b' in after)
 * assert.strictEqual(linalg.get(after.b, 0, 0), linalg.get(before.b, 0, 0) + 1)
 */
export const applyUpdates = (
  network: Network,
  updates: graph.Tree,
): E.Either<NetworkError, Network> => combine('applyUpdates', network, updates, linalg.add)

/**
 * The notebook's gradient step: every parameter P becomes P − learningRate·dP.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph, linalg, network, random } from 'gradfold'
 * const net = network.mlp([1, 1], { hidden: 'linear', output: 'linear', key: random.key(0) })
 * assert.ok(E.isRight(net))
 * const gradients = graph.mapTree(net.right.parameters, (m) => linalg.fill(m.rows, m.cols, 2))
 * const stepped = network.sgdStep(net.right, gradients, 0.1)
 * assert.ok(E.isRight(stepped))
 * const [layer] = stepped.right.parameters.layers
 * assert.ok(layer !== undefined && 'b' in layer && linalg.get(layer.b, 0, 0) === -0.2)
 */
export const sgdStep = (
  network: Network,
  gradients: graph.Tree,
  learningRate: number,
): E.Either<NetworkError, Network> => {
  if (!Number.isFinite(learningRate)) {
    throw new RangeError(`sgdStep: learningRate is ${learningRate}, expected a finite number`)
  }
  return combine('sgdStep', network, gradients, (parameter, gradient) =>
    linalg.sub(parameter, linalg.scale(gradient, learningRate)),
  )
}
