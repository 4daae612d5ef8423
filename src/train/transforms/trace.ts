// trace: momentum's velocity, v ← β·v + g from zero (the heavy-ball form of PyTorch and optax);
// the updates are v, or with `nesterov` the look-ahead g + β·v. Laws: β = 0 gives the updates'
// values back; with a constant g the velocity tends to g/(1 − β); both forms keep one velocity.

import * as E from 'fp-ts/lib/Either.js'
import type { Tree } from '../../graph/index.js'
import { itemAt, type Optimizer } from '../optimizer.js'
import { checkBeta, type OptimizerError } from '../options.js'
import { transformation } from './flat.js'

/**
 * Momentum's options; every field has a default.
 *
 * @category Transformations
 */
export interface TraceOptions {
  /** β, how much of the velocity each step keeps, in [0, 1); default 0.9. */
  readonly beta?: number
  /** Return the look-ahead g + β·v instead of v (Nesterov's momentum); default false. */
  readonly nesterov?: boolean
}

/**
 * trace's state: the velocity, shaped like the parameters.
 *
 * @category Transformations
 */
export interface TraceState {
  readonly velocity: Tree
}

/**
 * The trace of past updates: v ← β·v + g with v starting at zero (no dampening, the gradient not
 * scaled by 1 − β), the updates v — or g + β·v with `nesterov`, the step taken from the
 * look-ahead point, as PyTorch and optax take it. A following learning rate multiplies the result
 * as it stands: −η·v. Left when β is outside [0, 1).
 *
 * @category Transformations
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph, linalg } from 'gradfold'
 * import { trace } from './trace.js'
 * const entries = (tree: graph.Tree) => graph.leaves(tree).flatMap(([, leaf]) => linalg.toFlat(leaf))
 * const heavy = trace({ beta: 0.5 })
 * const ahead = trace({ beta: 0.5, nesterov: true })
 * assert.ok(E.isRight(heavy) && E.isRight(ahead))
 * const parameters = { w: linalg.zeros(1, 1) }
 * const g = { w: linalg.ones(1, 1) }
 * const one = heavy.right.update(g, heavy.right.init(parameters), parameters)
 * const two = heavy.right.update(g, one.state, parameters)
 * // v = 1, then 0.5·1 + 1 = 1.5; Nesterov's first update is 1 + 0.5·1
 * assert.deepStrictEqual(entries(two.updates), [1.5])
 * const look = ahead.right.update(g, ahead.right.init(parameters), parameters)
 * assert.deepStrictEqual(entries(look.updates), [1.5])
 */
export const trace = (
  options: TraceOptions = {},
): E.Either<OptimizerError, Optimizer<TraceState>> => {
  const { beta = 0.9, nesterov = false } = options
  const name = 'trace'
  return E.map((b: number) =>
    transformation<TraceState>({
      name,
      counters: 0,
      slots: 1,
      unpack: (state) => ({ counters: [], slots: [state.velocity] }),
      pack: (_counters, slots) => Object.freeze({ velocity: itemAt(slots, 0, 'velocity slot') }),
      fusion: { kind: 'none' },
      run: (_factor, updates, _parameters, slots, slotAt) => {
        const velocities = itemAt(slots, slotAt, 'slot')
        for (let leaf = 0; leaf < updates.length; leaf++) {
          const u = itemAt(updates, leaf, 'leaf')
          const vs = itemAt(velocities, leaf, 'leaf')
          for (let i = 0; i < u.length; i++) {
            const g = u[i]!
            const v = b * vs[i]! + g
            vs[i] = v
            u[i] = nesterov ? g + b * v : v
          }
        }
      },
    }),
  )(checkBeta(name, 'beta', beta))
}
