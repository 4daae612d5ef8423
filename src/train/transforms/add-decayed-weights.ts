// addDecayedWeights: adds λ·θ to the updates — before an optimizer it is L2 regularisation folded
// into the gradient; after scaleByAdam it is AdamW's decoupled decay. Laws: λ = 0 is the identity,
// bit for bit; it is stateless and passes a following learning rate through to an absorber.

import * as E from 'fp-ts/lib/Either.js'
import { itemAt, type Optimizer } from '../optimizer.js'
import { checkNonNegative, type OptimizerError } from '../options.js'
import { empty, transformation, type EmptyState } from './flat.js'

/**
 * Adds λ·θ to the incoming updates, leaf by leaf (optax's `add_decayed_weights`). Where it sits
 * in a chain decides what it is: first, L2 regularisation of the gradient (it then passes through
 * the optimizer's moments); after `scaleByAdam` and before `scaleByLearningRate(η)`, AdamW's
 * decoupled decay, scaled by the learning rate: the chain's update is Adam's minus (η·λ)·θ. When
 * λ times the chain's factor is 0 the updates pass unchanged. Left when λ is not a finite number
 * ≥ 0.
 *
 * @category Transformations
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph, linalg } from 'gradfold'
 * import { addDecayedWeights } from './add-decayed-weights.js'
 * const entries = (tree: graph.Tree) => graph.leaves(tree).flatMap(([, leaf]) => linalg.toFlat(leaf))
 * const decay = addDecayedWeights(0.5)
 * assert.ok(E.isRight(decay))
 * const parameters = { w: linalg.fill(1, 1, 4) }
 * const { updates } = decay.right.update({ w: linalg.ones(1, 1) }, decay.right.init(parameters), parameters)
 * assert.deepStrictEqual(entries(updates), [3])
 */
export const addDecayedWeights = (
  weightDecay: number,
): E.Either<OptimizerError, Optimizer<EmptyState>> => {
  const name = 'addDecayedWeights'
  return E.map((lambda: number) =>
    transformation<EmptyState>({
      name,
      counters: 0,
      slots: 0,
      unpack: () => ({ counters: [], slots: [] }),
      pack: () => empty,
      fusion: { kind: 'commutes' },
      run: (factorBuffer, updates, parameters) => {
        // read in place: a double returned from a call would be boxed
        const factor = factorBuffer[0]
        if (factor === undefined) throw new Error(`${name}: no factor`)
        // the updates come scaled by the factor (−η after an absorber): add (factor·λ)·θ
        const coefficient = factor * lambda
        if (coefficient === 0) return
        for (let leaf = 0; leaf < updates.length; leaf++) {
          const u = itemAt(updates, leaf, 'leaf')
          const theta = itemAt(parameters, leaf, 'parameter leaf')
          for (let i = 0; i < u.length; i++) u[i] = u[i]! + coefficient * theta[i]!
        }
      },
    }),
  )(checkNonNegative(name, 'weightDecay', weightDecay))
}
