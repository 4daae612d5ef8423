// Training as a fold: `fit` folds `step` over epochs and, within each, over the epoch's
// mini-batches, and records the history. Before an epoch's first update it measures the network
// on the whole training set (loss, accuracy, gradient and weight norms) and on the test set when
// given — the notebook's order, which records the loss computed before that epoch's update. Laws:
// the final state equals iterating `step` over the same batches; the same config, state and data
// give a deep-equal history, bit for bit.

import * as E from 'fp-ts/lib/Either.js'
import * as network from '../network/index.js'
import type { Batch, Network, NetworkError } from '../network/index.js'
import { miniBatches, type ShuffleSource } from './batches.js'
import {
  accuracy,
  emptyHistory,
  finish,
  layerNorms,
  record,
  type FinalMetrics,
  type History,
} from './history.js'
import { stepFrom, type Evaluated, type StepConfig, type TrainState } from './step.js'

/** A step's configuration plus how long to train and how to batch. */
export interface FitConfig<State> extends StepConfig<State> {
  /** Passes over the training set (a non-negative integer). */
  readonly epochs: number
  /** Examples per mini-batch; `null` trains on the whole set at once, as the notebook does. */
  readonly batchSize: number | null
  /** Where each epoch's shuffle comes from; without it mini-batches follow the data's order. */
  readonly shuffle?: ShuffleSource
}

/** The data to train on, and optionally a test set to measure every epoch. */
export interface FitData {
  readonly train: Batch
  readonly test?: Batch
}

/** What `fit` returns: the trained state, its history, and the shuffle source left over. */
export interface FitResult<State> {
  readonly state: TrainState<State>
  readonly history: History
  readonly shuffle?: ShuffleSource
}

const measure = (
  net: Network,
  batch: Batch,
  lossName: string,
): E.Either<NetworkError, { readonly loss: number; readonly accuracy: number }> =>
  E.chain((loss: number) =>
    E.map((output: Parameters<typeof accuracy>[0]) => ({
      loss,
      accuracy: accuracy(output, batch.y),
    }))(network.predict(net, batch.X)),
  )(network.loss(net, batch, lossName))

const finalMetrics = (
  net: Network,
  data: FitData,
  lossName: string,
): E.Either<NetworkError, FinalMetrics> =>
  E.chain(({ loss, accuracy: trainAccuracy }: { loss: number; accuracy: number }) =>
    data.test === undefined
      ? E.right({ trainLoss: loss, trainAccuracy })
      : E.map(({ loss: testLoss, accuracy: testAccuracy }: { loss: number; accuracy: number }) => ({
          trainLoss: loss,
          trainAccuracy,
          testLoss,
          testAccuracy,
        }))(measure(net, data.test, lossName)),
  )(measure(net, data.train, lossName))

/**
 * Trains for `config.epochs` epochs and returns the final state with its history. Each epoch:
 * measure (and record) the network on the training set before any update, cut the training set
 * into mini-batches (`miniBatches`, shuffled from `config.shuffle`), and fold `step` over them; in
 * full-batch mode the measured gradients are the step's, so they are computed once. Left for the
 * first error a step or a measurement meets.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph, linalg, network, random } from 'gradfold'
 * import { fit } from './fit.js'
 * import { initialState } from './step.js'
 * const sgd = {
 *   init: () => null,
 *   update: (g: graph.Tree) => ({ updates: graph.mapTree(g, (m) => linalg.scale(m, -0.5)), state: null }),
 * }
 * const X = linalg.fromRows([[0, 0], [0, 1], [1, 0], [1, 1]])
 * const y = linalg.fromRows([[0], [1], [1], [1]])
 * const net = network.mlp([2, 1], { hidden: 'linear', output: 'sigmoid', key: random.key(3) })
 * assert.ok(E.isRight(X) && E.isRight(y) && E.isRight(net))
 * const result = fit({ loss: 'mse', optimizer: sgd, epochs: 50, batchSize: null })(
 *   initialState(net.right, sgd),
 *   { train: { X: X.right, y: y.right } },
 * )
 * assert.ok(E.isRight(result))
 * const { history, state } = result.right
 * assert.strictEqual(history.loss.length, 50)
 * assert.strictEqual(state.stepCount, 50)
 * assert.ok((history.final?.trainLoss ?? Infinity) < (history.loss[0] ?? 0))
 */
export const fit =
  <State>(config: FitConfig<State>) =>
  (initial: TrainState<State>, data: FitData): E.Either<NetworkError, FitResult<State>> => {
    if (!Number.isSafeInteger(config.epochs) || config.epochs < 0) {
      return E.left(
        network.networkError(
          'InvalidArchitecture',
          `fit: epochs is ${config.epochs}, expected a non-negative integer`,
        ),
      )
    }
    const options = { loss: config.loss, ...(config.l2 === undefined ? {} : { l2: config.l2 }) }
    let state = initial
    let history = emptyHistory
    let shuffle = config.shuffle
    for (let epoch = 0; epoch < config.epochs; epoch++) {
      const evaluated = network.valueAndGradients(state.network, data.train, options)
      if (E.isLeft(evaluated)) return evaluated
      const output = network.predict(state.network, data.train.X)
      if (E.isLeft(output)) return output
      let test: { readonly loss: number; readonly accuracy: number } | undefined
      if (data.test !== undefined) {
        const measured = measure(state.network, data.test, config.loss)
        if (E.isLeft(measured)) return measured
        test = measured.right
      }
      const gradientNorms = layerNorms(evaluated.right.gradients)
      history = record(history, {
        loss: evaluated.right.loss,
        trainAccuracy: accuracy(output.right, data.train.y),
        ...(test === undefined ? {} : { test }),
        weightGradientNorms: gradientNorms.weights,
        biasGradientNorms: gradientNorms.biases,
        weightNorms: layerNorms(state.network.parameters).weights,
      })
      const batches = miniBatches(data.train, config.batchSize, shuffle)
      if (E.isLeft(batches)) return batches
      const [epochBatches, nextShuffle] = batches.right
      shuffle = nextShuffle
      for (const batch of epochBatches) {
        const reuse: Evaluated | undefined = config.batchSize === null ? evaluated.right : undefined
        const next = stepFrom(config, state, batch, reuse)
        if (E.isLeft(next)) return next
        state = next.right
      }
    }
    return E.map((final: FinalMetrics): FitResult<State> =>
      Object.freeze({
        state,
        history: finish(history, final),
        ...(shuffle === undefined ? {} : { shuffle }),
      }),
    )(finalMetrics(state.network, data, config.loss))
  }
