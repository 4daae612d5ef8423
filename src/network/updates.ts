// Parameter updates: θ + u leaf by leaf on any parameter tree (`applyTreeUpdates`, the one core
// that `train.applyUpdates` and `network.applyUpdates` both run), and the notebook's hand step
// W ← W − η·dW for the walkthrough. Laws: nothing given is changed; the result has the
// parameters' structure, fresh and frozen; a missing, mis-shaped or stray leaf is named.

import * as E from 'fp-ts/lib/Either.js'
import * as graph from '../graph/index.js'
import type { Tree } from '../graph/index.js'
import * as linalg from '../linalg/index.js'
import { unchecked } from '../linalg/internal.js'
import { networkError, type NetworkError } from './errors.js'
import type { Network } from './network.js'

/**
 * The parameters plus the updates, leaf by leaf, on any tree of matrices: Left with one line
 * naming the first leaf that is missing from the updates, of another shape, or an update for no
 * parameter (`layers[1].W: expected 3×2, got 2×3`). Public as `train.applyUpdates`.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { linalg } from 'gradfold'
 * import { applyTreeUpdates } from './updates.js'
 * const moved = applyTreeUpdates({ w: linalg.ones(1, 2) }, { w: linalg.fill(1, 2, -0.5) })
 * assert.ok(E.isRight(moved) && linalg.toFlat(moved.right.w).every((x) => x === 0.5))
 * assert.deepStrictEqual(applyTreeUpdates({ w: linalg.ones(1, 2) }, { w: linalg.ones(2, 1) }), E.left('w: expected 1×2, got 2×1'))
 */
export const applyTreeUpdates = <T extends Tree>(
  parameters: T,
  updates: Tree,
): E.Either<string, T> => {
  let problem: string | undefined
  const zipped = graph.zipTree(parameters, updates, (parameter, update, path) => {
    if (parameter.rows !== update.rows || parameter.cols !== update.cols) {
      problem ??= `${graph.formatPath(path)}: expected ${linalg.formatShape(parameter)}, got ${linalg.formatShape(update)}`
      return parameter
    }
    // shapes checked just above: the unchecked sum cannot meet a mismatch
    return unchecked.add(parameter, update)
  })
  if (E.isLeft(zipped)) return zipped
  if (problem !== undefined) return E.left(problem)
  // every parameter has its update; an update with no parameter is a tree of another structure
  const parameterPaths = new Set(graph.leaves(parameters).map(([path]) => graph.formatPath(path)))
  const stray = graph
    .leaves(updates)
    .map(([path]) => graph.formatPath(path))
    .find((path) => !parameterPaths.has(path))
  return stray === undefined
    ? E.right(zipped.right)
    : E.left(`${stray} is an update for no parameter`)
}

/**
 * A new network whose parameters are the old ones plus `updates` (a tree shaped like the
 * parameters, as an optimizer's `update` returns it): `train.applyUpdates` on the network's
 * parameters. Left naming the leaf when a leaf is missing, mis-shaped or stray.
 *
 * @category Updates
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
export const applyUpdates = (network: Network, updates: Tree): E.Either<NetworkError, Network> =>
  moved('applyUpdates', network, updates)

/** The network with `updates` added to its parameters; a Left's message names `where`. */
const moved = (where: string, network: Network, updates: Tree): E.Either<NetworkError, Network> =>
  E.bimap(
    (problem: string) => networkError('ShapeMismatch', `${where}: ${problem}`),
    (parameters: Network['parameters']): Network => Object.freeze({ ...network, parameters }),
  )(applyTreeUpdates(network.parameters, updates))

/**
 * The notebook's hand step, every parameter P becoming P − learningRate·dP: `applyUpdates` with
 * the updates −learningRate·dP, bit for bit one step of `train.sgd(learningRate)` (which is how to
 * train). Not exported from the package; the walkthrough prints this step.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph, linalg, network, random } from 'gradfold'
 * import { sgdStep } from './updates.js'
 * const net = network.mlp([1, 1], { hidden: 'linear', output: 'linear', key: random.key(0) })
 * assert.ok(E.isRight(net))
 * const gradients = graph.mapTree(net.right.parameters, (m) => linalg.fill(m.rows, m.cols, 2))
 * const stepped = sgdStep(net.right, gradients, 0.1)
 * assert.ok(E.isRight(stepped))
 * const [layer] = stepped.right.parameters.layers
 * assert.ok(layer !== undefined && 'b' in layer && linalg.get(layer.b, 0, 0) === -0.2)
 */
export const sgdStep = (
  network: Network,
  gradients: Tree,
  learningRate: number,
): E.Either<NetworkError, Network> => {
  if (!Number.isFinite(learningRate)) {
    throw new RangeError(`sgdStep: learningRate is ${learningRate}, expected a finite number`)
  }
  return moved(
    'sgdStep',
    network,
    graph.mapTree(gradients, (gradient) => linalg.scale(gradient, -learningRate)),
  )
}
