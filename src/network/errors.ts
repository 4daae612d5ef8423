// Errors of the network layer as values. Each names where it happened — the function, the layer
// (`layer 1 (dense 16→8)`) — and both shapes or the offending name. Law: nothing in this layer
// throws on bad data; a bad architecture, batch or name comes back as a NetworkError.

import * as E from 'fp-ts/lib/Either.js'
import type { Matrix } from '../linalg/index.js'
import { unchecked } from '../linalg/internal.js'

/**
 * What went wrong: a bad architecture, a mis-shaped or non-finite value, an unknown name, or
 * training that diverged (`Diverged`: the train layer's `train.Diverged`, which carries the
 * history up to there).
 *
 * @category Errors
 */
export type NetworkErrorKind =
  | 'InvalidArchitecture'
  | 'ShapeMismatch'
  | 'NonFiniteInput'
  | 'UnknownName'
  | 'InvalidOption'
  | 'MissingKey'
  | 'GraphFailure'
  | 'Diverged'

/**
 * An error of the network layer, with a message stating the layer and the shapes involved.
 *
 * @category Errors
 */
export interface NetworkError {
  readonly _tag: NetworkErrorKind
  readonly message: string
}

/**
 * A NetworkError of the given kind.
 *
 * @category Errors
 * @example
 * import assert from 'node:assert'
 * import { network } from 'gradfold'
 * const error = network.networkError('UnknownName', 'mlp: unknown activation swish')
 * assert.deepStrictEqual(error, { _tag: 'UnknownName', message: 'mlp: unknown activation swish' })
 */
export const networkError = (kind: NetworkErrorKind, message: string): NetworkError =>
  Object.freeze({ _tag: kind, message })

/** A finiteness check naming the value and the first bad entry. */
export const checkFinite = (
  where: string,
  name: string,
  value: Matrix,
): E.Either<NetworkError, Matrix> => {
  const at = unchecked.firstNonFinite(value)
  if (at < 0) return E.right(value)
  const row = Math.floor(at / value.cols)
  return E.left(
    networkError(
      'NonFiniteInput',
      `${where}: ${name} entry [${row}, ${at - row * value.cols}] is ${unchecked.entryAt(value, at)}, expected a finite number`,
    ),
  )
}
