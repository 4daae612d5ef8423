// Benchmark of the matrix-product kernels: GFLOP/s (2·m·k·n per second) of gradfold's portable
// blocked kernels, its WebAssembly SIMD kernels (the generic record, which copies operands in and
// out, and a workspace, which does not), the naive i-k-j loop and TensorFlow.js (cpu and wasm
// backends) at two shapes. Prints the chosen backend, a table and the speed goals, and writes
// bench/results/matmul-<date-time>.json and bench/results/latest.json. Run it with
// `npm run bench`; nothing here is a test and no speed is ever asserted.

import { mkdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as tf from '@tensorflow/tfjs-core'
import { linalg, random } from '../src/index.js'
import { backendSelection } from '../src/linalg/backend.js'
import '@tensorflow/tfjs-backend-cpu'
import { getThreadsCount, setWasmPaths, version_wasm } from '@tensorflow/tfjs-backend-wasm'
import {
  matmul,
  matmulTransposeA,
  matmulTransposeB,
  naiveMatmul,
} from '../src/linalg/kernels/matmul.js'
import { wasmKernels } from '../src/linalg/kernels/wasm/backend-wasm.js'
import { createWorkspace } from '../src/linalg/kernels/workspace.js'

/** A product a[m×k] · b[k×n]. */
interface Shape {
  readonly m: number
  readonly k: number
  readonly n: number
}

/** The timings of one implementation at one shape. */
interface Measurement {
  readonly implementation: string
  readonly shape: Shape
  readonly runs: number
  readonly medianMilliseconds: number
  readonly bestMilliseconds: number
  readonly medianGflops: number
  readonly bestGflops: number
  /** Largest |entry − naive entry|: a sanity check that the timed code computed the product. */
  readonly maxAbsoluteDifferenceFromNaive: number
}

/** One timed repetition: computes the product and returns it. */
type Run = () => ArrayLike<number>

const shapes: readonly Shape[] = [
  { m: 128, k: 784, n: 128 },
  { m: 512, k: 512, n: 512 },
]
const warmUpRuns = 3
const minimumRuns = 5
const maximumRuns = 200
const minimumMillisecondsPerCase = 1000

/** Entries in [−1, 1) drawn with gradfold's own key, so every benchmark run sees the same data. */
const pseudoRandomEntries = (length: number, seed: number): Float64Array =>
  linalg.toFloat64Array(random.uniform(random.key(seed), 1, length, { min: -1, max: 1 }))

/** out[columns×rows] = valuesᵀ, so the transposed kernels read the same mathematical operands. */
const transposed = (values: Float64Array, rows: number, columns: number): Float64Array => {
  const result = new Float64Array(rows * columns)
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      result[column * rows + row] = values[row * columns + column] ?? Number.NaN
    }
  }
  return result
}

const median = (sortedValues: readonly number[]): number => {
  const middle = Math.floor(sortedValues.length / 2)
  const upper = sortedValues[middle] ?? Number.NaN
  return sortedValues.length % 2 === 1 ? upper : ((sortedValues[middle - 1] ?? upper) + upper) / 2
}

const maxAbsoluteDifference = (left: ArrayLike<number>, right: ArrayLike<number>): number => {
  let largest = 0
  for (let index = 0; index < left.length; index++) {
    largest = Math.max(largest, Math.abs((left[index] ?? Number.NaN) - (right[index] ?? 0)))
  }
  return largest
}

/**
 * Times `run`: a few warm-up runs (so the JIT has optimised it), then repetitions until at least
 * `minimumMillisecondsPerCase` have passed and `minimumRuns` were made, at most `maximumRuns`.
 */
const measure = (
  implementation: string,
  shape: Shape,
  run: Run,
  reference: Float64Array,
): Measurement => {
  globalThis.gc?.()
  let result = run()
  for (let warmUp = 1; warmUp < warmUpRuns; warmUp++) result = run()
  const maxAbsoluteDifferenceFromNaive = maxAbsoluteDifference(result, reference)
  const durations: number[] = []
  const start = performance.now()
  while (
    durations.length < maximumRuns &&
    (durations.length < minimumRuns || performance.now() - start < minimumMillisecondsPerCase)
  ) {
    const runStart = performance.now()
    run()
    durations.push(performance.now() - runStart)
  }
  durations.sort((left, right) => left - right)
  const floatingPointOperations = 2 * shape.m * shape.k * shape.n
  const medianMilliseconds = median(durations)
  const bestMilliseconds = durations[0] ?? Number.NaN
  return {
    implementation,
    shape,
    runs: durations.length,
    medianMilliseconds,
    bestMilliseconds,
    medianGflops: floatingPointOperations / medianMilliseconds / 1e6,
    bestGflops: floatingPointOperations / bestMilliseconds / 1e6,
    maxAbsoluteDifferenceFromNaive,
  }
}

/** Times tf.matMul on the current backend; tensors are made before and disposed after. */
const measureTensorFlow = (
  implementation: string,
  shape: Shape,
  a: Float64Array,
  b: Float64Array,
  reference: Float64Array,
): Measurement => {
  const left = tf.tensor2d(Float32Array.from(a), [shape.m, shape.k])
  const right = tf.tensor2d(Float32Array.from(b), [shape.k, shape.n])
  const measurement = measure(
    implementation,
    shape,
    () => {
      const product = tf.matMul(left, right)
      const values = product.dataSync()
      product.dispose()
      return values
    },
    reference,
  )
  left.dispose()
  right.dispose()
  return measurement
}

/** Times gradfold's three kernels and the naive loop at one shape. */
const measureGradfold = (
  shape: Shape,
  a: Float64Array,
  b: Float64Array,
  reference: Float64Array,
): Measurement[] => {
  const { m, k, n } = shape
  const aTransposed = transposed(a, m, k)
  const bTransposed = transposed(b, k, n)
  const timed =
    (kernel: typeof matmul, left: Float64Array, right: Float64Array): Run =>
    () => {
      const out = new Float64Array(m * n)
      kernel(left, right, out, m, k, n)
      return out
    }
  return [
    measure('portable matmul', shape, timed(matmul, a, b), reference),
    measure('portable matmulTransposeA', shape, timed(matmulTransposeA, aTransposed, b), reference),
    measure('portable matmulTransposeB', shape, timed(matmulTransposeB, a, bTransposed), reference),
    measure('naive i-k-j loop', shape, timed(naiveMatmul, a, b), reference),
  ]
}

/**
 * Times the WebAssembly kernels at one shape: through the generic record `wasmKernels` (a fresh
 * output per run, operands copied in and the result copied out, as `linalg.matmul` runs them)
 * and through a workspace (operands already in its memory, no copies, as a compiled plan runs).
 */
const measureWasm = (
  shape: Shape,
  a: Float64Array,
  b: Float64Array,
  reference: Float64Array,
): Measurement[] => {
  const { m, k, n } = shape
  const aTransposed = transposed(a, m, k)
  const bTransposed = transposed(b, k, n)
  const generic =
    (kernel: typeof matmul, left: Float64Array, right: Float64Array): Run =>
    () => {
      const out = new Float64Array(m * n)
      kernel(left, right, out, m, k, n)
      return out
    }
  const workspace = createWorkspace([m * k, k * n, m * k, k * n, m * n], 'wasm')
  const [left, right, leftTransposed, rightTransposed, out] = workspace.buffers
  if (
    left === undefined ||
    right === undefined ||
    leftTransposed === undefined ||
    rightTransposed === undefined ||
    out === undefined
  ) {
    throw new Error('the workspace has five buffers')
  }
  left.set(a)
  right.set(b)
  leftTransposed.set(aTransposed)
  rightTransposed.set(bTransposed)
  const inPlace =
    (kernel: typeof matmul, leftOperand: Float64Array, rightOperand: Float64Array): Run =>
    () => {
      kernel(leftOperand, rightOperand, out, m, k, n)
      return out
    }
  const { kernels } = workspace
  return [
    measure('wasm matmul (generic)', shape, generic(wasmKernels.matmul, a, b), reference),
    measure(
      'wasm matmulTransposeA (generic)',
      shape,
      generic(wasmKernels.matmulTransposeA, aTransposed, b),
      reference,
    ),
    measure(
      'wasm matmulTransposeB (generic)',
      shape,
      generic(wasmKernels.matmulTransposeB, a, bTransposed),
      reference,
    ),
    measure('wasm matmul (workspace)', shape, inPlace(kernels.matmul, left, right), reference),
    measure(
      'wasm matmulTransposeA (workspace)',
      shape,
      inPlace(kernels.matmulTransposeA, leftTransposed, right),
      reference,
    ),
    measure(
      'wasm matmulTransposeB (workspace)',
      shape,
      inPlace(kernels.matmulTransposeB, left, rightTransposed),
      reference,
    ),
  ]
}

const require = createRequire(import.meta.url)
const wasmDirectory =
  join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/'
setWasmPaths(wasmDirectory)

const inputs = shapes.map((shape) => {
  const a = pseudoRandomEntries(shape.m * shape.k, 0x9e3779b9)
  const b = pseudoRandomEntries(shape.k * shape.n, 0x85ebca6b)
  const reference = new Float64Array(shape.m * shape.n)
  naiveMatmul(a, b, reference, shape.m, shape.k, shape.n)
  return { shape, a, b, reference }
})

const measurements: Measurement[] = []
for (const { shape, a, b, reference } of inputs) {
  measurements.push(...measureGradfold(shape, a, b, reference))
  measurements.push(...measureWasm(shape, a, b, reference))
}

await tf.setBackend('cpu')
await tf.ready()
for (const { shape, a, b, reference } of inputs) {
  measurements.push(measureTensorFlow('tfjs-cpu (float32)', shape, a, b, reference))
}

if (!(await tf.setBackend('wasm'))) throw new Error('The TensorFlow.js wasm backend did not start.')
await tf.ready()
const wasm = {
  simd: await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'),
  multithread: await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'),
  threads: getThreadsCount(),
}
for (const { shape, a, b, reference } of inputs) {
  measurements.push(measureTensorFlow('tfjs-wasm (float32)', shape, a, b, reference))
}

const shapeName = ({ m, k, n }: Shape): string => `${m}×${k}·${k}×${n}`
const medianGflopsOf = (implementation: string, shape: Shape): number =>
  measurements.find((entry) => entry.implementation === implementation && entry.shape === shape)
    ?.medianGflops ?? Number.NaN
const ratios = shapes.map((shape) => {
  const wasmGflops = medianGflopsOf('wasm matmul (generic)', shape)
  return {
    shape,
    wasmOverPortable: wasmGflops / medianGflopsOf('portable matmul', shape),
    wasmOverNaive: wasmGflops / medianGflopsOf('naive i-k-j loop', shape),
    wasmOverTfjsCpu: wasmGflops / medianGflopsOf('tfjs-cpu (float32)', shape),
    wasmOverTfjsWasm: wasmGflops / medianGflopsOf('tfjs-wasm (float32)', shape),
  }
})

/** A speed goal: the median GFLOP/s of `wasm matmul` (the generic record) at a shape. */
interface Goal {
  readonly label: string
  readonly shape: Shape
  readonly gflops: number
}
const goals: readonly Goal[] = [
  { label: 'matmul 512³ float64 wasm', shape: { m: 512, k: 512, n: 512 }, gflops: 12 },
  { label: 'matmul 128×784·784×128', shape: { m: 128, k: 784, n: 128 }, gflops: 10 },
]
const shapeOf = (wanted: Shape): Shape =>
  shapes.find(({ m, k, n }) => m === wanted.m && k === wanted.k && n === wanted.n) ?? wanted
const goalResults = goals.map((goal) => {
  const shape = shapeOf(goal.shape)
  const measured = medianGflopsOf('wasm matmul (generic)', shape)
  return {
    ...goal,
    measured,
    inWorkspace: medianGflopsOf('wasm matmul (workspace)', shape),
    holds: measured >= goal.gflops,
  }
})

const environment = {
  date: new Date().toISOString(),
  node: process.version,
  v8: process.versions.v8,
  cpu: os.cpus()[0]?.model ?? 'unknown',
  logicalCpus: os.cpus().length,
  platform: `${os.platform()} ${os.arch()}`,
  tfjsCore: tf.version_core,
  tfjsBackendWasm: version_wasm,
  wasm,
  gradfoldBackend: backendSelection,
}

const rows = measurements.map((entry) => [
  shapeName(entry.shape),
  entry.implementation,
  entry.medianMilliseconds.toFixed(2),
  entry.bestMilliseconds.toFixed(2),
  entry.medianGflops.toFixed(2),
  entry.bestGflops.toFixed(2),
  String(entry.runs),
  entry.maxAbsoluteDifferenceFromNaive.toExponential(1),
])
const header = [
  'shape',
  'implementation',
  'median ms',
  'best ms',
  'GFLOP/s (median)',
  'GFLOP/s (best)',
  'runs',
  'max |Δ| vs naive',
]
const widths = header.map((title, column) =>
  Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
)
const formatRow = (row: readonly string[]): string =>
  row
    .map((cell, column) =>
      column < 2 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
    )
    .join('  ')

console.log(
  `node ${environment.node} (V8 ${environment.v8}), ` +
    `${environment.cpu} ×${environment.logicalCpus}, ${environment.platform}, ${environment.date}`,
)
console.log(
  `tfjs-core ${environment.tfjsCore}; wasm backend ${environment.tfjsBackendWasm}: ` +
    `SIMD ${String(wasm.simd)}, multithread ${String(wasm.multithread)}, ` +
    `threads ${wasm.threads}. ` +
    'gradfold computes in float64, single-threaded; tfjs in float32.',
)
console.log(
  `gradfold backend: ${backendSelection.name} (${backendSelection.reason}); ` +
    'the wasm rows below run the WebAssembly kernels whichever backend is chosen.',
)
console.log()
console.log(formatRow(header))
console.log(formatRow(widths.map((width) => '-'.repeat(width))))
for (const row of rows) console.log(formatRow(row))
console.log()
for (const ratio of ratios) {
  console.log(
    `${shapeName(ratio.shape)}: wasm/portable ${ratio.wasmOverPortable.toFixed(2)}×, ` +
      `wasm/naive ${ratio.wasmOverNaive.toFixed(2)}×, ` +
      `wasm/tfjs-cpu ${ratio.wasmOverTfjsCpu.toFixed(2)}×, ` +
      `wasm/tfjs-wasm ${ratio.wasmOverTfjsWasm.toFixed(2)}×`,
  )
}
console.log()
for (const goal of goalResults) {
  console.log(
    `goal: ${goal.label} ≥ ${goal.gflops} GFLOP/s: ${goal.measured.toFixed(1)} GFLOP/s — ` +
      `${goal.holds ? 'holds' : 'misses'} (median, generic record with copies; ` +
      `in a workspace ${goal.inWorkspace.toFixed(1)})`,
  )
}

// The compiled script runs from .bench-build/bench/, so the results folder is two levels up.
const resultsDirectory = fileURLToPath(new URL('../../bench/results/', import.meta.url))
mkdirSync(resultsDirectory, { recursive: true })
const report = `${JSON.stringify({ environment, measurements, ratios, goals: goalResults }, null, 2)}\n`
const fileName = `matmul-${environment.date.replaceAll(':', '-')}.json`
writeFileSync(join(resultsDirectory, fileName), report)
writeFileSync(join(resultsDirectory, 'latest.json'), report)
console.log(`\nwrote bench/results/${fileName} and bench/results/latest.json`)
