// scaleByLearningRate: updates × −η(step), a chain's last link — the only reader of a schedule and
// the only keeper of the step it is read at. Laws: with a constant η it is linear in the updates;
// the step rises by one per update; after an absorber its factor goes into that rule.

import * as E from 'fp-ts/lib/Either.js'
import { itemAt, type Optimizer } from '../optimizer.js'
import { checkLearningRate, type OptimizerError } from '../options.js'
import { rateAt, type LearningRate } from '../schedules.js'
import { transformation, valueAt } from './flat.js'

/**
 * The state of `scaleByLearningRate`: the step count its schedule is read at.
 *
 * @category Transformations
 */
export interface ScaleByLearningRateState {
  /** Updates made so far (0 before the first). */
  readonly step: number
}

/**
 * `scaleByLearningRate` whose errors are named `name` — an alias's own, as `adam` — at build time
 * for a bad number, at a step for a schedule that gives a bad rate there.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { learningRateScaling } from './scale-by-learning-rate.js'
 * const refused = learningRateScaling('sgd', Number.NaN)
 * assert.ok(E.isLeft(refused))
 * assert.strictEqual(refused.left.message, 'sgd: learningRate is NaN, expected a finite number ≥ 0')
 */
export const learningRateScaling = (
  name: string,
  learningRate: LearningRate,
): E.Either<OptimizerError, Optimizer<ScaleByLearningRateState>> =>
  E.map((rate: LearningRate) => {
    const advance = (counters: Float64Array, at: number): void => {
      counters[at] = valueAt(counters, at) + 1
    }
    return transformation<ScaleByLearningRateState>({
      name,
      counters: 1,
      slots: 0,
      unpack: (state) => ({ counters: [state.step], slots: [] }),
      pack: (counters) => Object.freeze({ step: itemAt(counters, 0, 'step counter') }),
      fusion: {
        kind: 'scales',
        // −η at the step the counter holds, written where it is read (no double crosses a call)
        factor: (counters, at, into) => {
          into[0] = -rateAt(name, rate, valueAt(counters, at))
        },
        advance,
      },
      run: (_factor, updates, _parameters, _slots, _slotAt, counters, at, lanewise) => {
        // u ← (−η)·u, the factor on the left as `scale` multiplies
        const scale = -rateAt(name, rate, valueAt(counters, at))
        for (let leaf = 0; leaf < updates.length; leaf++) {
          const values = itemAt(updates, leaf, 'leaf')
          if (lanewise !== undefined) lanewise.scale(values, scale, values)
          else for (let i = 0; i < values.length; i++) values[i] = scale * values[i]!
        }
        advance(counters, at)
      },
    })
  })(checkLearningRate(name, learningRate))

/**
 * Multiplies the incoming updates by −η(step), η a number or a schedule read at the step count
 * (0 for the first update). Left for a number that is not finite and ≥ 0; a schedule giving such
 * a rate throws a RangeError at that step.
 *
 * @category Transformations
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph, linalg } from 'gradfold'
 * import { stepDecay } from '../schedules.js'
 * import { scaleByLearningRate } from './scale-by-learning-rate.js'
 * const entries = (tree: graph.Tree) => graph.leaves(tree).flatMap(([, leaf]) => linalg.toFlat(leaf))
 * const descend = E.chain(scaleByLearningRate)(stepDecay(1, { every: 1, factor: 0.5 }))
 * assert.ok(E.isRight(descend))
 * const gradients = { w: linalg.ones(1, 1) }
 * const first = descend.right.update(gradients, descend.right.init(gradients), gradients)
 * const second = descend.right.update(gradients, first.state, gradients)
 * assert.deepStrictEqual([first, second].map(({ updates }) => entries(updates)), [[-1], [-0.5]])
 * assert.strictEqual(second.state.step, 2)
 */
export const scaleByLearningRate = (
  learningRate: LearningRate,
): E.Either<OptimizerError, Optimizer<ScaleByLearningRateState>> =>
  learningRateScaling('scaleByLearningRate', learningRate)
