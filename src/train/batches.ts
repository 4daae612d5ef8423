// Mini-batches for one epoch: the examples in a shuffled order (from a gradfold key, or from
// numpy's stream as `np.random.permutation(n)` would give it), cut into consecutive batches of
// `batchSize`, the last one possibly smaller; `batchSize: null` is the whole set, as the notebook
// trains, and draws nothing. Laws: every example appears in exactly one batch of an epoch; the
// same source gives the same batches.

import * as E from 'fp-ts/lib/Either.js'
import * as linalg from '../linalg/index.js'
import type { Batch, NetworkError } from '../network/index.js'
import { networkError } from '../network/index.js'
import * as random from '../random/index.js'

/**
 * Where shuffles come from: a gradfold key or numpy's legacy stream.
 *
 * @category Batching
 */
export type ShuffleSource = random.Key | random.numpy.RandomState

/**
 * A permutation of 0..n−1 and the source to use next: numpy's `permutation(n)` on a RandomState,
 * or `random.permutation` with one half of a split key.
 *
 * @category Batching
 * @example
 * import assert from 'node:assert'
 * import { random } from 'gradfold'
 * import { shuffledOrder } from './batches.js'
 * const [order] = shuffledOrder(random.numpy.seed(42), 5)
 * assert.deepStrictEqual(order, random.numpy.permutation(random.numpy.seed(42), 5)[0])
 */
export const shuffledOrder = (
  source: ShuffleSource,
  n: number,
): readonly [readonly number[], ShuffleSource] => {
  if (random.numpy.isRandomState(source)) return random.numpy.permutation(source, n)
  const [next = source, here = source] = random.split(source, 2)
  return [random.permutation(here, n), next]
}

/**
 * The mini-batches of one epoch and the source for the next. With `batchSize: null` it is the
 * whole batch, unshuffled, and the source is returned untouched; without a source the batches
 * follow the data's order. Left for a batch size that is not a positive integer, or an empty or
 * ragged batch.
 *
 * @category Batching
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { linalg, random } from 'gradfold'
 * import { miniBatches } from './batches.js'
 * const X = linalg.fromRows([[0], [1], [2], [3], [4]])
 * assert.ok(E.isRight(X))
 * const batches = miniBatches({ X: X.right, y: X.right }, 2, random.key(7))
 * assert.ok(E.isRight(batches))
 * const [epoch] = batches.right
 * assert.deepStrictEqual(epoch.map((batch) => batch.X.rows), [2, 2, 1])
 * assert.deepStrictEqual(epoch.flatMap((batch) => linalg.toFlat(batch.X)).sort(), [0, 1, 2, 3, 4])
 */
export const miniBatches = (
  data: Batch,
  batchSize: number | null,
  source?: ShuffleSource,
): E.Either<NetworkError, readonly [readonly Batch[], ShuffleSource | undefined]> => {
  const n = data.X.rows
  if (n === 0 || data.y.rows !== n) {
    return E.left(
      networkError(
        'ShapeMismatch',
        `miniBatches: X has ${n} rows and y ${data.y.rows}, expected the same positive number`,
      ),
    )
  }
  if (batchSize === null) return E.right([[data], source])
  if (!Number.isSafeInteger(batchSize) || batchSize <= 0) {
    return E.left(
      networkError(
        'InvalidArchitecture',
        `miniBatches: batchSize is ${batchSize}, expected a positive integer or null`,
      ),
    )
  }
  const [order, next] =
    source === undefined
      ? [Array.from({ length: n }, (_, index) => index), undefined]
      : shuffledOrder(source, n)
  const batches: Batch[] = []
  for (let start = 0; start < n; start += batchSize) {
    const indices = order.slice(start, start + batchSize)
    const X = linalg.selectRows(data.X, indices)
    const y = linalg.selectRows(data.y, indices)
    if (E.isLeft(X) || E.isLeft(y)) {
      return E.left(networkError('ShapeMismatch', 'miniBatches: could not gather a batch'))
    }
    batches.push(Object.freeze({ X: X.right, y: y.right }))
  }
  return E.right([batches, next])
}
