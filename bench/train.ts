// `npm run bench` (third part): end-to-end training, gradfold against TensorFlow.js (cpu and wasm
// backends) and, when /usr/bin/python3 has them, numpy and PyTorch — the same loop on the same data
// from the same initial weights. A = the notebook's moons run ([2, 16, 8, 1], 240 points, 1000
// full-batch epochs), B = its circles run ([2, 32, 16, 8, 1], 300 points, 2000 epochs), C = one
// epoch of 784-128-10 (ReLU, sigmoid, MSE) over 60 000 synthetic samples in batches of 128, SGD
// at 0.1. gradfold runs A and B through `train.fit` and through the CLI as users run it
// (`node cli/dist/bin.js train <config> --quiet`, its own "trained N epochs in T s" is the loop
// time), and C through `train.fit` with 1 and 2 workers. Every implementation's final loss is
// checked against gradfold's (float64 to 1e-9, tfjs's float32 loosely) — a benchmark of a wrong
// loop is worthless. Also measured: the bytes a training step allocates, and what recording a
// history costs over 20 000 epochs of A (bench/history.ts). Prints the issue's goal lines
// (bench/goals.ts) and the kernel backend; writes bench/results/train-<date>.json and
// bench/results/train-latest.json. Speed is reported, never asserted.

import { spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { isDeepStrictEqual } from 'node:util'
import v8 from 'node:v8'
import * as tf from '@tensorflow/tfjs-core'
import '@tensorflow/tfjs-backend-cpu'
import { setWasmPaths, version_wasm } from '@tensorflow/tfjs-backend-wasm'
import * as E from 'fp-ts/lib/Either.js'
import { data, linalg, network, random, train } from '../src/index.js'
import { compileDensePlan } from '../src/network/compiled/dense-plan.js'
import { backendName } from '../src/linalg/backend.js'
import { goal, goals, goalSummary } from './goals.js'
import { describeRun, historyRuns } from './history.js'

const orFail = <Value>(either: E.Either<{ readonly message: string }, Value>): Value => {
  if (E.isLeft(either)) throw new Error(either.left.message)
  return either.right
}

// ------------------------------------------------------------------------------ the cases

/** A full-batch case (A, B): data, initial weights, epochs — everything every implementation needs. */
interface FullBatchCase {
  readonly name: string
  readonly description: string
  readonly X: number[][]
  readonly y: number[][]
  readonly weights: number[][][]
  readonly biases: number[][][]
  readonly epochs: number
  readonly learningRate: number
  readonly repetitions: number
}

/** The synthetic mini-batch case (C): its data are a formula every implementation evaluates. */
interface SyntheticCase {
  readonly name: string
  readonly description: string
  readonly samples: number
  readonly inputs: number
  readonly classes: number
  readonly hidden: number
  readonly batchSize: number
  readonly learningRate: number
  readonly weights: number[][][]
  readonly biases: number[][][]
  readonly repetitions: number
}

const LEARNING_RATE = 0.1

const parametersOf = (
  net: network.Network,
): { readonly weights: number[][][]; readonly biases: number[][][] } => {
  const weights: number[][][] = []
  const biases: number[][][] = []
  for (const layer of net.parameters.layers) {
    if ('W' in layer) {
      weights.push(linalg.toRows(layer.W).map((row) => [...row]))
      biases.push(linalg.toRows(layer.b).map((row) => [...row]))
    }
  }
  return { weights, biases }
}

const heNetwork = (sizes: readonly number[], seed: number): network.Network =>
  orFail(network.mlp(sizes, { hidden: 'relu', output: 'sigmoid', rng: random.numpy.seed(seed) }))

const rowsOf = (matrix: linalg.Matrix): number[][] => linalg.toRows(matrix).map((row) => [...row])

// The data of A and B, written once: the bench builds them from these and so do the CLI configs.
const SEED = 42
const moonsData = { samples: 300, noise: 0.2, seed: SEED } as const
const moonsSplitOptions = { testSize: 0.2, seed: SEED } as const
const circlesData = { samples: 300, noise: 0.1, factor: 0.5, seed: SEED } as const
const moonsLayers = [2, 16, 8, 1] as const
const circlesLayers = [2, 32, 16, 8, 1] as const

const moonsSplit = orFail(
  data.trainTestSplit(orFail(data.makeMoons({ ...moonsData, rng: 'numpy' })), {
    ...moonsSplitOptions,
    rng: 'numpy',
  }),
)
const circles = orFail(data.makeCircles({ ...circlesData, rng: 'numpy' }))
const moonsNetwork = heNetwork(moonsLayers, SEED)
const circlesNetwork = heNetwork(circlesLayers, SEED)
const syntheticNetwork = heNetwork([784, 128, 10], 7)

const caseA: FullBatchCase = {
  name: 'A',
  description: 'moons [2,16,8,1], 240 points, 1000 full-batch epochs',
  X: rowsOf(moonsSplit.train.X),
  y: rowsOf(moonsSplit.train.y),
  ...parametersOf(moonsNetwork),
  epochs: 1000,
  learningRate: LEARNING_RATE,
  repetitions: 5,
}
const caseB: FullBatchCase = {
  name: 'B',
  description: 'circles [2,32,16,8,1], 300 points, 2000 full-batch epochs',
  X: rowsOf(circles.X),
  y: rowsOf(circles.y),
  ...parametersOf(circlesNetwork),
  epochs: 2000,
  learningRate: LEARNING_RATE,
  repetitions: 5,
}
const caseC: SyntheticCase = {
  name: 'C',
  description: '784-128-10 relu/sigmoid/MSE, 60000 synthetic samples, batch 128, 1 epoch',
  samples: 60_000,
  inputs: 784,
  classes: 10,
  hidden: 128,
  batchSize: 128,
  learningRate: LEARNING_RATE,
  ...parametersOf(syntheticNetwork),
  // an epoch of C takes seconds per implementation: three timed runs each (tfjs-cpu: one)
  repetitions: 3,
}

/**
 * The CLI config of a full-batch case: numpy streams from seed 42 for the data, the split and the
 * He-normal weights, SGD at 0.1, MSE, the whole set per step — what `network.mlp` and the data
 * calls above do. examples/moons.json is this for A.
 */
const cliConfig = (
  dataset: Record<string, unknown>,
  split: Record<string, unknown> | null,
  layers: readonly number[],
  epochs: number,
): Record<string, unknown> => ({
  seed: SEED,
  rng: 'numpy',
  data: dataset,
  ...(split === null ? {} : { split }),
  model: { layers, hidden: 'relu', output: 'sigmoid', init: 'he-normal' },
  loss: 'mse',
  optimizer: { name: 'sgd', learningRate: LEARNING_RATE },
  epochs,
  batchSize: null,
})
const configA = cliConfig({ name: 'moons', ...moonsData }, moonsSplitOptions, moonsLayers, 1000)
const configB = cliConfig({ name: 'circles', ...circlesData }, null, circlesLayers, 2000)

/**
 * The synthetic examples [start, end): x[i, j] = ((7919·i + 104729·j + (i·j mod 977)) mod 1000) /
 * 1000 and a one-hot label (7919·i mod 1009) mod 10 — integer arithmetic exact in every
 * implementation, so all of them see the same float64 numbers (bench/python/train.py repeats it).
 */
const syntheticRows = (
  spec: SyntheticCase,
  start: number,
  end: number,
): { readonly X: Float64Array; readonly y: Float64Array } => {
  const count = end - start
  const X = new Float64Array(count * spec.inputs)
  const y = new Float64Array(count * spec.classes)
  for (let row = 0; row < count; row++) {
    const i = start + row
    for (let j = 0; j < spec.inputs; j++) {
      X[row * spec.inputs + j] = ((i * 7919 + j * 104729 + ((i * j) % 977)) % 1000) / 1000
    }
    y[row * spec.classes + (((i * 7919) % 1009) % spec.classes)] = 1
  }
  return { X, y }
}

/** The first `rows` synthetic examples as one gradfold batch. */
const syntheticBatch = (
  spec: SyntheticCase,
  set: { readonly X: Float64Array; readonly y: Float64Array },
  rows: number,
): network.Batch => ({
  X: orFail(linalg.fromFlat(rows, spec.inputs, set.X.subarray(0, rows * spec.inputs))),
  y: orFail(linalg.fromFlat(rows, spec.classes, set.y.subarray(0, rows * spec.classes))),
})

// ------------------------------------------------------------------------------ timing

interface Timing {
  readonly runs: number
  readonly medianSeconds: number
  readonly bestSeconds: number
}

const medianOf = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  const upper = sorted[middle] ?? Number.NaN
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? upper) + upper) / 2
}

const timingOf = (seconds: readonly number[]): Timing => ({
  runs: seconds.length,
  medianSeconds: medianOf(seconds),
  bestSeconds: Math.min(...seconds),
})

/** Runs `warmUp` once, then `run` `repetitions` times; the timings and the last run's result. */
const timedRuns = <Value>(
  run: () => Value,
  repetitions: number,
  warmUp: () => unknown,
): Timing & { readonly last: Value } => {
  warmUp()
  const seconds: number[] = []
  let last: Value | undefined
  for (let repetition = 0; repetition < repetitions; repetition++) {
    const before = performance.now()
    last = run()
    seconds.push((performance.now() - before) / 1000)
  }
  if (last === undefined) throw new Error('timedRuns: no repetitions')
  return { ...timingOf(seconds), last }
}

/** `timedRuns` for a run whose result is its final loss. */
const timed = (
  run: () => number,
  repetitions: number,
  warmUp: () => void,
): Timing & { readonly finalLoss: number } => {
  const { last, ...timing } = timedRuns(run, repetitions, warmUp)
  return { ...timing, finalLoss: last }
}

// ------------------------------------------------------------------------------ gradfold

/** A and B through `train.fit`, as the notebook tour runs them; the final training loss. */
const gradfoldFullBatch = (net: network.Network, batch: network.Batch, epochs: number): number => {
  const optimizer = orFail(train.sgd(LEARNING_RATE))
  const result = orFail(
    train.fit({ loss: 'mse', optimizer, epochs, batchSize: null })(
      train.initialState(net, optimizer),
      { train: batch },
    ),
  )
  if (result.history.loss.length !== epochs) throw new Error('fit recorded the wrong epoch count')
  return result.history.final?.trainLoss ?? Number.NaN
}

/**
 * C through `train.fit`: one epoch over `batch` in mini-batches of 128 in the data's order (no
 * shuffle), with `workers` data-parallel workers. A Left or a throw comes back as a Left (the
 * workers option is being built while this bench is), so the bench can print it and go on.
 */
const gradfoldSynthetic = (
  workers: number,
  batch: network.Batch,
): E.Either<string, train.FitResult<unknown>> => {
  const built = train.sgd(LEARNING_RATE)
  if (E.isLeft(built)) return E.left(built.left.message)
  const optimizer = built.right
  try {
    const result = train.fit({
      loss: 'mse',
      optimizer,
      epochs: 1,
      batchSize: caseC.batchSize,
      workers,
    })(train.initialState(syntheticNetwork, optimizer), { train: batch })
    return E.mapLeft((error: { readonly message: string }) => error.message)(result)
  } catch (error: unknown) {
    return E.left(`threw ${error instanceof Error ? error.message : String(error)}`)
  }
}

/** What one `gradfold train` process reported. */
interface CliRun {
  /** The loop, as the CLI's summary prints it: "trained N epochs in T s". */
  readonly loopSeconds: number
  /** The whole process: start-up, data, training, writing the files. */
  readonly wallSeconds: number
  readonly epochs: number
  /** history.json's final.trainLoss. */
  readonly finalLoss: number
}

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url))
const cliPath = join(repositoryRoot, 'cli/dist/bin.js')

/** Runs `gradfold train <configPath> --out <empty temp dir> --quiet`, as a user does. */
const runCli = (configPath: string): E.Either<string, CliRun> => {
  const out = mkdtempSync(join(os.tmpdir(), 'gradfold-bench-run-'))
  try {
    const before = performance.now()
    const child = spawnSync(
      process.execPath,
      [cliPath, 'train', configPath, '--out', out, '--quiet'],
      { encoding: 'utf8' },
    )
    const wallSeconds = (performance.now() - before) / 1000
    if (child.status !== 0) {
      const said = `${child.stderr}${child.stdout}`.trim().split('\n')[0] ?? ''
      return E.left(`exit ${String(child.status ?? child.signal)}: ${said}`)
    }
    const summary = /trained (\d+) epochs? in ([\d.]+) s/.exec(child.stdout)
    if (summary === null) return E.left(`no "trained N epochs in T s" in: ${child.stdout.trim()}`)
    const history = JSON.parse(readFileSync(join(out, 'history.json'), 'utf8')) as {
      final?: { trainLoss?: number }
    }
    return E.right({
      loopSeconds: Number(summary[2]),
      wallSeconds,
      epochs: Number(summary[1]),
      finalLoss: history.final?.trainLoss ?? Number.NaN,
    })
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
}

/** The newest modification time of a .ts file under `directory`. */
const newestSource = (directory: string): number =>
  Math.max(
    0,
    ...readdirSync(directory, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts'))
      .map((file) => statSync(join(directory, file)).mtimeMs),
  )

// ------------------------------------------------------------------------------ allocation

/** What `allocationPerStep` measured. */
interface Allocation {
  readonly method: string
  readonly steps: number
  /** Bytes allocated on the JS heap per step, counted across the garbage collections in between. */
  readonly allocatedBytesPerStep: number
  /** What a whole train.fit over the same batches allocated (plans, state, history included). */
  readonly fitBytes: number
  readonly collections: number
}

const ALLOCATION_STEPS = 100
const ALLOCATION_WINDOWS = 5

/** Bytes allocated on the JS heap while `run` runs: the heap's growth between collections. */
const allocatedDuring = <Value>(
  run: () => Value,
): { readonly value: Value; readonly bytes: number; readonly collections: number } => {
  const start = v8.getHeapStatistics().used_heap_size
  const profiler = new v8.GCProfiler()
  profiler.start()
  const value = run()
  const { statistics } = profiler.stop()
  const end = v8.getHeapStatistics().used_heap_size
  let bytes = 0
  let previous = start
  for (const collection of statistics) {
    bytes += collection.beforeGC.heapStatistics.usedHeapSize - previous
    previous = collection.afterGC.heapStatistics.usedHeapSize
  }
  bytes += end - previous
  return { value, bytes, collections: statistics.length }
}

/**
 * Bytes allocated per compiled training step of C, in steady state — the compiled step's promise
 * is ~0. The step as `fit` runs it with SGD: the plan's forward and backward pass on a batch of
 * 128 rows, the per-layer gradient norms the epoch records, and the optimizer's in-place update;
 * windows of ALLOCATION_STEPS of them after a warm-up, the least counted: the JS heap's growth
 * across collections, from v8's GC profiler (a Float64Array's storage lives outside the JS heap,
 * its wrapper object inside). `fitBytes` is a whole `train.fit` over the same batches, for scale: it
 * also compiles the plans, copies the state out and returns the history. Needs --expose-gc.
 */
const allocationPerStep = (batch: network.Batch): E.Either<string, Allocation> => {
  const gc = (globalThis as { gc?: () => void }).gc
  if (gc === undefined) return E.left('run node with --expose-gc')
  const plan = compileDensePlan(syntheticNetwork, { loss: 'mse', capacity: caseC.batchSize })
  if (E.isLeft(plan)) return E.left(plan.left.message)
  const { right: compiled } = plan
  compiled.loadParameters(syntheticNetwork.parameters)
  compiled.input.set(linalg.toFloat64Array(batch.X).subarray(0, caseC.batchSize * caseC.inputs))
  compiled.target.set(linalg.toFloat64Array(batch.y).subarray(0, caseC.batchSize * caseC.classes))
  const optimizer = train.sgd(LEARNING_RATE)
  if (E.isLeft(optimizer)) return E.left(optimizer.left.message)
  const inPlace = optimizer.right.inPlace
  if (inPlace === undefined) return E.left('train.sgd has no in-place form')
  const counters = Float64Array.from(
    inPlace.unpack(optimizer.right.init(syntheticNetwork.parameters)).counters,
  )
  const steps = (count: number): number => {
    let total = 0
    for (let repetition = 0; repetition < count; repetition++) {
      total += compiled.run(caseC.batchSize, true)
      for (let leaf = 0; leaf < compiled.gradients.length; leaf++) {
        total += compiled.gradientNorm(leaf)
      }
      inPlace.apply(counters, compiled.parameters, compiled.gradients, [])
    }
    return total
  }
  // Steady state: after a warm-up, several windows of ALLOCATION_STEPS steps; the quietest one
  // counts (a window in which V8 recompiles a function also counts the new code's bytes).
  steps(ALLOCATION_STEPS)
  const windows: { readonly bytes: number; readonly collections: number }[] = []
  for (let window = 0; window < ALLOCATION_WINDOWS; window++) {
    gc()
    const measured = allocatedDuring(() => steps(ALLOCATION_STEPS))
    if (!Number.isFinite(measured.value)) return E.left('the steps diverged')
    windows.push(measured)
  }
  const measured = windows.reduce((least, window) => (window.bytes < least.bytes ? window : least))
  gc()
  const fitted = allocatedDuring(() => gradfoldSynthetic(1, batch))
  if (E.isLeft(fitted.value)) return E.left(`train.fit failed: ${fitted.value.left}`)
  return E.right({
    method: `the least of ${ALLOCATION_WINDOWS} windows of ${ALLOCATION_STEPS} compiled steps of C (forward, backward, norms, in-place SGD) after a warm-up; JS heap, v8.GCProfiler`,
    steps: ALLOCATION_STEPS,
    allocatedBytesPerStep: measured.bytes / ALLOCATION_STEPS,
    fitBytes: fitted.bytes,
    collections: measured.collections,
  })
}

// ------------------------------------------------------------------------------ TensorFlow.js

type Parameters = readonly (readonly [tf.Variable, tf.Variable])[]

const tfParameters = (weights: number[][][], biases: number[][][]): Parameters =>
  weights.map((W, index) => [
    tf.variable(tf.tensor2d(W)),
    tf.variable(tf.tensor2d(biases[index] ?? [])),
  ])

const tfForward = (parameters: Parameters, X: tf.Tensor2D): tf.Tensor2D => {
  let a = X
  parameters.forEach(([W, b], index) => {
    const z = tf.add<tf.Tensor2D>(tf.matMul(a, W), b)
    a = index === parameters.length - 1 ? tf.sigmoid(tf.clipByValue(z, -500, 500)) : tf.relu(z)
  })
  return a
}

const tfMse = (output: tf.Tensor2D, y: tf.Tensor2D): tf.Scalar =>
  tf.mean(tf.square(tf.sub(output, y)))

/**
 * One notebook step with the backward pass written out, as the numpy loop does (tfjs-core alone
 * registers no gradients, and its ESM gradient registry does not load in Node): loss, accuracy of
 * the same forward output, Σ‖dW‖², the SGD update; the three numbers are read back every step,
 * as the other loops read theirs.
 */
const tfStep = (parameters: Parameters, X: tf.Tensor2D, y: tf.Tensor2D): number => {
  const recorded = tf.tidy(() => {
    const activations: tf.Tensor2D[] = [X]
    let a = X
    parameters.forEach(([W, b], index) => {
      const z = tf.add<tf.Tensor2D>(tf.matMul(a, W), b)
      a = index === parameters.length - 1 ? tf.sigmoid(tf.clipByValue(z, -500, 500)) : tf.relu(z)
      activations.push(a)
    })
    const difference = tf.sub<tf.Tensor2D>(a, y)
    const loss = tf.mean(tf.square(difference))
    const accuracy = tf.mean(
      tf.cast(tf.equal(tf.cast(tf.greater(a, 0.5), 'float32'), y), 'float32'),
    )
    let delta = tf.mul<tf.Tensor2D>(difference, 2 / a.size)
    let norm: tf.Tensor = tf.scalar(0)
    const updates: [tf.Variable, tf.Tensor][] = []
    for (let index = parameters.length - 1; index >= 0; index--) {
      const [W, b] = parameters[index] ?? []
      const output = activations[index + 1]
      const input = activations[index]
      if (W === undefined || b === undefined || output === undefined || input === undefined) {
        throw new Error('tfjs: a layer is missing')
      }
      const slope =
        index === parameters.length - 1
          ? tf.mul(output, tf.sub(1, output))
          : tf.cast(tf.greater(output, 0), 'float32')
      const dz = tf.mul<tf.Tensor2D>(delta, slope)
      const dW = tf.matMul(input, dz, true, false)
      const db = tf.sum(dz, 0, true)
      if (index > 0) delta = tf.matMul(dz, W, false, true)
      norm = tf.add(norm, tf.sum(tf.square(dW)))
      updates.push(
        [W, tf.sub(W, tf.mul(dW, LEARNING_RATE))],
        [b, tf.sub(b, tf.mul(db, LEARNING_RATE))],
      )
    }
    for (const [variable, value] of updates) variable.assign(value)
    return tf.stack([loss, accuracy, norm])
  })
  const [loss] = recorded.dataSync()
  recorded.dispose()
  return loss ?? Number.NaN
}

const tfFullBatch = (spec: FullBatchCase, epochs: number): number => {
  const X = tf.tensor2d(spec.X)
  const y = tf.tensor2d(spec.y)
  const parameters = tfParameters(spec.weights, spec.biases)
  for (let epoch = 0; epoch < epochs; epoch++) tfStep(parameters, X, y)
  const final = tf.tidy(() => tfMse(tfForward(parameters, X), y))
  const [loss] = final.dataSync()
  tf.dispose([final, X, y, ...parameters.flat()])
  return loss ?? Number.NaN
}

interface TfBatch {
  readonly X: tf.Tensor2D
  readonly y: tf.Tensor2D
  readonly rows: number
}

/** C: one epoch; the batch losses averaged weighted by their rows, and the trained parameters. */
const tfEpoch = (
  spec: SyntheticCase,
  batches: readonly TfBatch[],
  limit = batches.length,
): { readonly epochLoss: number; readonly parameters: Parameters } => {
  const parameters = tfParameters(spec.weights, spec.biases)
  let total = 0
  let rows = 0
  for (const batch of batches.slice(0, limit)) {
    total += tfStep(parameters, batch.X, batch.y) * batch.rows
    rows += batch.rows
  }
  return { epochLoss: total / rows, parameters }
}

/** The MSE over every batch together (each batch's squared errors summed, then one mean). */
const tfWholeSetLoss = (
  spec: SyntheticCase,
  parameters: Parameters,
  batches: readonly TfBatch[],
): number => {
  let total = 0
  let rows = 0
  for (const batch of batches) {
    const sum = tf.tidy(() => tf.sum(tf.square(tf.sub(tfForward(parameters, batch.X), batch.y))))
    total += sum.dataSync()[0] ?? Number.NaN
    sum.dispose()
    rows += batch.rows
  }
  return total / (rows * spec.classes)
}

// ------------------------------------------------------------------------------ the runs

interface Result extends Timing {
  readonly implementation: string
  readonly case: string
  /** A, B: the loss on the training set after training. C: the same, on all 60 000 rows. */
  readonly finalLoss: number
  /** C: the epoch's batch losses averaged weighted by their rows (the Keras convention). */
  readonly epochLoss?: number
  /** The CLI: each process's wall time, start-up and files included. */
  readonly wallSeconds?: readonly number[]
}

const GRADFOLD = 'gradfold (float64)'
const GRADFOLD_CLI = 'gradfold train (CLI)'
const GRADFOLD_WORKERS = 'gradfold workers: 2'

const results: Result[] = []
const notes: string[] = []
const note = (text: string): void => {
  notes.push(text)
  console.log(`  note: ${text}`)
}
const push = (
  implementation: string,
  name: string,
  outcome: Omit<Result, 'implementation' | 'case'>,
) => {
  results.push({ implementation, case: name, ...outcome })
  console.log(
    `  ${implementation.padEnd(22)} ${name}  ${outcome.medianSeconds.toFixed(3)} s (median of ${outcome.runs})`,
  )
}
const resultOf = (implementation: string, name: string): Result | undefined =>
  results.find((result) => result.case === name && result.implementation === implementation)

// the kernel backend: asked for in GRADFOLD_BACKEND, chosen by src/linalg/backend.ts
const requestedBackend = process.env.GRADFOLD_BACKEND ?? 'auto'
const backendLine = `kernel backend: ${backendName} (GRADFOLD_BACKEND=${requestedBackend})`

console.log('end-to-end training: measuring (this takes several minutes)')
console.log(backendLine)

// gradfold: train.fit on A and B
const moonsBatch = { X: moonsSplit.train.X, y: moonsSplit.train.y }
push(
  GRADFOLD,
  'A',
  timed(
    () => gradfoldFullBatch(moonsNetwork, moonsBatch, caseA.epochs),
    caseA.repetitions,
    () => gradfoldFullBatch(moonsNetwork, moonsBatch, 100),
  ),
)
push(
  GRADFOLD,
  'B',
  timed(
    () => gradfoldFullBatch(circlesNetwork, circles, caseB.epochs),
    caseB.repetitions,
    () => gradfoldFullBatch(circlesNetwork, circles, 100),
  ),
)

// gradfold: the CLI on A and B, as a user runs it
const cliReport: Record<string, unknown> = { path: 'cli/dist/bin.js' }
if (!existsSync(cliPath)) {
  note('gradfold train (CLI) skipped: cli/dist/bin.js is missing (npm run build)')
} else {
  const builtAt = statSync(cliPath).mtimeMs
  const stale =
    Math.max(
      newestSource(join(repositoryRoot, 'src')),
      newestSource(join(repositoryRoot, 'cli', 'src')),
    ) > builtAt
  cliReport.builtAt = new Date(builtAt).toISOString()
  cliReport.olderThanSrc = stale
  console.log(
    `  the CLI: cli/dist/bin.js, built ${new Date(builtAt).toISOString()}` +
      (stale
        ? ' — OLDER than src/ or cli/src/ (npm run build): its figures are for the built code'
        : ''),
  )
  const temporary = mkdtempSync(join(os.tmpdir(), 'gradfold-bench-configs-'))
  try {
    // examples/moons.json must be case A; if it has drifted the CLI runs A from a temp config
    const example = join(repositoryRoot, 'examples/moons.json')
    let pathA = example
    if (
      !existsSync(example) ||
      !isDeepStrictEqual(JSON.parse(readFileSync(example, 'utf8')), configA)
    ) {
      pathA = join(temporary, 'moons-A.json')
      writeFileSync(pathA, JSON.stringify(configA))
      note(
        'examples/moons.json is not case A any more: the CLI ran A from a config the bench wrote',
      )
    }
    const pathB = join(temporary, 'circles-B.json')
    writeFileSync(pathB, JSON.stringify(configB))
    cliReport.configs = { A: pathA === example ? 'examples/moons.json' : configA, B: configB }
    for (const [name, path, runs] of [
      ['A', pathA, 5],
      ['B', pathB, 3],
    ] as const) {
      const outcomes: CliRun[] = []
      let failure: string | undefined
      for (let run = 0; run < runs && failure === undefined; run++) {
        const outcome = runCli(path)
        if (E.isLeft(outcome)) failure = outcome.left
        else outcomes.push(outcome.right)
      }
      const last = outcomes.at(-1)
      if (failure !== undefined || last === undefined) {
        note(`gradfold train (CLI) on ${name} failed: ${failure ?? 'no run'}`)
        continue
      }
      push(GRADFOLD_CLI, name, {
        ...timingOf(outcomes.map((outcome) => outcome.loopSeconds)),
        finalLoss: last.finalLoss,
        wallSeconds: outcomes.map((outcome) => outcome.wallSeconds),
      })
      console.log(
        `    (whole process: median ${medianOf(outcomes.map((outcome) => outcome.wallSeconds)).toFixed(3)} s; ${last.epochs} epochs)`,
      )
    }
  } finally {
    rmSync(temporary, { recursive: true, force: true })
  }
}

// gradfold: train.fit on C, with 1 and 2 workers
const syntheticSet = syntheticRows(caseC, 0, caseC.samples)
const syntheticAll = syntheticBatch(caseC, syntheticSet, caseC.samples)
const syntheticHead = syntheticBatch(caseC, syntheticSet, 20 * caseC.batchSize)
for (const [workers, label] of [
  [1, GRADFOLD],
  [2, GRADFOLD_WORKERS],
] as const) {
  const warm = gradfoldSynthetic(workers, syntheticHead)
  if (E.isLeft(warm)) {
    note(`train.fit on C with workers: ${workers} failed: ${warm.left}`)
    continue
  }
  const outcome = timedRuns(
    () => gradfoldSynthetic(workers, syntheticAll),
    caseC.repetitions,
    () => undefined,
  )
  if (E.isLeft(outcome.last)) {
    note(`train.fit on C with workers: ${workers} failed: ${outcome.last.left}`)
    continue
  }
  const { history } = outcome.last.right
  push(label, 'C', {
    runs: outcome.runs,
    medianSeconds: outcome.medianSeconds,
    bestSeconds: outcome.bestSeconds,
    finalLoss: history.final?.trainLoss ?? Number.NaN,
    epochLoss: history.loss[0] ?? Number.NaN,
  })
}

// gradfold: bytes allocated per step
const allocation = allocationPerStep(
  syntheticBatch(caseC, syntheticSet, ALLOCATION_STEPS * caseC.batchSize),
)
if (E.isRight(allocation)) {
  console.log(
    `  bytes allocated per step: ${Math.round(allocation.right.allocatedBytesPerStep)} B on the JS heap (${allocation.right.method}); a whole train.fit over ${allocation.right.steps} batches: ${Math.round(allocation.right.fitBytes / 1000)} kB`,
  )
} else {
  note(`bytes allocated per step: not measured, ${allocation.left}`)
}

// numpy and PyTorch
const python = '/usr/bin/python3'
interface PythonImplementation {
  readonly skipped?: string
  readonly version?: string
  readonly threads?: number
  readonly results?: Record<
    string,
    Timing & {
      finalLoss: number
      epochLoss?: number
      seconds: number[]
      /** C only: the whole-set loss and accuracy after the epoch, as fit's final figures. */
      finalFiguresSeconds?: number
    }
  >
}
let pythonReport: { python?: string; numpy?: PythonImplementation; torch?: PythonImplementation } =
  {}
if (!existsSync(python)) {
  note(`numpy and PyTorch skipped: ${python} is not installed`)
} else {
  const child = spawnSync(python, [join(repositoryRoot, 'bench/python/train.py')], {
    input: JSON.stringify({ cases: [caseA, caseB], synthetic: caseC }),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  if (child.status !== 0) {
    note(
      `numpy and PyTorch skipped: bench/python/train.py failed (${child.stderr.trim().split('\n').at(-1) ?? `exit ${String(child.status)}`})`,
    )
  } else {
    pythonReport = JSON.parse(child.stdout) as typeof pythonReport
    for (const [key, label] of [
      ['numpy', 'numpy (float64)'],
      ['torch', 'PyTorch (float64)'],
    ] as const) {
      const report = pythonReport[key]
      if (report?.results === undefined) {
        note(`${label} skipped: ${report?.skipped ?? 'no results'}`)
        continue
      }
      for (const [name, outcome] of Object.entries(report.results)) {
        push(label, name, {
          runs: outcome.seconds.length,
          medianSeconds: outcome.medianSeconds,
          bestSeconds: outcome.bestSeconds,
          finalLoss: outcome.finalLoss,
          ...(outcome.epochLoss === undefined ? {} : { epochLoss: outcome.epochLoss }),
        })
      }
    }
  }
}

// TensorFlow.js
const require = createRequire(import.meta.url)
setWasmPaths(
  join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/',
)
for (const backend of ['cpu', 'wasm'] as const) {
  if (!(await tf.setBackend(backend))) {
    note(`tfjs-${backend} skipped: the backend did not start`)
    continue
  }
  await tf.ready()
  const label = `tfjs-${backend} (float32)`
  // tfjs-cpu is slow (about forty seconds an epoch of C): fewer timed runs there.
  const slow = backend === 'cpu'
  push(
    label,
    'A',
    timed(
      () => tfFullBatch(caseA, caseA.epochs),
      slow ? 3 : caseA.repetitions,
      () => tfFullBatch(caseA, 50),
    ),
  )
  push(
    label,
    'B',
    timed(
      () => tfFullBatch(caseB, caseB.epochs),
      slow ? 2 : caseB.repetitions,
      () => tfFullBatch(caseB, 50),
    ),
  )
  const tensors: TfBatch[] = []
  for (let start = 0; start < caseC.samples; start += caseC.batchSize) {
    const rows = Math.min(caseC.batchSize, caseC.samples - start)
    tensors.push({
      X: tf.tensor2d(
        Float32Array.from(
          syntheticSet.X.subarray(start * caseC.inputs, (start + rows) * caseC.inputs),
        ),
        [rows, caseC.inputs],
      ),
      y: tf.tensor2d(
        Float32Array.from(
          syntheticSet.y.subarray(start * caseC.classes, (start + rows) * caseC.classes),
        ),
        [rows, caseC.classes],
      ),
      rows,
    })
  }
  let trained: Parameters | undefined
  const epochOf = (limit?: number): number => {
    if (trained !== undefined) tf.dispose(trained.flat())
    const outcome = tfEpoch(caseC, tensors, limit)
    trained = outcome.parameters
    return outcome.epochLoss
  }
  const outcome = timedRuns(
    () => epochOf(),
    slow ? 1 : caseC.repetitions,
    () => epochOf(10),
  )
  // measured after the timing, as the Python side does
  const finalLoss = trained === undefined ? Number.NaN : tfWholeSetLoss(caseC, trained, tensors)
  if (trained !== undefined) tf.dispose(trained.flat())
  push(label, 'C', {
    runs: outcome.runs,
    medianSeconds: outcome.medianSeconds,
    bestSeconds: outcome.bestSeconds,
    finalLoss,
    epochLoss: outcome.last,
  })
  tf.dispose(tensors.flatMap(({ X, y }) => [X, y]))
}

// the cost of a history: 20 000 epochs of A in child processes, each with a budget
const HISTORY_EPOCHS = 20_000
const HISTORY_BUDGET_SECONDS = 120
console.log(
  `  history: ${HISTORY_EPOCHS} epochs of A with and without a history (child processes, ${HISTORY_BUDGET_SECONDS} s budget each)`,
)
const historyCost = historyRuns(HISTORY_EPOCHS, HISTORY_BUDGET_SECONDS)
console.log(`    without a history: ${describeRun(historyCost.without)}`)
console.log(`    with a history:    ${describeRun(historyCost.with)}`)
if (
  historyCost.with.finalLoss !== undefined &&
  historyCost.without.finalLoss !== undefined &&
  historyCost.with.finalLoss !== historyCost.without.finalLoss
) {
  note(
    `history: the runs with and without a history end at different losses (${historyCost.with.finalLoss} vs ${historyCost.without.finalLoss}) — not the same computation`,
  )
}

// ------------------------------------------------------------------------------ the report

/** float64 implementations must agree to 1e-9 relative; tfjs computes in float32. */
const toleranceOf = (implementation: string): number =>
  implementation.startsWith('tfjs') ? 1e-2 : 1e-9

const relativeDifference = (value: number, reference: number | undefined): number =>
  reference === undefined ? Number.NaN : Math.abs(value - reference) / Math.abs(reference)

const rows = results.map((result) => {
  const reference = resultOf(GRADFOLD, result.case)
  const difference = relativeDifference(result.finalLoss, reference?.finalLoss)
  const agrees = difference <= toleranceOf(result.implementation)
  const ratio =
    reference === undefined ? Number.NaN : result.medianSeconds / reference.medianSeconds
  return { ...result, relativeDifference: difference, agrees, timeOverGradfold: ratio }
})

/**
 * The BLAS Debian's numpy loads: the libblas.so.3 alternative (the reference BLAS unless a faster
 * one such as libopenblas0-pthread is installed — numpy's speed on B and C depends on it).
 */
const numpyBlas = ((): string => {
  try {
    return realpathSync('/etc/alternatives/libblas.so.3-x86_64-linux-gnu')
  } catch {
    return 'unknown (no /etc/alternatives/libblas.so.3-x86_64-linux-gnu)'
  }
})()

const environment = {
  date: new Date().toISOString(),
  node: process.version,
  cpu: os.cpus()[0]?.model ?? 'unknown',
  logicalCpus: os.cpus().length,
  kernelBackend: backendName,
  requestedBackend,
  tfjsCore: tf.version_core,
  tfjsBackendWasm: version_wasm,
  python: pythonReport.python,
  numpy: pythonReport.numpy?.version,
  numpyBlas,
  torch: pythonReport.torch?.version,
  torchThreads: pythonReport.torch?.threads,
}
console.log('')
console.log(
  `node ${environment.node}, ${environment.cpu} ×${environment.logicalCpus}; tfjs ${environment.tfjsCore}` +
    (environment.numpy === undefined
      ? ''
      : `; python ${environment.python ?? '?'}, numpy ${environment.numpy} (BLAS ${numpyBlas})`) +
    (environment.torch === undefined
      ? ''
      : `, torch ${environment.torch} (${environment.torchThreads ?? '?'} threads)`),
)
console.log(backendLine)
for (const spec of [caseA, caseB, caseC]) console.log(`${spec.name}: ${spec.description}`)
console.log('')
console.log(
  'case  implementation          median s   best s  runs       final loss  |Δ|/gradfold  agrees  time ÷ gradfold',
)
for (const row of rows) {
  console.log(
    `${row.case.padEnd(4)}  ${row.implementation.padEnd(22)} ${row.medianSeconds.toFixed(3).padStart(9)} ${row.bestSeconds.toFixed(3).padStart(8)} ${String(row.runs).padStart(5)}  ${row.finalLoss.toPrecision(12).padStart(15)}  ${row.relativeDifference.toExponential(1).padStart(12)}  ${(row.agrees ? 'yes' : 'NO').padStart(6)}  ${row.timeOverGradfold.toFixed(2).padStart(14)}`,
  )
}
console.log('')
console.log(
  `time ÷ gradfold above 1: gradfold (train.fit) is faster. Final loss: after training, on the training set (C: all ${caseC.samples} rows). Loss checks: float64 to 1e-9 relative, tfjs (float32) to 1e-2.`,
)
console.log(
  'gradfold train (CLI): the loop time its summary prints ("trained N epochs in T s"), median of its runs; the whole process is in the results JSON.',
)

// C's epoch loss: fit's history.loss[0] against the loops' batch losses, weighted by their rows
const epochReference = resultOf('numpy (float64)', 'C') ?? resultOf(GRADFOLD, 'C')
const epochRows = rows
  .filter((row) => row.case === 'C' && row.epochLoss !== undefined)
  .map((row) => {
    const difference = relativeDifference(row.epochLoss ?? Number.NaN, epochReference?.epochLoss)
    return {
      implementation: row.implementation,
      epochLoss: row.epochLoss ?? Number.NaN,
      relativeDifference: difference,
      agrees: difference <= toleranceOf(row.implementation),
    }
  })
console.log('')
console.log(
  `C, the epoch's loss: the mean of its batch losses weighted by their rows (the last batch has ${caseC.samples % caseC.batchSize}), against ${epochReference?.implementation ?? 'nothing'}; gradfold's is fit's history.loss[0]`,
)
for (const row of epochRows) {
  console.log(
    `      ${row.implementation.padEnd(22)} ${row.epochLoss.toPrecision(12).padStart(15)}  ${row.relativeDifference.toExponential(1).padStart(12)}  ${(row.agrees ? 'yes' : 'NO').padStart(6)}`,
  )
}
if (epochRows.some((row) => row.implementation.startsWith('gradfold') && !row.agrees)) {
  console.log(
    "      (gradfold differs: fit's history.loss[0] is still the loss on the whole set measured before the epoch, not the mean of the batch losses)",
  )
}
console.log('')
for (const name of ['A', 'B', 'C']) {
  const ratios = rows
    .filter((row) => row.case === name && !row.implementation.startsWith('gradfold'))
    .map((row) => `${row.implementation.split(' ')[0] ?? ''} ${row.timeOverGradfold.toFixed(2)}×`)
  console.log(`${name}: gradfold against ${ratios.join(', ')}`)
}
for (const text of notes) console.log(text)
const disagreements = rows.filter((row) => !row.agrees)
if (disagreements.length > 0) {
  console.log(
    `WARNING: final losses disagree for ${disagreements.map((row) => `${row.case}/${row.implementation}`).join(', ')} — those loops are not the same computation`,
  )
}

// ------------------------------------------------------------------------------ the goals

console.log('')
const seconds = (value: number | undefined): string =>
  value === undefined ? '?' : `${value.toFixed(3)} s`
/** Whether a result's final loss passed its check (a goal on a wrong loop counts for nothing). */
const agreesOf = (result: Result): boolean =>
  rows.find((row) => row.implementation === result.implementation && row.case === result.case)
    ?.agrees ?? false
/** A time ratio goal: `numerator` over `denominator`, or not measured with the reason. */
const ratioGoal = (
  description: string,
  numerator: Result | undefined,
  denominator: Result | undefined,
  limit: number,
  reference: string,
): void => {
  const missing =
    numerator === undefined || denominator === undefined
      ? 'a run failed or was skipped, see the notes'
      : !agreesOf(numerator) || !agreesOf(denominator)
        ? 'a final loss disagrees: those loops are not the same computation'
        : undefined
  goal(
    description,
    numerator === undefined || denominator === undefined || missing !== undefined
      ? undefined
      : numerator.medianSeconds / denominator.medianSeconds,
    limit,
    'at most',
    {
      reference,
      detail:
        missing ??
        `${seconds(numerator?.medianSeconds)} vs ${seconds(denominator?.medianSeconds)}` +
          (numerator?.implementation === GRADFOLD_CLI ? ', the loop the CLI reports' : ''),
    },
  )
}
const numpyOf = (name: string) => resultOf('numpy (float64)', name)
ratioGoal('gradfold train on A', resultOf(GRADFOLD_CLI, 'A'), numpyOf('A'), 0.5, "numpy's loop")
ratioGoal('gradfold train on B', resultOf(GRADFOLD_CLI, 'B'), numpyOf('B'), 1.0, "numpy's loop")
ratioGoal('train.fit on C', resultOf(GRADFOLD, 'C'), numpyOf('C'), 3.0, "numpy's loop")
ratioGoal(
  'train.fit on C',
  resultOf(GRADFOLD, 'C'),
  resultOf('tfjs-wasm (float32)', 'C'),
  0.5,
  "tfjs-wasm's loop",
)
{
  // Not a goal: fit's C also measures the final figures (one forward pass over all 60 000 rows)
  // that numpy's timed epoch leaves out; this is the ratio for the same work.
  const fitC = resultOf(GRADFOLD, 'C')
  const numpyC = numpyOf('C')
  const finalPass = pythonReport.numpy?.results?.C?.finalFiguresSeconds
  if (fitC !== undefined && numpyC !== undefined && finalPass !== undefined) {
    const sameWork = numpyC.medianSeconds + finalPass
    console.log(
      `same work: train.fit on C (epoch + final figures) vs numpy's epoch + its final figures: ${(fitC.medianSeconds / sameWork).toFixed(2)}× (${seconds(fitC.medianSeconds)} vs ${seconds(numpyC.medianSeconds)} + ${seconds(finalPass)})`,
    )
  }
}
{
  // Not a goal: numpy's BLAS (OpenBLAS's pthread build, when installed) runs on every core, and so
  // does train.fit with one worker per core; this is C with both sides using the whole machine.
  const fitC2 = resultOf(GRADFOLD_WORKERS, 'C')
  const numpyC = numpyOf('C')
  if (fitC2 !== undefined && numpyC !== undefined && agreesOf(fitC2)) {
    console.log(
      `both on every core (${os.availableParallelism()} here): train.fit on C with workers: 2 vs numpy's loop: ${(fitC2.medianSeconds / numpyC.medianSeconds).toFixed(2)}× (${seconds(fitC2.medianSeconds)} vs ${seconds(numpyC.medianSeconds)})`,
    )
  }
}
const oneWorker = resultOf(GRADFOLD, 'C')
const twoWorkers = resultOf(GRADFOLD_WORKERS, 'C')
goal(
  'train.fit on C with workers: 2',
  oneWorker === undefined || twoWorkers === undefined || !agreesOf(twoWorkers)
    ? undefined
    : oneWorker.medianSeconds / twoWorkers.medianSeconds,
  1.7,
  'at least',
  {
    reference: 'faster than with one',
    detail:
      oneWorker === undefined || twoWorkers === undefined
        ? 'a run failed, see the notes'
        : !agreesOf(twoWorkers)
          ? "its final loss disagrees with one worker's"
          : `${seconds(twoWorkers.medianSeconds)} vs ${seconds(oneWorker.medianSeconds)}`,
  },
)
goal(
  'bytes allocated per step of C',
  E.isRight(allocation) ? allocation.right.allocatedBytesPerStep / 1000 : undefined,
  1,
  'at most',
  {
    unit: ' kB',
    detail: E.isRight(allocation)
      ? `${allocation.right.steps} compiled steps after a warm-up, JS heap`
      : allocation.left,
  },
)
const historyWithout = historyCost.without
const historyWith = historyCost.with
goal(
  `${HISTORY_EPOCHS} epochs of A with a history`,
  historyWithout.seconds === undefined
    ? undefined
    : historyWith.timedOut
      ? HISTORY_BUDGET_SECONDS / historyWithout.wallSeconds
      : historyWith.seconds === undefined
        ? undefined
        : historyWith.seconds / historyWithout.seconds,
  1.1,
  'at most',
  {
    reference: 'without',
    bound: historyWith.timedOut,
    detail: historyWith.timedOut
      ? `exceeded ${HISTORY_BUDGET_SECONDS} s vs ${seconds(historyWithout.wallSeconds)} without, whole processes`
      : `${historyWith.seconds === undefined ? describeRun(historyWith) : seconds(historyWith.seconds)} vs ${historyWithout.seconds === undefined ? describeRun(historyWithout) : seconds(historyWithout.seconds)}`,
  },
)

const report = `${JSON.stringify(
  {
    environment,
    cases: [caseA, caseB, caseC].map(({ name, description }) => ({ name, description })),
    results: rows,
    epochLossC: epochRows,
    cli: cliReport,
    allocation: E.isRight(allocation) ? allocation.right : { skipped: allocation.left },
    history: { epochs: HISTORY_EPOCHS, ...historyCost },
    goals: goals(),
    notes,
  },
  null,
  2,
)}\n`
const resultsDirectory = fileURLToPath(new URL('../../bench/results/', import.meta.url))
mkdirSync(resultsDirectory, { recursive: true })
const fileName = `train-${environment.date.replaceAll(':', '-')}.json`
writeFileSync(join(resultsDirectory, fileName), report)
writeFileSync(join(resultsDirectory, 'train-latest.json'), report)
console.log('')
for (const line of goalSummary()) console.log(line)
console.log(`\nwrote bench/results/${fileName} and bench/results/train-latest.json`)
