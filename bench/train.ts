// `npm run bench` (third part): end-to-end training, gradfold against TensorFlow.js (cpu and wasm
// backends) and, when /usr/bin/python3 has them, numpy and PyTorch — the same loop on the same data
// from the same initial weights. A = the notebook's moons run ([2, 16, 8, 1], 240 points, 1000
// full-batch epochs), B = its circles run ([2, 32, 16, 8, 1], 300 points, 2000 epochs), C = one
// epoch of 784-128-10 (ReLU, sigmoid, MSE) over 60 000 synthetic samples in batches of 128, SGD
// at 0.1. Each epoch of A and B records the loss, the train accuracy and the notebook's gradient
// norm. Every implementation's final loss is checked against gradfold's (float64 to 1e-9, tfjs's
// float32 loosely) — a benchmark of a wrong loop is worthless. Writes bench/results/train-<date>.json
// and bench/results/train-latest.json. Speed is reported, never asserted.

import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as tf from '@tensorflow/tfjs-core'
import '@tensorflow/tfjs-backend-cpu'
import { setWasmPaths, version_wasm } from '@tensorflow/tfjs-backend-wasm'
import * as E from 'fp-ts/lib/Either.js'
import { data, linalg, network, random, train } from '../src/index.js'

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

const moonsSplit = orFail(
  data.trainTestSplit(
    orFail(data.makeMoons({ samples: 300, noise: 0.2, seed: 42, rng: 'numpy' })),
    {
      testSize: 0.2,
      seed: 42,
      rng: 'numpy',
    },
  ),
)
const circles = orFail(
  data.makeCircles({ samples: 300, noise: 0.1, factor: 0.5, seed: 42, rng: 'numpy' }),
)
const moonsNetwork = heNetwork([2, 16, 8, 1], 42)
const circlesNetwork = heNetwork([2, 32, 16, 8, 1], 42)
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
  repetitions: 3,
}

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

const syntheticBatches = (
  spec: SyntheticCase,
): readonly { readonly X: Float64Array; readonly y: Float64Array; readonly rows: number }[] => {
  const batches = []
  for (let start = 0; start < spec.samples; start += spec.batchSize) {
    const end = Math.min(start + spec.batchSize, spec.samples)
    batches.push({ ...syntheticRows(spec, start, end), rows: end - start })
  }
  return batches
}

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

/** Runs `warmUp` once, then `run` `repetitions` times; the timings and the last run's final loss. */
const timed = (
  run: () => number,
  repetitions: number,
  warmUp: () => void,
): Timing & { readonly finalLoss: number } => {
  warmUp()
  const seconds: number[] = []
  let finalLoss = Number.NaN
  for (let repetition = 0; repetition < repetitions; repetition++) {
    const before = performance.now()
    finalLoss = run()
    seconds.push((performance.now() - before) / 1000)
  }
  return {
    runs: repetitions,
    medianSeconds: medianOf(seconds),
    bestSeconds: Math.min(...seconds),
    finalLoss,
  }
}

// ------------------------------------------------------------------------------ gradfold

/** A and B through `train.fit`, as the notebook tour runs them; the final training loss. */
const gradfoldFullBatch = (net: network.Network, batch: network.Batch, epochs: number): number => {
  const optimizer = train.sgd(LEARNING_RATE)
  const result = orFail(
    train.fit({ loss: 'mse', optimizer, epochs, batchSize: null })(
      train.initialState(net, optimizer),
      { train: batch },
    ),
  )
  if (result.history.loss.length !== epochs) throw new Error('fit recorded the wrong epoch count')
  return result.history.final?.trainLoss ?? Number.NaN
}

/** C: `valueAndGradients` then `stepFrom` per batch; the mean of the batches' losses. */
const gradfoldEpoch = (
  net: network.Network,
  batches: readonly network.Batch[],
  limit = batches.length,
): number => {
  const optimizer = train.sgd(LEARNING_RATE)
  const config = { loss: 'mse', optimizer }
  let state = train.initialState(net, optimizer)
  let total = 0
  let count = 0
  for (const batch of batches.slice(0, limit)) {
    const evaluated = orFail(network.valueAndGradients(state.network, batch, { loss: 'mse' }))
    total += evaluated.loss
    count++
    state = orFail(train.stepFrom(config, state, batch, evaluated))
  }
  return total / count
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

const tfEpoch = (
  spec: SyntheticCase,
  batches: readonly { readonly X: tf.Tensor2D; readonly y: tf.Tensor2D }[],
  limit = batches.length,
): number => {
  const parameters = tfParameters(spec.weights, spec.biases)
  let total = 0
  let count = 0
  for (const batch of batches.slice(0, limit)) {
    total += tfStep(parameters, batch.X, batch.y)
    count++
  }
  tf.dispose(parameters.flat())
  return total / count
}

// ------------------------------------------------------------------------------ the runs

interface Result extends Timing {
  readonly implementation: string
  readonly case: string
  readonly finalLoss: number
}

const results: Result[] = []
const notes: string[] = []
const push = (implementation: string, name: string, outcome: Timing & { finalLoss: number }) => {
  results.push({ implementation, case: name, ...outcome })
  console.log(
    `  ${implementation.padEnd(22)} ${name}  ${outcome.medianSeconds.toFixed(3)} s (median of ${outcome.runs})`,
  )
}

console.log('end-to-end training: measuring (this takes a few minutes)')

// gradfold
const moonsBatch = { X: moonsSplit.train.X, y: moonsSplit.train.y }
push(
  'gradfold (float64)',
  'A',
  timed(
    () => gradfoldFullBatch(moonsNetwork, moonsBatch, caseA.epochs),
    caseA.repetitions,
    () => gradfoldFullBatch(moonsNetwork, moonsBatch, 100),
  ),
)
push(
  'gradfold (float64)',
  'B',
  timed(
    () => gradfoldFullBatch(circlesNetwork, circles, caseB.epochs),
    caseB.repetitions,
    () => gradfoldFullBatch(circlesNetwork, circles, 100),
  ),
)
const rawBatches = syntheticBatches(caseC)
const gradfoldBatches = rawBatches.map(({ X, y, rows }) => ({
  X: orFail(linalg.fromFlat(rows, caseC.inputs, X)),
  y: orFail(linalg.fromFlat(rows, caseC.classes, y)),
}))
push(
  'gradfold (float64)',
  'C',
  timed(
    () => gradfoldEpoch(syntheticNetwork, gradfoldBatches),
    caseC.repetitions,
    () => gradfoldEpoch(syntheticNetwork, gradfoldBatches, 20),
  ),
)

// numpy and PyTorch
const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url))
const python = '/usr/bin/python3'
interface PythonImplementation {
  readonly skipped?: string
  readonly version?: string
  readonly threads?: number
  readonly results?: Record<string, Timing & { finalLoss: number; seconds: number[] }>
}
let pythonReport: { python?: string; numpy?: PythonImplementation; torch?: PythonImplementation } =
  {}
if (!existsSync(python)) {
  notes.push(`numpy and PyTorch skipped: ${python} is not installed`)
} else {
  const child = spawnSync(python, [join(repositoryRoot, 'bench/python/train.py')], {
    input: JSON.stringify({ cases: [caseA, caseB], synthetic: caseC }),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  if (child.status !== 0) {
    notes.push(
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
        notes.push(`${label} skipped: ${report?.skipped ?? 'no results'}`)
        continue
      }
      for (const [name, outcome] of Object.entries(report.results)) {
        push(label, name, {
          runs: outcome.seconds.length,
          medianSeconds: outcome.medianSeconds,
          bestSeconds: outcome.bestSeconds,
          finalLoss: outcome.finalLoss,
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
    notes.push(`tfjs-${backend} skipped: the backend did not start`)
    continue
  }
  await tf.ready()
  const label = `tfjs-${backend} (float32)`
  // tfjs-cpu is slow on C (about half a minute an epoch): one timed epoch there.
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
      slow ? 3 : caseB.repetitions,
      () => tfFullBatch(caseB, 50),
    ),
  )
  const tensors = rawBatches.map(({ X, y, rows }) => ({
    X: tf.tensor2d(Float32Array.from(X), [rows, caseC.inputs]),
    y: tf.tensor2d(Float32Array.from(y), [rows, caseC.classes]),
  }))
  push(
    label,
    'C',
    timed(
      () => tfEpoch(caseC, tensors),
      slow ? 1 : caseC.repetitions,
      () => tfEpoch(caseC, tensors, 10),
    ),
  )
  tf.dispose(tensors.flatMap(({ X, y }) => [X, y]))
}

// ------------------------------------------------------------------------------ the report

const gradfoldOf = (name: string): Result | undefined =>
  results.find((result) => result.case === name && result.implementation.startsWith('gradfold'))

/** float64 implementations must agree to 1e-9 relative; tfjs computes in float32. */
const toleranceOf = (implementation: string): number =>
  implementation.startsWith('tfjs') ? 1e-2 : 1e-9

const rows = results.map((result) => {
  const reference = gradfoldOf(result.case)
  const difference =
    reference === undefined
      ? Number.NaN
      : Math.abs(result.finalLoss - reference.finalLoss) / Math.abs(reference.finalLoss)
  const agrees = difference <= toleranceOf(result.implementation)
  const ratio =
    reference === undefined ? Number.NaN : result.medianSeconds / reference.medianSeconds
  return { ...result, relativeDifference: difference, agrees, timeOverGradfold: ratio }
})

const environment = {
  date: new Date().toISOString(),
  node: process.version,
  cpu: os.cpus()[0]?.model ?? 'unknown',
  logicalCpus: os.cpus().length,
  tfjsCore: tf.version_core,
  tfjsBackendWasm: version_wasm,
  python: pythonReport.python,
  numpy: pythonReport.numpy?.version,
  torch: pythonReport.torch?.version,
  torchThreads: pythonReport.torch?.threads,
}
console.log('')
console.log(
  `node ${environment.node}, ${environment.cpu} ×${environment.logicalCpus}; tfjs ${environment.tfjsCore}` +
    (environment.numpy === undefined
      ? ''
      : `; python ${environment.python ?? '?'}, numpy ${environment.numpy}`) +
    (environment.torch === undefined
      ? ''
      : `, torch ${environment.torch} (${environment.torchThreads ?? '?'} threads)`),
)
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
  'time ÷ gradfold above 1: gradfold is faster. Loss checks: float64 to 1e-9 relative, tfjs (float32) to 1e-2.',
)
for (const name of ['A', 'B', 'C']) {
  const ratios = rows
    .filter((row) => row.case === name && !row.implementation.startsWith('gradfold'))
    .map((row) => `${row.implementation.split(' ')[0] ?? ''} ${row.timeOverGradfold.toFixed(2)}×`)
  console.log(`${name}: gradfold against ${ratios.join(', ')}`)
}
for (const note of notes) console.log(note)
const disagreements = rows.filter((row) => !row.agrees)
if (disagreements.length > 0) {
  console.log(
    `WARNING: final losses disagree for ${disagreements.map((row) => `${row.case}/${row.implementation}`).join(', ')} — those loops are not the same computation`,
  )
}

const report = `${JSON.stringify({ environment, cases: [caseA, caseB, caseC].map(({ name, description }) => ({ name, description })), results: rows, notes }, null, 2)}\n`
const resultsDirectory = fileURLToPath(new URL('../../bench/results/', import.meta.url))
mkdirSync(resultsDirectory, { recursive: true })
const fileName = `train-${environment.date.replaceAll(':', '-')}.json`
writeFileSync(join(resultsDirectory, fileName), report)
writeFileSync(join(resultsDirectory, 'train-latest.json'), report)
console.log(`\nwrote bench/results/${fileName} and bench/results/train-latest.json`)
