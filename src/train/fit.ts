// Training as a fold: `fitEpochs` lazily yields each epoch — the network measured before its
// updates (the notebook's order), then `step` folded over its mini-batches — and `fit` folds them
// into a history. Laws: fit equals iterating `step`; same config, state and data → same history.

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
  type EpochRecord,
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

/** One epoch of training: what was measured before its updates and the state after them. */
export interface EpochResult<State> {
  /** The epoch's index, from 0. */
  readonly epoch: number
  /** The network measured on the training (and test) set before this epoch's updates. */
  readonly record: EpochRecord
  /** The training state after this epoch's updates. */
  readonly state: TrainState<State>
  /** The shuffle source for the next epoch. */
  readonly shuffle?: ShuffleSource
}

/** What `fitEpochs` yields: an epoch, or the error that ended training (always the last item). */
export type EpochOutcome<State> = E.Either<NetworkError, EpochResult<State>>

/**
 * Training one epoch at a time, lazily: each item is computed when it is asked for, so a caller
 * can show progress or stop early. Yields `config.epochs` Rights, or stops after the first Left.
 * Folding it with `foldEpochs` is `fit`, bit for bit.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph, linalg, network, random } from 'gradfold'
 * import { fitEpochs } from './fit.js'
 * import { initialState } from './step.js'
 * const sgd = {
 *   init: () => null,
 *   update: (g: graph.Tree) => ({ updates: graph.mapTree(g, (m) => linalg.scale(m, -0.5)), state: null }),
 * }
 * const net = network.mlp([2, 1], { hidden: 'linear', output: 'sigmoid', key: random.key(3) })
 * assert.ok(E.isRight(net))
 * const train = { X: linalg.fill(4, 2, 1), y: linalg.ones(4, 1) }
 * const losses: number[] = []
 * for (const outcome of fitEpochs({ loss: 'mse', optimizer: sgd, epochs: 3, batchSize: null })(initialState(net.right, sgd), { train })) {
 *   assert.ok(E.isRight(outcome))
 *   losses.push(outcome.right.record.loss)
 * }
 * assert.strictEqual(losses.length, 3)
 * assert.ok((losses[2] ?? Infinity) < (losses[0] ?? 0))
 */
export const fitEpochs = <State>(config: FitConfig<State>) =>
  function* epochs(
    initial: TrainState<State>,
    data: FitData,
  ): Generator<EpochOutcome<State>, void> {
    if (!Number.isSafeInteger(config.epochs) || config.epochs < 0) {
      yield E.left(
        network.networkError(
          'InvalidArchitecture',
          `fit: epochs is ${config.epochs}, expected a non-negative integer`,
        ),
      )
      return
    }
    const options = { loss: config.loss, ...(config.l2 === undefined ? {} : { l2: config.l2 }) }
    let state = initial
    let shuffle = config.shuffle
    for (let epoch = 0; epoch < config.epochs; epoch++) {
      const evaluated = network.valueAndGradients(state.network, data.train, options)
      if (E.isLeft(evaluated)) {
        yield evaluated
        return
      }
      // the measurement draws no dropout masks, so its output is the network's prediction
      const output = evaluated.right.output
      let test: { readonly loss: number; readonly accuracy: number } | undefined
      if (data.test !== undefined) {
        const measured = measure(state.network, data.test, config.loss)
        if (E.isLeft(measured)) {
          yield measured
          return
        }
        test = measured.right
      }
      const gradientNorms = layerNorms(evaluated.right.gradients)
      const epochRecord: EpochRecord = {
        loss: evaluated.right.loss,
        trainAccuracy: accuracy(output, data.train.y),
        ...(test === undefined ? {} : { test }),
        weightGradientNorms: gradientNorms.weights,
        biasGradientNorms: gradientNorms.biases,
        weightNorms: layerNorms(state.network.parameters).weights,
      }
      const batches = miniBatches(data.train, config.batchSize, shuffle)
      if (E.isLeft(batches)) {
        yield batches
        return
      }
      const [epochBatches, nextShuffle] = batches.right
      shuffle = nextShuffle
      for (const batch of epochBatches) {
        const reuse: Evaluated | undefined = config.batchSize === null ? evaluated.right : undefined
        const next = stepFrom(config, state, batch, reuse)
        if (E.isLeft(next)) {
          yield next
          return
        }
        state = next.right
      }
      yield E.right(
        Object.freeze({
          epoch,
          record: epochRecord,
          state,
          ...(shuffle === undefined ? {} : { shuffle }),
        }),
      )
    }
  }

/**
 * Folds epochs (as `fitEpochs` yields them, possibly observed on the way) into a `FitResult`:
 * every record appended to the history, the last state kept, and the final figures measured on
 * `data` with `lossName`. Left for the first Left among the epochs.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph, linalg, network, random } from 'gradfold'
 * import { fit, fitEpochs, foldEpochs } from './fit.js'
 * import { initialState } from './step.js'
 * const sgd = {
 *   init: () => null,
 *   update: (g: graph.Tree) => ({ updates: graph.mapTree(g, (m) => linalg.scale(m, -0.5)), state: null }),
 * }
 * const net = network.mlp([2, 1], { hidden: 'linear', output: 'sigmoid', key: random.key(3) })
 * assert.ok(E.isRight(net))
 * const data = { train: { X: linalg.fill(4, 2, 1), y: linalg.ones(4, 1) } }
 * const config = { loss: 'mse', optimizer: sgd, epochs: 4, batchSize: null }
 * const initial = initialState(net.right, sgd)
 * const folded = foldEpochs(initial, data, 'mse')(fitEpochs(config)(initial, data))
 * assert.deepStrictEqual(E.map((r: { history: unknown }) => r.history)(folded), E.map((r: { history: unknown }) => r.history)(fit(config)(initial, data)))
 */
export const foldEpochs =
  <State>(initial: TrainState<State>, data: FitData, lossName: string, shuffle?: ShuffleSource) =>
  (epochs: Iterable<EpochOutcome<State>>): E.Either<NetworkError, FitResult<State>> => {
    let state = initial
    let history = emptyHistory
    let lastShuffle = shuffle
    for (const outcome of epochs) {
      if (E.isLeft(outcome)) return outcome
      history = record(history, outcome.right.record)
      state = outcome.right.state
      lastShuffle = outcome.right.shuffle
    }
    return E.map((final: FinalMetrics): FitResult<State> =>
      Object.freeze({
        state,
        history: finish(history, final),
        ...(lastShuffle === undefined ? {} : { shuffle: lastShuffle }),
      }),
    )(finalMetrics(state.network, data, lossName))
  }

/**
 * Trains for `config.epochs` epochs and returns the final state with its history. Each epoch:
 * measure (and record) the network on the training set before any update, cut the training set
 * into mini-batches (`miniBatches`, shuffled from `config.shuffle`), and fold `step` over them; in
 * full-batch mode the measured gradients are the step's, so they are computed once. Left for the
 * first error a step or a measurement meets. It is `foldEpochs` over `fitEpochs`.
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
  (initial: TrainState<State>, data: FitData): E.Either<NetworkError, FitResult<State>> =>
    foldEpochs(initial, data, config.loss, config.shuffle)(fitEpochs(config)(initial, data))
