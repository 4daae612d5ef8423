// What each layer of a network outputs for one example (the notebook's `model.activations[i]
// [sample_idx]`): the input row, then every dense layer's activation, by running the network's
// first k layers. Laws: pure; one list per dense layer plus the input; the last is the output.

import * as E from 'fp-ts/lib/Either.js'
import * as linalg from '../linalg/index.js'
import { networkError, predict, type Network, type NetworkError } from '../network/index.js'

/** The network cut after its first `count` layers (same input, same parameters). */
const firstLayers = (net: Network, count: number): Network => ({
  inputSize: net.inputSize,
  layers: net.layers.slice(0, count),
  parameters: { layers: net.parameters.layers.slice(0, count) },
})

/**
 * The activations of example `sampleIndex` of X, layer by layer at inference (dropout off): the
 * input row first, then each dense layer's output (a ReLU layer's after the ReLU, the output
 * layer's probabilities). Left when the index is not a row of X or X does not fit the network.
 *
 * @category Figures
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { linalg, network, random } from 'gradfold'
 * import { layerActivations } from './activations.js'
 * const net = network.mlp([2, 3, 1], { hidden: 'relu', output: 'sigmoid', key: random.key(0) })
 * const X = linalg.fromRows([[0, 0], [1, 2]])
 * assert.ok(E.isRight(net) && E.isRight(X))
 * const layers = layerActivations(net.right, X.right, 1)
 * assert.ok(E.isRight(layers))
 * assert.deepStrictEqual(layers.right.map((values) => values.length), [2, 3, 1])
 * assert.deepStrictEqual(layers.right[0], [1, 2])
 * assert.ok(E.isLeft(layerActivations(net.right, X.right, 2)))
 */
export const layerActivations = (
  net: Network,
  X: linalg.Matrix,
  sampleIndex: number,
): E.Either<NetworkError, readonly (readonly number[])[]> => {
  if (!Number.isInteger(sampleIndex) || sampleIndex < 0 || sampleIndex >= X.rows) {
    return E.left(
      networkError(
        'ShapeMismatch',
        `layerActivations: sample ${sampleIndex} is not a row of X (${linalg.formatShape(X)})`,
      ),
    )
  }
  const row = linalg.selectRows(X, [sampleIndex])
  if (E.isLeft(row)) return E.left(networkError('ShapeMismatch', row.left.message))
  const sample = row.right
  const outputs: (readonly number[])[] = [Array.from(linalg.toFloat64Array(sample))]
  for (const [index, layer] of net.layers.entries()) {
    if (layer.kind !== 'dense') continue
    const output = predict(firstLayers(net, index + 1), sample)
    if (E.isLeft(output)) return output
    outputs.push(Array.from(linalg.toFloat64Array(output.right)))
  }
  return E.right(outputs)
}
