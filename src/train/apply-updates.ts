// An optimizer's updates applied to any parameter tree: θ + u leaf by leaf, as optax's
// `apply_updates` — the core network.applyUpdates runs too (src/network/updates.ts), with the
// error as an UpdateError. Laws: the parameters are never changed; a tree of zeros gives the
// parameters' values back; the result has the parameters' structure, fresh and frozen. A leaf
// missing from the updates, of another shape, or with no parameter is a Left naming its path.

import * as E from 'fp-ts/lib/Either.js'
import type { Tree } from '../graph/index.js'
import { applyTreeUpdates } from '../network/internal.js'

/**
 * Updates that do not fit the parameters: a leaf missing or of another shape.
 *
 * @category Updates
 */
export interface UpdateError {
  readonly _tag: 'UpdateMismatch'
  /** One line naming the leaf: `layers[1].W: expected 3×2, got 2×3`. */
  readonly message: string
}

const updateError = (message: string): UpdateError =>
  Object.freeze({ _tag: 'UpdateMismatch', message: `applyUpdates: ${message}` })

/**
 * The parameters plus the updates, leaf by leaf (the updates an optimizer's `update` returns, so
 * a step is `applyUpdates(θ, optimizer.update(g, state, θ).updates)`). Works on any tree of
 * matrices, not only a network's (`network.applyUpdates` is this on a network's parameters).
 *
 * @category Updates
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { linalg, train } from 'gradfold'
 * const parameters = { w: linalg.ones(1, 2), bias: linalg.zeros(1, 1) }
 * const moved = train.applyUpdates(parameters, { w: linalg.fill(1, 2, -0.5), bias: linalg.ones(1, 1) })
 * assert.ok(E.isRight(moved))
 * assert.deepStrictEqual(linalg.toFlat(moved.right.w), [0.5, 0.5])
 * const wrong = train.applyUpdates(parameters, { w: linalg.ones(2, 1), bias: linalg.ones(1, 1) })
 * assert.ok(E.isLeft(wrong) && wrong.left.message === 'applyUpdates: w: expected 1×2, got 2×1')
 */
export const applyUpdates = <T extends Tree>(
  parameters: T,
  updates: Tree,
): E.Either<UpdateError, T> => E.mapLeft(updateError)(applyTreeUpdates(parameters, updates))
