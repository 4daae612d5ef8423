// Training as a fold: `fitEpochs` lazily yields each epoch — `step` folded over its mini-batches by
// a compiled plan (compiled-epochs.ts), the epoch's figures taken from the same passes — and `fit`
// folds them into a history; a non-finite value ends it as a `Diverged` carrying the history so
// far, and early stopping ends it restoring the best epoch's network. Laws: fit equals iterating
// `step` (to rounding); same config, state and data → same history, bit for bit; with one full
// batch each record is the notebook's, measured before the update; a run stopped early with best
// epoch b returns the network of `fit` for b epochs, bit for bit.

import * as E from 'fp-ts/lib/Either.js'
import * as network from '../network/index.js'
import type { Batch, LossName, Network, NetworkError } from '../network/index.js'
import { checkObjective, compileDensePlan, type DensePlan } from '../network/internal.js'
import type { ShuffleSource } from './batches.js'
import { compiledEpochs, type EngineEpoch } from './compiled-epochs.js'
import { diverged } from './divergence.js'
import {
  checkEarlyStopping,
  exhausted,
  monitoredValue,
  observe,
  type EarlyStopping,
  type StoppedEarly,
  type Watch,
} from './early-stopping.js'
import { EVALUATION_ROWS, measureChecked, type Measured } from './measure.js'
import {
  emptyHistory,
  finish,
  historyBuilder,
  historyOf,
  type EpochRecord,
  type FinalMetrics,
  type History,
} from './history.js'
import type { StepConfig, TrainState } from './step.js'

/**
 * A step's configuration plus how long to train and how to batch.
 *
 * @category Training
 */
export interface FitConfig<State> extends StepConfig<State> {
  /** Passes over the training set (a non-negative integer). */
  readonly epochs: number
  /** Examples per mini-batch; `null` trains on the whole set at once, as the notebook does. */
  readonly batchSize: number | null
  /** Where each epoch's shuffle comes from; without it mini-batches follow the data's order. */
  readonly shuffle?: ShuffleSource
  /**
   * Data-parallel workers: each batch is split into this many contiguous shards whose gradients
   * are summed in a fixed order (default 1; the same `workers` gives the same bits every run).
   */
  readonly workers?: number
  /**
   * Stop after `patience` epochs in which `monitor` did not improve by more than `minDelta`, and
   * return the network its best epoch measured (see `StoppedEarly`). A test figure needs a test
   * set. A run that reaches `epochs` without running out of patience keeps its last network.
   */
  readonly earlyStopping?: EarlyStopping
}

/**
 * The data to train on, and optionally a test set to measure every epoch.
 *
 * @category Training
 */
export interface FitData {
  readonly train: Batch
  readonly test?: Batch
}

/**
 * What `fit` returns: the trained state, its history, and the shuffle source left over.
 *
 * @category Training
 */
export interface FitResult<State> {
  /** The trained state; for a run stopped early, the best epoch's (the optimizer's state too). */
  readonly state: TrainState<State>
  /** Every epoch trained; its final figures are measured on `state`'s network. */
  readonly history: History
  readonly shuffle?: ShuffleSource
  /** Present when early stopping ended the run: when, and which epoch's network was restored. */
  readonly stopped?: StoppedEarly
}

/** Loss and accuracy of `net` on each set, one forward pass each (in passes of ≤ 2048 rows). */
export const finalMetrics = (
  net: Network,
  data: FitData,
  lossName: LossName,
): E.Either<NetworkError, FinalMetrics> => {
  const measured = (batch: Batch, where: string): E.Either<NetworkError, Measured> => {
    const checked = checkObjective(net, batch, { loss: lossName }, where)
    if (E.isLeft(checked)) return checked
    return E.chain((plan: DensePlan) => {
      plan.loadParameters(net.parameters)
      return measureChecked(plan, batch, lossName, () => net)
    })(
      compileDensePlan(
        net,
        { loss: lossName, capacity: Math.min(batch.X.rows, EVALUATION_ROWS) },
        where,
      ),
    )
  }
  const trained = measured(data.train, 'loss')
  if (E.isLeft(trained)) return trained
  const base = { trainLoss: trained.right.loss, trainAccuracy: trained.right.accuracy }
  if (data.test === undefined) return E.right(Object.freeze(base))
  return E.map((tested: Measured): FinalMetrics =>
    Object.freeze({ ...base, testLoss: tested.loss, testAccuracy: tested.accuracy }),
  )(measured(data.test, 'loss'))
}

/**
 * One epoch of training: what was measured before its updates and the state after them.
 *
 * @category Training
 */
export interface EpochResult<State> {
  /** The epoch's index, from 0. */
  readonly epoch: number
  /** The network measured on the training (and test) set before this epoch's updates. */
  readonly record: EpochRecord
  /** The training state after this epoch's updates. */
  readonly state: TrainState<State>
  /** The shuffle source for the next epoch. */
  readonly shuffle?: ShuffleSource
  /**
   * On the last epoch of a run: the final figures, the network as training left it (or, stopped
   * early, the restored one) measured on the training (and test) set, as `fit` reports them
   * (`foldEpochs` takes them from here).
   */
  readonly final?: FinalMetrics
  /** On the last epoch of a run stopped early: when it stopped and which epoch was best. */
  readonly stopped?: StoppedEarly
  /**
   * On the last epoch of a run stopped early: the state after `stopped.bestEpoch` epochs, the
   * network the best record measured (the initial state when that is epoch 0); `fit` returns it.
   */
  readonly restored?: TrainState<State>
}

/** How a run stopped early ends: why, and the state it restores (built when first read). */
interface Ending<State> {
  readonly stopped: StoppedEarly
  readonly restored: () => TrainState<State>
}

/**
 * An epoch's result as `fitEpochs` hands it out: frozen, its `state` read through a getter that
 * builds it from the engine's buffers the first time it is read (the same value every time).
 */
const epochResult = <State>(
  epoch: number,
  ran: EngineEpoch<State>,
  final?: FinalMetrics,
  ending?: Ending<State>,
): EpochResult<State> => {
  const result = Object.defineProperty(
    {
      epoch,
      record: ran.record,
      ...(ran.shuffle === undefined ? {} : { shuffle: ran.shuffle }),
      ...(final === undefined ? {} : { final }),
      ...(ending === undefined ? {} : { stopped: ending.stopped }),
    },
    'state',
    { get: ran.state, enumerable: true },
  )
  if (ending !== undefined) {
    Object.defineProperty(result, 'restored', { get: ending.restored, enumerable: true })
  }
  return Object.freeze(result) as EpochResult<State>
}

/**
 * What `fitEpochs` yields: an epoch, or the error that ended training (always the last item).
 *
 * @category Training
 */
export type EpochOutcome<State> = E.Either<NetworkError, EpochResult<State>>

/**
 * Training one epoch at a time, lazily: each item is computed when it is asked for, so a caller
 * can show progress or stop early. Yields `config.epochs` Rights, or stops after the first Left —
 * a `Diverged` (see `isDiverged`) when a loss or gradient was not finite, carrying the history up
 * to there — or after the epoch where `config.earlyStopping` ran out of patience, which carries
 * `stopped`, `restored` and the final figures of the restored network. Folding it with
 * `foldEpochs` is `fit`, bit for bit.
 *
 * @category Training
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
 * const [first, , third] = losses
 * assert.ok(first !== undefined && third !== undefined && third < first)
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
    const stopping = config.earlyStopping
    if (stopping !== undefined) {
      const checked = checkEarlyStopping(stopping, data.test !== undefined)
      if (E.isLeft(checked)) {
        yield checked
        return
      }
    }
    if (config.epochs === 0) return
    const engine = compiledEpochs(config, initial, data)
    if (E.isLeft(engine)) {
      yield engine
      return
    }
    // the records so far, for a divergence's history (the records are shared, not copied)
    const records: EpochRecord[] = []
    // early stopping: the best so far, the state its record measured (the state after the epoch
    // before it: the engine keeps a copy of each handed-out state, so holding the function is
    // enough) and the state each epoch ends with, owed until read
    let watch: Watch | undefined
    let bestState: () => TrainState<State> = () => initial
    let previousState: () => TrainState<State> = () => initial
    try {
      for (let epoch = 0; epoch < config.epochs; epoch++) {
        const ran = engine.right.run(epoch)
        if (E.isLeft(ran)) {
          const { error } = ran.left
          yield E.left(
            ran.left.diverged ? diverged(epoch, historyOf(records), error.message) : error,
          )
          return
        }
        records.push(ran.right.record)
        if (stopping !== undefined) {
          const value = monitoredValue(ran.right.record, stopping.monitor)
          // checkEarlyStopping made sure a test figure has a test set, so every record has it
          if (value === undefined)
            throw new Error(`fit: epoch ${epoch + 1} has no ${stopping.monitor}`)
          watch = observe(watch, stopping, epoch, value)
          if (watch.bestEpoch === epoch) bestState = previousState
          if (exhausted(watch, stopping, epoch)) {
            const restored = bestState()
            const final = finalMetrics(restored.network, data, config.loss)
            if (E.isLeft(final)) {
              yield final
              return
            }
            const stopped: StoppedEarly = Object.freeze({
              epoch,
              bestEpoch: watch.bestEpoch,
              monitor: stopping.monitor,
              best: watch.best,
            })
            yield E.right(
              epochResult(epoch, ran.right, final.right, { stopped, restored: () => restored }),
            )
            return
          }
          previousState = ran.right.state
        }
        if (epoch < config.epochs - 1) {
          yield E.right(epochResult(epoch, ran.right))
          continue
        }
        // the last epoch carries the final figures, measured while the engine (and its helper
        // threads) still runs
        const final = engine.right.final()
        if (E.isLeft(final)) {
          const { error } = final.left
          yield E.left(
            final.left.diverged
              ? diverged(config.epochs, historyOf(records), error.message, true)
              : error,
          )
          return
        }
        yield E.right(epochResult(epoch, ran.right, final.right))
      }
    } finally {
      engine.right.close()
    }
  }

/**
 * Folds epochs (as `fitEpochs` yields them, possibly observed on the way) into a `FitResult`:
 * every record appended to the history, the last state kept (or the state the last epoch
 * restored, with its `stopped`, when early stopping ended the run), and the final figures: those
 * the last epoch carries (`fitEpochs` measures them on the data it trained on, with its loss,
 * before its helper threads stop), else measured here on `data` with `lossName` (a caller that
 * stopped taking epochs). Left for the first Left among the epochs (a `Diverged` as it came).
 *
 * @category Training
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
  <State>(initial: TrainState<State>, data: FitData, lossName: LossName, shuffle?: ShuffleSource) =>
  (epochs: Iterable<EpochOutcome<State>>): E.Either<NetworkError, FitResult<State>> => {
    const history = historyBuilder(emptyHistory)
    // only the last epoch's state is read: the others are never built
    let last: EpochResult<State> | undefined
    for (const outcome of epochs) {
      if (E.isLeft(outcome)) return outcome
      history.append(outcome.right.record)
      last = outcome.right
    }
    const state = last === undefined ? initial : (last.restored ?? last.state)
    const lastShuffle = last === undefined ? shuffle : last.shuffle
    const measured = last?.final
    const stopped = last?.stopped
    return E.map((final: FinalMetrics): FitResult<State> =>
      Object.freeze({
        state,
        history: finish(history.build(), final),
        ...(lastShuffle === undefined ? {} : { shuffle: lastShuffle }),
        ...(stopped === undefined ? {} : { stopped }),
      }),
    )(measured === undefined ? finalMetrics(state.network, data, lossName) : E.right(measured))
  }

/**
 * Trains for `config.epochs` epochs and returns the final state with its history. Each epoch:
 * measure (and record) the network on the training set before any update, cut the training set
 * into mini-batches (`miniBatches`, shuffled from `config.shuffle`), and fold `step` over them; in
 * full-batch mode the measured gradients are the step's, so they are computed once. Left for the
 * first error a step or a measurement meets: a non-finite loss or gradient is a `Diverged`
 * (`diverged at epoch 4 (loss 8.1e79 after 2.3e30): try a smaller learning rate`, with the history
 * so far and the interpreter's detail naming the node). With `config.earlyStopping`, it stops
 * after `patience` epochs without improvement and returns the best epoch's network (`stopped`
 * says which). It is `foldEpochs` over `fitEpochs`.
 *
 * @category Training
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
 * const [firstLoss] = history.loss
 * assert.ok(history.final !== undefined && firstLoss !== undefined && history.final.trainLoss < firstLoss)
 */
export const fit =
  <State>(config: FitConfig<State>) =>
  (initial: TrainState<State>, data: FitData): E.Either<NetworkError, FitResult<State>> =>
    foldEpochs(initial, data, config.loss, config.shuffle)(fitEpochs(config)(initial, data))
