// One training step as a pure function: the loss and gradients on a batch, the optimizer's
// updates, and a new network with the updates added. Laws: the given state is never changed; the
// same state and batch give the same next state bit for bit; with an SGD-like optimizer a zero
// gradient leaves the parameters unchanged.

import * as E from 'fp-ts/lib/Either.js'
import * as network from '../network/index.js'
import type { Batch, LossName, Network, NetworkError } from '../network/index.js'
import * as random from '../random/index.js'
import type { Optimizer } from './optimizer.js'

/**
 * Everything training carries from one step to the next.
 *
 * @category Training
 */
export interface TrainState<State> {
  readonly network: Network
  readonly optimizerState: State
  /** Steps taken so far (0 before the first). */
  readonly stepCount: number
  /** Where dropout masks come from: split once per step. Without it dropout layers are off. */
  readonly key?: random.Key
}

/**
 * What a step needs besides the state and the batch.
 *
 * @category Training
 */
export interface StepConfig<State> {
  /** A loss name from `network.lossNames` (the notebook's is `'mse'`). */
  readonly loss: LossName
  readonly optimizer: Optimizer<State>
  /** An optional L2 penalty strength added to the loss. */
  readonly l2?: number
}

/** The loss and gradients of one batch, as `network.valueAndGradients` returns them. */
export interface Evaluated {
  readonly loss: number
  readonly gradients: Network['parameters']
}

/**
 * A fresh training state: the optimizer initialised on the network's parameters, no steps taken.
 *
 * @category Training
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { network, random } from 'gradfold'
 * import { initialState } from './step.js'
 * const net = network.mlp([2, 1], { hidden: 'relu', output: 'sigmoid', key: random.key(0) })
 * assert.ok(E.isRight(net))
 * const state = initialState(net.right, { init: () => ({ count: 0 }) })
 * assert.deepStrictEqual([state.stepCount, state.optimizerState], [0, { count: 0 }])
 */
export const initialState = <State>(
  net: Network,
  optimizer: Pick<Optimizer<State>, 'init'>,
  key?: random.Key,
): TrainState<State> =>
  Object.freeze({
    network: net,
    optimizerState: optimizer.init(net.parameters),
    stepCount: 0,
    ...(key === undefined ? {} : { key }),
  })

const hasDropout = (net: Network): boolean => net.layers.some((layer) => layer.kind === 'dropout')

/**
 * The step, given the batch's loss and gradients already computed for this state — `fit` uses
 * it in full-batch mode to reuse the gradients it recorded. `evaluated` is ignored (and the
 * gradients recomputed) when the step draws dropout masks.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph, linalg, network, random } from 'gradfold'
 * import { initialState, step, stepFrom } from './step.js'
 * const sgd = {
 *   init: () => null,
 *   update: (g: graph.Tree) => ({ updates: graph.mapTree(g, (m) => linalg.scale(m, -0.1)), state: null }),
 * }
 * const net = network.mlp([2, 1], { hidden: 'relu', output: 'sigmoid', key: random.key(0) })
 * assert.ok(E.isRight(net))
 * const batch = { X: linalg.ones(3, 2), y: linalg.zeros(3, 1) }
 * const state = initialState(net.right, sgd)
 * const evaluated = network.valueAndGradients(net.right, batch, { loss: 'mse' })
 * assert.ok(E.isRight(evaluated))
 * assert.deepStrictEqual(stepFrom({ loss: 'mse', optimizer: sgd }, state, batch, evaluated.right), step({ loss: 'mse', optimizer: sgd })(state, batch))
 */
export const stepFrom = <State>(
  config: StepConfig<State>,
  state: TrainState<State>,
  batch: Batch,
  evaluated?: Evaluated,
): E.Either<NetworkError, TrainState<State>> => {
  let dropoutKey: random.Key | undefined
  let nextKey: random.Key | undefined
  if (state.key !== undefined) {
    const [next, here] = random.split(state.key, 2)
    nextKey = next
    dropoutKey = here
  }
  const training = dropoutKey !== undefined && hasDropout(state.network)
  const computed =
    evaluated !== undefined && !training
      ? E.right(evaluated)
      : network.valueAndGradients(state.network, batch, {
          loss: config.loss,
          ...(config.l2 === undefined ? {} : { l2: config.l2 }),
          ...(training && dropoutKey !== undefined ? { training: true, key: dropoutKey } : {}),
        })
  return E.chain(({ gradients }: Evaluated) => {
    const { updates, state: optimizerState } = config.optimizer.update(
      gradients,
      state.optimizerState,
      state.network.parameters,
    )
    return E.map((next: Network): TrainState<State> =>
      Object.freeze({
        network: next,
        optimizerState,
        stepCount: state.stepCount + 1,
        ...(nextKey === undefined ? {} : { key: nextKey }),
      }),
    )(network.applyUpdates(state.network, updates))
  })(computed)
}

/**
 * One pure training step: `valueAndGradients` on the batch, `optimizer.update`, `applyUpdates`,
 * and the step count advanced. With a key in the state, the key is split: one half draws this
 * step's dropout masks, the other is carried on. Left for a batch the network cannot take.
 *
 * @category Training
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph, linalg, network, random } from 'gradfold'
 * import { initialState, step } from './step.js'
 * const sgd = {
 *   init: () => null,
 *   update: (g: graph.Tree) => ({ updates: graph.mapTree(g, (m) => linalg.scale(m, -0.1)), state: null }),
 * }
 * const net = network.mlp([2, 1], { hidden: 'linear', output: 'linear', key: random.key(0) })
 * assert.ok(E.isRight(net))
 * const batch = { X: linalg.ones(4, 2), y: linalg.ones(4, 1) }
 * const next = step({ loss: 'mse', optimizer: sgd })(initialState(net.right, sgd), batch)
 * assert.ok(E.isRight(next) && next.right.stepCount === 1)
 * const before = network.loss(net.right, batch, 'mse')
 * const after = network.loss(next.right.network, batch, 'mse')
 * assert.ok(E.isRight(before) && E.isRight(after) && after.right < before.right)
 */
export const step =
  <State>(config: StepConfig<State>) =>
  (state: TrainState<State>, batch: Batch): E.Either<NetworkError, TrainState<State>> =>
    stepFrom(config, state, batch)
