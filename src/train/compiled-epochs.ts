// Compiled training, the engine behind `fitEpochs`: one plan (network/compiled) for the network,
// loss and batch size owns every buffer; each epoch gathers its batches' rows into the plan, runs
// forward and backward, updates the parameters in place (the optimizer's `inPlace` form) or through
// `update`, and records the epoch from the same passes. Local mutation, pure interface: what it
// yields is fresh and frozen. Laws: it equals folding `step` (the graph interpreter) to rounding;
// with one full batch each record is the notebook's, measured before the update; reruns are
// bit-identical.

import * as E from 'fp-ts/lib/Either.js'
import type { Tree } from '../graph/index.js'
import * as graph from '../graph/index.js'
import * as linalg from '../linalg/index.js'
import {
  adopt,
  attachSharedWorkspace,
  backendName,
  bufferOf,
  createSharedWorkspaces,
  type SharedWorkspaces,
} from '../linalg/internal.js'
import * as network from '../network/index.js'
import type { Batch, Network, NetworkError } from '../network/index.js'
import { checkObjective, compileDensePlan, type DensePlan } from '../network/internal.js'
import * as random from '../random/index.js'
import { shuffledOrder, type ShuffleSource } from './batches.js'
import type { EpochRecord, FinalMetrics } from './history.js'
import { accuracy, layerNorms } from './history.js'
import type { InPlaceUpdate } from './optimizer.js'
import {
  EVALUATION_ROWS,
  gather,
  interpreterVerdict,
  measureChecked,
  measurePooled,
  type Measured,
} from './measure.js'
import { planLengths } from './parallel/exchange.js'
import { runShardedBatch, type ShardOutcome, type ShardSource } from './parallel/sharded-batch.js'
import { startShardPool, type ShardPool, type StartingPool } from './parallel/shard-pool.js'
import { stepFrom, type StepConfig, type TrainState } from './step.js'

/** What the engine needs of `FitConfig` (fit.ts re-states it as its own). */
export interface EngineConfig<State> extends StepConfig<State> {
  readonly batchSize: number | null
  readonly shuffle?: ShuffleSource
  readonly workers?: number
}

/**
 * The engine: `run` trains the next epoch; `final` measures the network as training left it on
 * the training (and test) set, as `fit`'s final figures; `close` stops its helper threads (if any).
 */
export interface Engine<State> {
  readonly run: (epoch: number) => E.Either<EngineFailure, EngineEpoch<State>>
  readonly final: () => E.Either<EngineFailure, FinalMetrics>
  readonly close: () => void
}

/**
 * Why an epoch (or the final measurement) failed: the error, and whether it was a non-finite
 * loss or gradient (`diverged`, which fit reports as a `Diverged`) rather than a helper thread's
 * failure.
 */
export interface EngineFailure {
  readonly error: NetworkError
  readonly diverged: boolean
}

/** A failure that is a divergence: a non-finite value the interpreter confirmed. */
const divergence = (error: NetworkError): E.Either<EngineFailure, never> =>
  E.left({ error, diverged: true })

/** The interpreter's verdict on a non-finite measurement, as a divergence. */
const divergenceOf = (error: NetworkError): EngineFailure => ({ error, diverged: true })

/** A failure that is not a divergence. */
const failure = (error: NetworkError): E.Either<EngineFailure, never> =>
  E.left({ error, diverged: false })

/**
 * One epoch's outcome: its record (before its updates), the state after them — a function that
 * builds it when first called (the same value every call, whenever it is called) — and the next
 * shuffle.
 */
export interface EngineEpoch<State> {
  readonly record: EpochRecord
  readonly state: () => TrainState<State>
  readonly shuffle?: ShuffleSource
}

/** Slot trees as flat buffers, leaf by leaf (`slots[s][leaf]`). */
const slotBuffers = (trees: readonly Tree[]): Float64Array[][] =>
  trees.map((tree) => graph.leaves(tree).map(([, leaf]) => bufferOf(leaf).slice()))

/** Flat slot buffers back as trees shaped like `parameters`, fresh and frozen. */
const slotTrees = (buffers: readonly (readonly Float64Array[])[], parameters: Tree): Tree[] =>
  buffers.map((leaves) => {
    let leaf = 0
    return graph.mapTree(parameters, (shape) => {
      const values = leaves[leaf]
      if (values === undefined) throw new Error(`fit: slot leaf ${leaf} is missing`)
      leaf++
      return adopt(shape.rows, shape.cols, values.slice())
    })
  })

const hasDropout = (net: Network): boolean => net.layers.some((layer) => layer.kind === 'dropout')

/**
 * The dropout masks one step draws (as `network.forward` draws them: the key split once per
 * layer, a mask for each dropout layer), or undefined when the step draws none.
 */
const dropoutMasks = (
  net: Network,
  key: random.Key,
  rows: number,
): readonly (Float64Array | undefined)[] => {
  const keys = random.split(key, net.layers.length)
  return net.layers.map((layer, index) => {
    const layerKey = keys[index]
    return layer.kind === 'dropout' && layerKey !== undefined
      ? linalg.toFloat64Array(network.dropoutMask(layerKey, rows, layer.outputs, layer.rate))
      : undefined
  })
}

/**
 * The engine for `config` from `initial` on `data`: a function running epoch after epoch (each
 * call the next one), or the first error found before any training — a batch size, a data set
 * or a loss the network cannot take, named as the interpreter names it.
 */
export const compiledEpochs = <State>(
  config: EngineConfig<State>,
  initial: TrainState<State>,
  data: { readonly train: Batch; readonly test?: Batch },
): E.Either<NetworkError, Engine<State>> => {
  const { train } = data
  const rows = train.X.rows
  if (rows === 0 || train.y.rows !== rows) {
    return E.left(
      network.networkError(
        'ShapeMismatch',
        `miniBatches: X has ${rows} rows and y ${train.y.rows}, expected the same positive number`,
      ),
    )
  }
  const { batchSize } = config
  if (batchSize !== null && (!Number.isSafeInteger(batchSize) || batchSize <= 0)) {
    return E.left(
      network.networkError(
        'InvalidArchitecture',
        `miniBatches: batchSize is ${batchSize}, expected a positive integer or null`,
      ),
    )
  }
  if (config.l2 !== undefined && !(Number.isFinite(config.l2) && config.l2 >= 0)) {
    return E.left(
      network.networkError(
        'InvalidArchitecture',
        `fit: l2 is ${config.l2}, expected a finite number ≥ 0`,
      ),
    )
  }
  const lossOptions = {
    loss: config.loss,
    ...(config.l2 === undefined ? {} : { l2: config.l2 }),
  }
  const workers = config.workers ?? 1
  if (!Number.isSafeInteger(workers) || workers < 1) {
    return E.left(
      network.networkError(
        'InvalidArchitecture',
        `fit: workers is ${workers}, expected a positive integer`,
      ),
    )
  }
  const net = initial.network
  // a linear output that binaryCrossEntropyWithLogits reads is a logit: class 1 above 0, not ½
  const lastLayer = net.layers[net.layers.length - 1]
  const threshold =
    config.loss === 'binaryCrossEntropyWithLogits' &&
    lastLayer?.kind === 'dense' &&
    lastLayer.activation === 'linear'
      ? 0
      : 0.5
  const capacity = batchSize === null ? rows : Math.min(batchSize, rows)
  // With helpers, every thread's plan takes one shard (this thread's, shard 0, the largest) and no
  // L2: the penalty is added once, after the shards' gradients are summed. The helper threads
  // start first, so that they boot while this thread checks the data.
  const shardCapacity = Math.ceil(capacity / workers)
  let shared: SharedWorkspaces | undefined
  let starting: StartingPool | undefined
  if (workers > 1) {
    try {
      shared = createSharedWorkspaces(planLengths(net, shardCapacity, workers), backendName)
    } catch (error: unknown) {
      return E.left(
        network.networkError(
          'InvalidArchitecture',
          `fit: ${error instanceof Error ? error.message : String(error)}`,
        ),
      )
    }
    const started = startShardPool(net, {
      loss: config.loss,
      capacity: shardCapacity,
      helpers: workers - 1,
      shared,
    })
    if (E.isLeft(started)) return started
    starting = started.right
  }
  /** A Left before training, once the helper threads (if any) are stopped. */
  const failed = (error: NetworkError): E.Either<NetworkError, never> => {
    starting?.close()
    return E.left(error)
  }
  const trainChecked = checkObjective(net, train, lossOptions, 'valueAndGradients')
  if (E.isLeft(trainChecked)) return failed(trainChecked.left)
  if (data.test !== undefined) {
    const testChecked = checkObjective(net, data.test, { loss: config.loss }, 'loss')
    if (E.isLeft(testChecked)) return failed(testChecked.left)
  }
  const planned = compileDensePlan(
    net,
    shared === undefined
      ? { ...lossOptions, capacity }
      : { loss: config.loss, capacity: shardCapacity, workspace: attachSharedWorkspace(shared, 0) },
    'valueAndGradients',
  )
  if (E.isLeft(planned)) return failed(planned.left)
  const plan = planned.right
  let pool: ShardPool | undefined
  if (starting !== undefined) {
    const opened = starting.ready()
    if (E.isLeft(opened)) return opened
    pool = opened.right
  }
  const test = data.test
  /** One-thread evaluation plans, one per set measured (made when first needed). */
  const evaluators = new Map<Batch, DensePlan>()
  const evaluatorFor = (batch: Batch): E.Either<NetworkError, DensePlan> => {
    const known = evaluators.get(batch)
    if (known !== undefined) return E.right(known)
    const compiled = compileDensePlan(
      net,
      { loss: config.loss, capacity: Math.min(batch.X.rows, EVALUATION_ROWS) },
      'loss',
    )
    if (E.isRight(compiled)) evaluators.set(batch, compiled.right)
    return compiled
  }

  const X = bufferOf(train.X)
  const y = bufferOf(train.y)
  const inPlace: InPlaceUpdate<State> | undefined = config.optimizer.inPlace
  const dropout = hasDropout(net)

  // What training carries between epochs. With an in-place optimizer the parameters and slots
  // live in the plan and `slots`; otherwise in `state`, rebuilt each step as `stepFrom` does.
  let state = initial
  let shuffle = config.shuffle
  let counters = new Float64Array(0)
  let slots: Float64Array[][] = []
  plan.loadParameters(net.parameters)
  if (inPlace !== undefined) {
    const unpacked = inPlace.unpack(initial.optimizerState)
    counters = Float64Array.from(unpacked.counters)
    slots = slotBuffers(unpacked.slots)
  }

  // Fused path: steps taken and the key, since `state` was last a value.
  let fusedSteps = 0
  let fusedKey = initial.key

  // The fused path's states are owed, not built: the trees of matrices an epoch's state is made of
  // cost more than its steps on a small network, and a caller that folds the epochs reads only the
  // last. Before the buffers move on, the last state handed out and not yet read keeps a raw copy
  // of them (`settle`), so reading it later still gives that epoch's state.
  let unsettled: (() => void) | undefined
  const settle = (): void => {
    unsettled?.()
    unsettled = undefined
  }

  /** The state now: for the fused path, a function building it from the buffers when first called. */
  const owedState = (): (() => TrainState<State>) => {
    if (inPlace === undefined) {
      const value = state
      return () => value
    }
    settle()
    const stepCount = state.stepCount + fusedSteps
    const key = fusedKey
    let live = { parameters: plan.parameters, counters, slots }
    let built: TrainState<State> | undefined
    unsettled = () => {
      if (built !== undefined) return
      live = {
        parameters: live.parameters.map((leaf) => leaf.slice()),
        counters: live.counters.slice(),
        slots: live.slots.map((slot) => slot.map((leaf) => leaf.slice())),
      }
    }
    return () => {
      if (built !== undefined) return built
      const parameters = plan.treeFrom(live.parameters)
      built = Object.freeze({
        network: Object.freeze({ ...net, parameters }),
        optimizerState: inPlace.pack(Array.from(live.counters), slotTrees(live.slots, parameters)),
        stepCount,
        ...(key === undefined ? {} : { key }),
      })
      return built
    }
  }

  /** The state as a value now (an error's report, the reference path's start). */
  const materialise = (): TrainState<State> => owedState()()

  /** After the reference path moved the state: load it back into the buffers. */
  const resume = (next: TrainState<State>): void => {
    settle()
    state = next
    fusedSteps = 0
    fusedKey = next.key
    plan.loadParameters(next.network.parameters)
    if (inPlace !== undefined) {
      const unpacked = inPlace.unpack(next.optimizerState)
      counters = Float64Array.from(unpacked.counters)
      slots = slotBuffers(unpacked.slots)
    }
  }

  const weightLeaves = plan.isWeight.flatMap((isWeight, leaf) => (isWeight ? [leaf] : []))
  const biasLeaves = plan.isWeight.flatMap((isWeight, leaf) => (isWeight ? [] : [leaf]))
  const weightGradientNorms = new Float64Array(weightLeaves.length)
  const biasGradientNorms = new Float64Array(biasLeaves.length)

  // Whether a plan's input still holds the whole set, as after a full batch or a test pass (only
  // this engine writes the plans' inputs, so a one-batch epoch copies its rows in once).
  let wholeSetLoaded = false
  let testLoaded = false

  // What `runBatch` leaves beside the loss it returns: reused, no object per step.
  const outcome: ShardOutcome = { correct: 0, failure: undefined }
  const shardSource: ShardSource = { X, y, layers: net.layers }

  /**
   * The batch `order[start, start + count)`: its loss, its correct count (or a helper's failure)
   * in `outcome` and its gradients in the plan's. With helpers, the batch is shared out (`runShardedBatch`) and
   * the L2 penalty added once to the summed gradients.
   */
  const runBatch = (
    order: readonly number[] | undefined,
    start: number,
    count: number,
    masks: readonly (Float64Array | undefined)[] | undefined,
  ): number => {
    if (pool === undefined) {
      const whole = order === undefined && start === 0 && count === rows
      if (!(whole && wholeSetLoaded)) {
        gather(X, plan.inputs, order, start, count, plan.input)
        gather(y, plan.outputs, order, start, count, plan.target)
      }
      wholeSetLoaded = whole
      const value = plan.run(count, true, masks)
      outcome.correct = plan.correctCount(count)
      return value
    }
    const value = runShardedBatch(plan, pool, shardSource, order, start, count, masks, outcome)
    if (outcome.failure !== undefined || config.l2 === undefined) return value
    return value + plan.addPenalty(config.l2)
  }

  /**
   * The current network's loss and accuracy on `batch` (a set checked when the engine started):
   * through the helper threads when there are any, else on a one-thread evaluation plan as `fit`
   * measures; a non-finite loss is measured again by the interpreter, which names the node.
   */
  const measureSet = (batch: Batch, where: string): E.Either<EngineFailure, Measured> => {
    if (pool !== undefined) {
      wholeSetLoaded = false
      const measured = measurePooled(plan, pool, batch)
      if (E.isLeft(measured)) {
        return failure(network.networkError('GraphFailure', `${where}: ${measured.left}`))
      }
      return E.mapLeft(divergenceOf)(
        interpreterVerdict(measured.right, batch, config.loss, () => materialise().network),
      )
    }
    const evaluator = evaluatorFor(batch)
    if (E.isLeft(evaluator)) return failure(evaluator.left)
    for (const [leaf, values] of plan.parameters.entries()) {
      evaluator.right.parameters[leaf]?.set(values)
    }
    const loaded = batch === test && testLoaded
    if (batch === test) testLoaded = true
    return E.mapLeft(divergenceOf)(
      measureChecked(evaluator.right, batch, config.loss, () => materialise().network, loaded),
    )
  }

  const run = (epoch: number): E.Either<EngineFailure, EngineEpoch<State>> => {
    // counted from 1 in text, as the CLI's progress counts
    const where = `fit: epoch ${epoch + 1}`
    settle()
    if (inPlace === undefined) plan.loadParameters(state.network.parameters)
    const weightNorms = weightLeaves.map((leaf) => plan.parameterNorm(leaf))
    let testMeasured: Measured | undefined
    if (test !== undefined) {
      const checked = measureSet(test, 'loss')
      if (E.isLeft(checked)) {
        const { error, diverged } = checked.left
        return E.left({
          error: network.networkError(error._tag, `${where}: ${error.message}`),
          diverged,
        })
      }
      testMeasured = checked.right
    }
    let order: readonly number[] | undefined
    if (batchSize !== null && shuffle !== undefined) {
      const [drawn, next] = shuffledOrder(shuffle, rows)
      order = drawn
      shuffle = next
    }
    let loss = 0
    let correct = 0
    weightGradientNorms.fill(0)
    biasGradientNorms.fill(0)
    let batchIndex = 0
    for (let start = 0; start < rows; start += capacity) {
      const count = Math.min(capacity, rows - start)
      const share = count / rows
      // the key is split once per step, as `stepFrom` splits it: one half for this step's masks
      let masks: readonly (Float64Array | undefined)[] | undefined
      let nextKey: random.Key | undefined
      const key = inPlace === undefined ? state.key : fusedKey
      if (key !== undefined) {
        const [next, here] = random.split(key, 2)
        nextKey = next
        if (dropout && here !== undefined) masks = dropoutMasks(net, here, count)
      }
      if (inPlace === undefined) plan.loadParameters(state.network.parameters)
      const batchLoss = runBatch(order, start, count, masks)
      if (outcome.failure !== undefined) {
        return failure(
          network.networkError('GraphFailure', `${where}, batch ${batchIndex}: ${outcome.failure}`),
        )
      }
      let finite = Number.isFinite(batchLoss)
      for (let position = 0; position < weightLeaves.length; position++) {
        const norm = plan.gradientNorm(weightLeaves[position]!)
        finite &&= Number.isFinite(norm)
        weightGradientNorms[position] = weightGradientNorms[position]! + share * norm
      }
      for (let position = 0; position < biasLeaves.length; position++) {
        const norm = plan.gradientNorm(biasLeaves[position]!)
        finite &&= Number.isFinite(norm)
        biasGradientNorms[position] = biasGradientNorms[position]! + share * norm
      }
      if (!finite) {
        // The interpreter names the first node that went wrong: run this step through it.
        const current = materialise()
        const indices = Array.from({ length: count }, (_, row) =>
          order === undefined ? start + row : order[start + row]!,
        )
        const batchX = linalg.selectRows(train.X, indices)
        const batchY = linalg.selectRows(train.y, indices)
        if (E.isLeft(batchX) || E.isLeft(batchY)) {
          return failure(
            network.networkError('ShapeMismatch', `${where}: could not gather a batch`),
          )
        }
        const batch: Batch = { X: batchX.right, y: batchY.right }
        const evaluated = network.valueAndGradients(current.network, batch, {
          ...lossOptions,
          ...(masks === undefined || current.key === undefined
            ? {}
            : { training: true, key: random.split(current.key, 2)[1] ?? current.key }),
        })
        if (E.isLeft(evaluated)) {
          return divergence(
            network.networkError(
              evaluated.left._tag,
              `${where}, batch ${batchIndex}: ${evaluated.left.message}`,
            ),
          )
        }
        const stepped = stepFrom(
          config,
          current,
          batch,
          masks === undefined ? evaluated.right : undefined,
        )
        if (E.isLeft(stepped)) {
          return divergence(
            network.networkError(
              stepped.left._tag,
              `${where}, batch ${batchIndex}: ${stepped.left.message}`,
            ),
          )
        }
        loss += share * evaluated.right.loss
        correct += Math.round(accuracy(evaluated.right.output, batch.y, threshold) * count)
        const norms = layerNorms(evaluated.right.gradients)
        norms.weights.forEach((norm, position) => {
          weightGradientNorms[position] = weightGradientNorms[position]! + share * norm
        })
        norms.biases.forEach((norm, position) => {
          biasGradientNorms[position] = biasGradientNorms[position]! + share * norm
        })
        resume(stepped.right)
        batchIndex++
        continue
      }
      loss += share * batchLoss
      correct += outcome.correct
      if (inPlace !== undefined) {
        // the step's counters advance in place; the gradient buffers end holding the updates
        inPlace.apply(counters, plan.parameters, plan.gradients, slots, plan.lanewise)
        // the state's step count and key move on in `fusedSteps`/`fusedKey`: no allocation per step
        fusedSteps++
        fusedKey = nextKey
      } else {
        const gradients = plan.gradientTree()
        const { updates, state: optimizerState } = config.optimizer.update(
          gradients,
          state.optimizerState,
          state.network.parameters,
        )
        const moved = network.applyUpdates(state.network, updates)
        if (E.isLeft(moved)) {
          return failure(
            network.networkError(
              moved.left._tag,
              `${where}, batch ${batchIndex}: ${moved.left.message}`,
            ),
          )
        }
        state = Object.freeze({
          network: moved.right,
          optimizerState,
          stepCount: state.stepCount + 1,
          ...(nextKey === undefined ? {} : { key: nextKey }),
        })
      }
      batchIndex++
    }
    const record: EpochRecord = Object.freeze({
      loss,
      trainAccuracy: correct / rows,
      ...(testMeasured === undefined ? {} : { test: Object.freeze({ ...testMeasured }) }),
      weightGradientNorms: Object.freeze(Array.from(weightGradientNorms)),
      biasGradientNorms: Object.freeze(Array.from(biasGradientNorms)),
      weightNorms: Object.freeze(weightNorms),
    })
    return E.right(
      Object.freeze({
        record,
        state: owedState(),
        ...(shuffle === undefined ? {} : { shuffle }),
      }),
    )
  }
  const final = (): E.Either<EngineFailure, FinalMetrics> => {
    if (inPlace === undefined) plan.loadParameters(state.network.parameters)
    const trained = measureSet(train, 'loss')
    if (E.isLeft(trained)) return trained
    const base = { trainLoss: trained.right.loss, trainAccuracy: trained.right.accuracy }
    if (test === undefined) return E.right(Object.freeze(base))
    const tested = measureSet(test, 'loss')
    if (E.isLeft(tested)) return tested
    return E.right(
      Object.freeze({ ...base, testLoss: tested.right.loss, testAccuracy: tested.right.accuracy }),
    )
  }
  return E.right(
    Object.freeze({
      run,
      final,
      close: () => {
        pool?.close()
        pool = undefined
      },
    }),
  )
}
