// `chain` runs transformations in order, each on the previous one's updates, its state the tuple
// of theirs; `passThrough` changes nothing (optax's `identity`). Laws, bit for bit: a passThrough
// anywhere in a chain changes nothing; chain(a, chain(b, c)), chain(chain(a, b), c) and
// chain(a, b, c) agree (chains flatten).

import type { Tree } from '../graph/index.js'
import type { Optimizer } from './optimizer.js'
import { composed, empty, joined, transformation, type EmptyState } from './transforms/flat.js'

export type { EmptyState } from './transforms/flat.js'

/**
 * The transformation that passes the updates through unchanged (the same tree): optax's
 * `identity`, named so it is not mistaken for `linalg.identity`. Stateless; it lets a following
 * learning rate pass through to an absorber, so it is invisible anywhere in a chain.
 *
 * @category Transformations
 * @example
 * import assert from 'node:assert'
 * import { linalg, train } from 'gradfold'
 * const gradients = { w: linalg.ones(1, 1) }
 * const unchanged = train.passThrough()
 * assert.strictEqual(unchanged.update(gradients, unchanged.init(gradients), gradients).updates, gradients)
 */
export const passThrough = (): Optimizer<EmptyState> =>
  transformation<EmptyState>(
    {
      name: 'passThrough',
      counters: 0,
      slots: 0,
      unpack: () => ({ counters: [], slots: [] }),
      pack: () => empty,
      fusion: { kind: 'commutes' },
      run: () => undefined,
    },
    (gradients: Tree) => Object.freeze({ updates: gradients, state: empty }),
  )

/**
 * The transformations applied in order, each to the previous one's updates (optax's `chain`); the
 * state is the tuple of their states. A chain inside a chain is flattened into it, and a learning
 * rate is multiplied in where the transformation before it says (`Fusion`): in adam's chain,
 * (−η·m̂)/(√v̂ + ε), not −η·(m̂/(√v̂ + ε)). When every transformation has a flat form (gradfold's
 * all do) the chain has an `inPlace` form too; a hand-written one runs through its `update`.
 *
 * @category Transformations
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { pipe } from 'fp-ts/lib/function.js'
 * import { sequenceT } from 'fp-ts/lib/Apply.js'
 * import { graph, linalg } from 'gradfold'
 * import { chain } from './combinators.js'
 * import { sgd } from './optimizers/sgd.js'
 * import { clipByGlobalNorm } from './transforms/clip-by-global-norm.js'
 * const entries = (tree: graph.Tree) => graph.leaves(tree).flatMap(([, leaf]) => linalg.toFlat(leaf))
 * const optimizer = pipe(
 *   sequenceT(E.Apply)(clipByGlobalNorm(1), sgd(0.5)),
 *   E.map(([clip, descend]) => chain(clip, descend)),
 * )
 * assert.ok(E.isRight(optimizer))
 * const parameters = { w: linalg.zeros(1, 1) }
 * const { updates, state } = optimizer.right.update({ w: linalg.fill(1, 1, 10) }, optimizer.right.init(parameters), parameters)
 * assert.deepStrictEqual(entries(updates), [-0.5])
 * assert.strictEqual(state[1].step, 1)
 * assert.ok(optimizer.right.inPlace !== undefined)
 */
export const chain = <States extends readonly unknown[]>(
  ...transformations: { readonly [K in keyof States]: Optimizer<States[K]> }
): Optimizer<States> => composed<States>(joined<States>(...transformations))
