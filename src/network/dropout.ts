// Inverted dropout: at training time each unit is kept with probability 1 − rate and the kept ones
// are scaled by 1/(1 − rate), so the expected activation is unchanged; at inference it is the
// identity. Law: the mask is a value drawn from a key — same key, same mask.

import * as graph from '../graph/index.js'
import * as linalg from '../linalg/index.js'
import type { Matrix } from '../linalg/index.js'
import * as random from '../random/index.js'

/**
 * The scaled mask: entries 0 (dropped) or 1/(1 − rate) (kept), kept with probability 1 − rate,
 * from `random.bernoulli(key, rows, cols, 1 − rate)`. The rate must lie in [0, 1) (RangeError).
 *
 * @category Dropout
 * @example
 * import assert from 'node:assert'
 * import { linalg, network, random } from 'gradfold'
 * const mask = network.dropoutMask(random.key(0), 2, 5, 0.5)
 * assert.ok(linalg.toFlat(mask).every((x) => x === 0 || x === 2))
 */
export const dropoutMask = (key: random.Key, rows: number, cols: number, rate: number): Matrix => {
  if (!(Number.isFinite(rate) && rate >= 0 && rate < 1)) {
    throw new RangeError(`dropoutMask: rate is ${rate}, expected a number in [0, 1)`)
  }
  return linalg.scale(random.bernoulli(key, rows, cols, 1 - rate), 1 / (1 - rate))
}

/**
 * x ⊙ mask: the activations with the dropped units zeroed and the kept ones rescaled.
 *
 * @category Dropout
 * @example
 * import assert from 'node:assert'
 * import { graph, linalg, network, random } from 'gradfold'
 * const dropped = network.applyDropout(graph.input('A', 2, 3), network.dropoutMask(random.key(1), 2, 3, 0.5))
 * assert.ok(dropped.tag === 'operation' && dropped.primitive.name === 'mul')
 */
export const applyDropout = (
  x: graph.Expression<'matrix'>,
  mask: Matrix,
): graph.Expression<'matrix'> => graph.mul(x, graph.constantMatrix(mask, 'mask'))
