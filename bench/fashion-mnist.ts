// `npm run bench` (fourth part): Fashion-MNIST as Debian's dataset-fashion-mnist installs it,
// [784, 128, 10] ReLU then softmax, softmax cross-entropy, Adam at 0.001, batches of 128, shuffled,
// 10 epochs — gradfold through its public API (the IDX files gunzipped with node:zlib, read by
// data.parseIdx and data.idxDataset, trained by train.fit) against numpy and PyTorch (float64, one
// thread, bench/python/fashion_mnist.py) from the same initial weights and the same epoch
// shuffles. Prints data loading and training wall times (one run each), the test set's loss and
// accuracy on the 10 000 t10k images, and time ratios to numpy; writes
// bench/results/fashion-mnist-latest.json. Speed is reported, never asserted.

import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gunzipSync } from 'node:zlib'
import * as E from 'fp-ts/lib/Either.js'
import { data, linalg, network, random, train } from '../src/index.js'
import { goal } from './goals.js'

const orFail = <Value>(either: E.Either<{ readonly message: string }, Value>): Value => {
  if (E.isLeft(either)) throw new Error(either.left.message)
  return either.right
}

const FOLDER = '/usr/share/datasets/fashion-mnist'
const SEED = 42
const EPOCHS = 10
const BATCH_SIZE = 128
const LEARNING_RATE = 0.001
const LAYERS = [784, 128, 10] as const
const CLASSES = 10

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url))
const files = ['train', 't10k'].flatMap((prefix) => [
  `${prefix}-images-idx3-ubyte.gz`,
  `${prefix}-labels-idx1-ubyte.gz`,
])

console.log('')
console.log(
  `Fashion-MNIST: [${LAYERS.join(', ')}] relu/softmax, softmax cross-entropy, Adam ${LEARNING_RATE}, batch ${BATCH_SIZE}, shuffled, ${EPOCHS} epochs`,
)
const missing = files.filter((name) => !existsSync(join(FOLDER, name)))
if (missing.length > 0) {
  console.log(
    `  skipped: ${FOLDER}/${missing[0] ?? ''} is missing (apt-get install dataset-fashion-mnist)`,
  )
  process.exit(0)
}

// ------------------------------------------------------------------------------ gradfold

const seconds = (since: number): number => (performance.now() - since) / 1000

/** One IDX pair as a batch with one-hot targets, and its labels. */
const loadPair = (prefix: string): { readonly batch: network.Batch; readonly labels: number[] } => {
  const read = (name: string) =>
    orFail(data.parseIdx(gunzipSync(readFileSync(join(FOLDER, `${prefix}-${name}.gz`)))))
  const examples = orFail(data.idxDataset(read('images-idx3-ubyte'), read('labels-idx1-ubyte')))
  return {
    batch: { X: examples.X, y: orFail(data.oneHot(examples.y, CLASSES)) },
    labels: linalg.toFlat(examples.y),
  }
}

const loadStart = performance.now()
const trainSet = loadPair('train')
const testSet = loadPair('t10k')
const gradfoldLoadSeconds = seconds(loadStart)

const initial = orFail(
  network.mlp(LAYERS, { hidden: 'relu', output: 'softmax', rng: random.numpy.seed(SEED) }),
)
const optimizer = orFail(train.adam(LEARNING_RATE))
const trainStart = performance.now()
const fitted = orFail(
  train.fit({
    loss: 'softmaxCrossEntropy',
    optimizer,
    epochs: EPOCHS,
    batchSize: BATCH_SIZE,
    shuffle: random.numpy.seed(SEED),
  })(train.initialState(initial, optimizer), { train: trainSet.batch }),
)
const gradfoldTrainSeconds = seconds(trainStart)

/** The mean softmax cross-entropy and the accuracy of class probabilities against labels. */
const scored = (
  probabilities: linalg.Matrix,
  labels: readonly number[],
): { readonly loss: number; readonly accuracy: number } => {
  const predicted = linalg.rowArgmax(probabilities)
  let loss = 0
  let correct = 0
  labels.forEach((label, index) => {
    loss -= Math.log(linalg.get(probabilities, index, label))
    if (predicted[index] === label) correct++
  })
  return { loss: loss / labels.length, accuracy: correct / labels.length }
}
const gradfoldTest = scored(
  orFail(network.predict(fitted.state.network, testSet.batch.X)),
  testSet.labels,
)

// ------------------------------------------------------------------------------ numpy, PyTorch

interface PythonRun {
  readonly skipped?: string
  readonly version?: string
  readonly threads?: number
  readonly loadSeconds?: number
  readonly trainSeconds?: number
  readonly testLoss?: number
  readonly testAccuracy?: number
}

const parameters = initial.parameters.layers.flatMap((layer) =>
  'W' in layer ? [{ W: linalg.toRows(layer.W), b: linalg.toRows(layer.b) }] : [],
)
const python = '/usr/bin/python3'
const pythonReport = ((): { numpy?: PythonRun; torch?: PythonRun; failed?: string } => {
  if (!existsSync(python)) return { failed: `${python} is not installed` }
  const child = spawnSync(python, [join(repositoryRoot, 'bench/python/fashion_mnist.py')], {
    input: JSON.stringify({
      folder: FOLDER,
      seed: SEED,
      epochs: EPOCHS,
      batchSize: BATCH_SIZE,
      learningRate: LEARNING_RATE,
      weights: parameters.map((layer) => layer.W),
      biases: parameters.map((layer) => layer.b),
    }),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    // one thread for numpy's BLAS too, as gradfold's fit (workers: 1) and torch.set_num_threads(1)
    env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
  })
  if (child.status !== 0) {
    return {
      failed: `bench/python/fashion_mnist.py failed (${child.stderr.trim().split('\n').at(-1) ?? `exit ${String(child.status)}`})`,
    }
  }
  return JSON.parse(child.stdout) as { numpy?: PythonRun; torch?: PythonRun }
})()

// ------------------------------------------------------------------------------ the table

interface Row {
  readonly implementation: string
  readonly loadSeconds: number
  readonly trainSeconds: number
  readonly testLoss: number
  readonly testAccuracy: number
}

const rows: Row[] = [
  {
    implementation: 'gradfold (float64)',
    loadSeconds: gradfoldLoadSeconds,
    trainSeconds: gradfoldTrainSeconds,
    testLoss: gradfoldTest.loss,
    testAccuracy: gradfoldTest.accuracy,
  },
]
const notes: string[] = []
if (pythonReport.failed !== undefined)
  notes.push(`numpy and PyTorch skipped: ${pythonReport.failed}`)
for (const [key, label] of [
  ['numpy', 'numpy (float64)'],
  ['torch', 'PyTorch (float64)'],
] as const) {
  const run = pythonReport[key]
  if (run === undefined) continue
  if (
    run.loadSeconds === undefined ||
    run.trainSeconds === undefined ||
    run.testLoss === undefined ||
    run.testAccuracy === undefined
  ) {
    notes.push(`${label} skipped: ${run.skipped ?? 'no results'}`)
    continue
  }
  rows.push({
    implementation: label,
    loadSeconds: run.loadSeconds,
    trainSeconds: run.trainSeconds,
    testLoss: run.testLoss,
    testAccuracy: run.testAccuracy,
  })
}

const numpyRow = rows.find((row) => row.implementation.startsWith('numpy'))
const ratio = (value: number, reference: number | undefined): string =>
  reference === undefined ? '—' : `${(value / reference).toFixed(2)}×`
console.log(
  `  versions: numpy ${pythonReport.numpy?.version ?? '—'}, torch ${pythonReport.torch?.version ?? '—'} (${String(pythonReport.torch?.threads ?? '—')} thread), one BLAS thread`,
)
console.log(
  '  implementation          load s  ÷ numpy   train s  ÷ numpy         test loss  |Δ|/numpy  test accuracy',
)
for (const row of rows) {
  console.log(
    `  ${row.implementation.padEnd(22)} ${row.loadSeconds.toFixed(2).padStart(7)} ${ratio(row.loadSeconds, numpyRow?.loadSeconds).padStart(8)} ${row.trainSeconds.toFixed(2).padStart(9)} ${ratio(row.trainSeconds, numpyRow?.trainSeconds).padStart(8)} ${row.testLoss.toPrecision(12).padStart(17)} ${(numpyRow === undefined ? '—' : (Math.abs(row.testLoss - numpyRow.testLoss) / numpyRow.testLoss).toExponential(1)).padStart(10)} ${row.testAccuracy.toFixed(4).padStart(14)}`,
  )
}
console.log(
  '  load: read, gunzip, parse and scale the four files (gradfold also one-hot encodes); train: the 10 epochs only (gradfold: train.fit, whose epoch figures come from the batches it trains on, plus one pass over the training set after the last epoch for its final figures); test: the 10 000 t10k images after training. One run each.',
)
for (const text of notes) console.log(`  note: ${text}`)
goal(
  'Fashion-MNIST test accuracy after 10 epochs (gradfold)',
  gradfoldTest.accuracy,
  0.85,
  'at least',
  {
    unit: '',
    digits: 4,
  },
)

const resultsFolder = join(repositoryRoot, 'bench/results')
mkdirSync(resultsFolder, { recursive: true })
writeFileSync(
  join(resultsFolder, 'fashion-mnist-latest.json'),
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      case: {
        layers: LAYERS,
        epochs: EPOCHS,
        batchSize: BATCH_SIZE,
        learningRate: LEARNING_RATE,
        seed: SEED,
      },
      rows,
      notes,
      finalTrainLoss: fitted.history.final?.trainLoss,
    },
    null,
    2,
  )}\n`,
)
console.log('  wrote bench/results/fashion-mnist-latest.json')
