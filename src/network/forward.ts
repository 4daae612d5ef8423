// The forward pass as a graph expression (define-by-run: built afresh per call) and `predict`,
// which compiles it for the one call (`compileObjective` keeps a compiled plan for reuse). Laws:
// the input, the parameters and the network are checked against the architecture before anything
// is built, with errors naming the layer and both shapes; nothing given is mutated.

import * as E from 'fp-ts/lib/Either.js'
import * as graph from '../graph/index.js'
import * as linalg from '../linalg/index.js'
import type { Matrix } from '../linalg/index.js'
import * as random from '../random/index.js'
import { activate } from './activations.js'
import { applyDropout, dropoutMask } from './dropout.js'
import { checkFinite, networkError, type NetworkError } from './errors.js'
import { describeLayer, type Network } from './network.js'

/**
 * Training mode applies dropout with masks drawn from `key`; inference (the default) does not.
 *
 * @category Forward pass
 */
export interface ForwardOptions {
  readonly training?: boolean
  readonly key?: random.Key
}

const checkParameters = (where: string, network: Network): E.Either<NetworkError, Network> => {
  const given = network.parameters.layers
  if (given.length !== network.layers.length) {
    return E.left(
      networkError(
        'ShapeMismatch',
        `${where}: parameters hold ${given.length} layers, expected ${network.layers.length}`,
      ),
    )
  }
  for (const [index, layer] of network.layers.entries()) {
    const parameters = given[index]
    if (layer.kind !== 'dense') continue
    if (parameters === undefined || !('W' in parameters)) {
      return E.left(
        networkError('ShapeMismatch', `${where}: ${describeLayer(layer, index)}: no W and b`),
      )
    }
    for (const [name, value, rows] of [
      ['W', parameters.W, layer.inputs],
      ['b', parameters.b, 1],
    ] as const) {
      if (value.rows !== rows || value.cols !== layer.outputs) {
        return E.left(
          networkError(
            'ShapeMismatch',
            `${where}: ${describeLayer(layer, index)}: ${name} is ${linalg.formatShape(value)}, expected ${rows}×${layer.outputs}`,
          ),
        )
      }
    }
  }
  return E.right(network)
}

/** The output expression and, when the last layer is dense, its pre-activation (the logits). */
export interface ForwardGraph {
  readonly output: graph.Expression<'matrix'>
  readonly logits: graph.Expression<'matrix'> | undefined
}

/**
 * Everything `forwardLayers` checks before it builds: X's width and finiteness, the parameters'
 * shapes, a key for training with dropout. Right holds one dropout key per layer (none when no
 * masks are drawn).
 */
export const checkForward = (
  network: Network,
  X: Matrix,
  options: ForwardOptions,
  where: string,
): E.Either<NetworkError, readonly random.Key[]> => {
  const first = network.layers[0]
  if (first !== undefined && X.cols !== first.inputs) {
    return E.left(
      networkError(
        'ShapeMismatch',
        `${where}: ${describeLayer(first, 0)}: input has ${X.cols} columns, expected ${first.inputs}`,
      ),
    )
  }
  const finite = checkFinite(where, 'X', X)
  if (E.isLeft(finite)) return finite
  const checked = checkParameters(where, network)
  if (E.isLeft(checked)) return checked
  const training = options.training ?? false
  let keys: readonly random.Key[] = []
  if (training && network.layers.some((layer) => layer.kind === 'dropout')) {
    if (options.key === undefined) {
      const index = network.layers.findIndex((layer) => layer.kind === 'dropout')
      const layer = network.layers[index]
      return E.left(
        networkError(
          'MissingKey',
          `${where}: ${layer === undefined ? 'dropout' : describeLayer(layer, index)} needs a key at training time`,
        ),
      )
    }
    keys = random.split(options.key, network.layers.length)
  }
  return E.right(keys)
}

/** `forward`'s work, keeping the last dense layer's pre-activation for the fused losses. */
export const forwardLayers = (
  network: Network,
  X: Matrix,
  options: ForwardOptions,
  where: string,
): E.Either<NetworkError, ForwardGraph> =>
  E.map((keys: readonly random.Key[]) => forwardGraph(network, X.rows, keys))(
    checkForward(network, X, options, where),
  )

/**
 * A network's layers and input width: all a forward graph depends on besides the batch size.
 *
 * @category Forward pass
 */
export type Architecture = Pick<Network, 'inputSize' | 'layers'>

/**
 * The forward graph for batches of `rows` examples, unchecked: one dropout mask per dropout layer
 * drawn from its key in `keys` (none when `keys` is empty, as at inference).
 */
export const forwardGraph = (
  architecture: Architecture,
  rows: number,
  keys: readonly random.Key[],
): ForwardGraph => {
  let a = graph.input('X', rows, architecture.inputSize)
  let logits: graph.Expression<'matrix'> | undefined
  for (const [index, layer] of architecture.layers.entries()) {
    if (layer.kind === 'dense') {
      const path = `layers[${index}]`
      const z = graph.named(
        graph.addRowVector(
          graph.matmul(a, graph.parameter(`${path}.W`, layer.inputs, layer.outputs)),
          graph.parameter(`${path}.b`, 1, layer.outputs),
        ),
        `z${index + 1}`,
      )
      logits = index === architecture.layers.length - 1 ? z : undefined
      a = graph.named(activate(z, layer.activation), `a${index + 1}`)
    } else {
      const key = keys[index]
      if (key !== undefined) {
        const mask = dropoutMask(key, rows, layer.outputs, layer.rate)
        a = graph.named(applyDropout(a, mask), `dropout${index + 1}`)
      }
    }
  }
  return { output: a, logits }
}

/**
 * The network's output on X as a graph expression over the input `X` and the parameters at
 * `layers[i].W` / `layers[i].b`; nodes are labelled as the notebook names them (z1, a1, z2, a2, …
 * by layer; a linear layer's z is its a). Left when X's width differs from the first layer's
 * (`layer 0 (dense 2→16): input has 3 columns, expected 2`), X is not finite, the parameters do
 * not fit the layers, or training with dropout lacks a key.
 *
 * @category Forward pass
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { linalg, network, random } from 'gradfold'
 * const net = network.mlp([2, 3, 1], { hidden: 'relu', output: 'sigmoid', key: random.key(0) })
 * assert.ok(E.isRight(net))
 * const out = network.forward(net.right, linalg.zeros(4, 2))
 * assert.ok(E.isRight(out) && out.right.label === 'a2')
 * const bad = network.forward(net.right, linalg.zeros(4, 3))
 * assert.ok(E.isLeft(bad) && bad.left.message === 'forward: layer 0 (dense 2→3): input has 3 columns, expected 2')
 */
export const forward = (
  network: Network,
  X: Matrix,
  options: ForwardOptions = {},
  where = 'forward',
): E.Either<NetworkError, graph.Expression<'matrix'>> =>
  E.map((built: ForwardGraph) => built.output)(forwardLayers(network, X, options, where))

/** A graph error re-stated as a network error, prefixed with the function that met it. */
export const fromGraphError =
  (where: string) =>
  (error: graph.GraphError): NetworkError =>
    networkError('GraphFailure', `${where}: ${error.message}`)

/**
 * The network's output on X at inference (no dropout): one row per example.
 *
 * @category Forward pass
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { linalg, network, random } from 'gradfold'
 * const net = network.mlp([2, 3, 1], { hidden: 'relu', output: 'sigmoid', key: random.key(0) })
 * assert.ok(E.isRight(net))
 * const y = network.predict(net.right, linalg.zeros(4, 2))
 * assert.deepStrictEqual(E.map(linalg.toRows)(y), E.right([[0.5], [0.5], [0.5], [0.5]])) // σ(0) with zero biases
 */
export const predict = (network: Network, X: Matrix): E.Either<NetworkError, Matrix> =>
  E.chain((built: ForwardGraph) => evaluateOutput(built.output, network.parameters, X, 'predict'))(
    forwardLayers(network, X, {}, 'predict'),
  )

/**
 * The output node's value on X, compiled for this one evaluation: what `predict` computes, and
 * what a logit loss (which reads the pre-activation, so its plan lacks the output) evaluates apart.
 */
export const evaluateOutput = (
  output: graph.Expression<'matrix'>,
  parameters: Network['parameters'],
  X: Matrix,
  where: string,
): E.Either<NetworkError, Matrix> =>
  E.mapLeft(fromGraphError(where))(
    E.chain((plan: graph.Plan<'matrix'>) => graph.evaluate(plan, { inputs: { X }, parameters }))(
      graph.compile(output),
    ),
  )
