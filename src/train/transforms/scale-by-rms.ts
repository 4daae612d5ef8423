// scaleByRms: RMSprop's direction g/(√s + ε), s ← ρ·s + (1 − ρ)·g² a running mean of squared
// gradients from zero, ε outside the root. Laws: with a constant gradient s tends to g²; ρ = 0 is
// sign-like, g/(|g| + ε); it absorbs a following learning rate into its numerator.

import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type { Tree } from '../../graph/index.js'
import { itemAt, type Optimizer } from '../optimizer.js'
import { checkBeta, checkNonNegative, type OptimizerError } from '../options.js'
import { transformation } from './flat.js'

/**
 * RMSprop's options; every field has a default.
 *
 * @category Transformations
 */
export interface RmsOptions {
  /** ρ, how much of the running mean each step keeps, in [0, 1); default 0.9. */
  readonly decay?: number
  /** Added to √s in the denominator (outside the root); default 1e-8. */
  readonly epsilon?: number
}

/**
 * scaleByRms's state: the running mean of squared gradients, shaped like the parameters.
 *
 * @category Transformations
 */
export interface ScaleByRmsState {
  readonly meanSquare: Tree
}

/**
 * Scales the updates by RMSprop's rule (Hinton): s ← ρ·s + (1 − ρ)·g², update g/(√s + ε), with s
 * starting at zero and ε added outside the root (PyTorch's convention; optax's default puts it
 * inside). No bias correction, no momentum. In a chain a following `scaleByLearningRate(η)`
 * multiplies the numerator: (−η·g)/(√s + ε). Left naming the option when ρ is outside [0, 1) or
 * ε is not a finite number ≥ 0.
 *
 * @category Transformations
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph, linalg } from 'gradfold'
 * import { scaleByRms } from './scale-by-rms.js'
 * const entries = (tree: graph.Tree) => graph.leaves(tree).flatMap(([, leaf]) => linalg.toFlat(leaf))
 * const rms = scaleByRms({ decay: 0.75, epsilon: 0 })
 * assert.ok(E.isRight(rms))
 * const parameters = { w: linalg.zeros(1, 1) }
 * const { updates, state } = rms.right.update({ w: linalg.fill(1, 1, 2) }, rms.right.init(parameters), parameters)
 * // s = 0.25·2² = 1, update = 2/√1
 * assert.deepStrictEqual([entries(state.meanSquare), entries(updates)], [[1], [2]])
 */
export const scaleByRms = (
  options: RmsOptions = {},
): E.Either<OptimizerError, Optimizer<ScaleByRmsState>> => {
  const { decay = 0.9, epsilon = 1e-8 } = options
  const name = 'scaleByRms'
  return pipe(
    E.Do,
    E.apS('rho', checkBeta(name, 'decay', decay)),
    E.apS('eps', checkNonNegative(name, 'epsilon', epsilon)),
    E.map(({ rho, eps }) =>
      transformation<ScaleByRmsState>({
        name,
        counters: 0,
        slots: 1,
        unpack: (state) => ({ counters: [], slots: [state.meanSquare] }),
        pack: (_counters, slots) =>
          Object.freeze({ meanSquare: itemAt(slots, 0, 'mean-square slot') }),
        fusion: { kind: 'absorbs' },
        run: (factorBuffer, updates, _parameters, slots, slotAt) => {
          // read in place: a double returned from a call would be boxed
          const factor = factorBuffer[0]
          if (factor === undefined) throw new Error(`${name}: no factor`)
          const means = itemAt(slots, slotAt, 'slot')
          for (let leaf = 0; leaf < updates.length; leaf++) {
            const u = itemAt(updates, leaf, 'leaf')
            const ss = itemAt(means, leaf, 'leaf')
            for (let i = 0; i < u.length; i++) {
              const g = u[i]!
              const s = rho * ss[i]! + (1 - rho) * g * g
              ss[i] = s
              // the factor (−η in a chain) multiplies the numerator, before the division
              u[i] = (factor * g) / (Math.sqrt(s) + eps)
            }
          }
        },
      }),
    ),
  )
}
