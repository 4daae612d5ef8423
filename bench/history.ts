// What recording a history costs: case A (the notebook's moons run, [2, 16, 8, 1], 240 points,
// SGD 0.1, MSE, full batch) for 20 000 epochs through `train.fit` (every epoch appended to the
// history) against the same run without a history (`train.fitEpochs` iterated to the end,
// keeping only the last state). A synchronous fit cannot be interrupted, so each run is a child
// process (`node .bench-build/bench/history.js --run with|without`) killed at its budget.
// bench/train.ts calls `historyRuns`; run alone, this file measures both and prints them.

import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as E from 'fp-ts/lib/Either.js'
import { data, network, random, train } from '../src/index.js'

export type HistoryMode = 'with' | 'without'

/** One child's run: its own timing of the training, or why there is none. */
export interface HistoryRun {
  readonly mode: HistoryMode
  readonly epochs: number
  readonly budgetSeconds: number
  /** The child's wall time, start-up included. */
  readonly wallSeconds: number
  /** The training alone, as the child timed it; undefined when it did not finish. */
  readonly seconds?: number
  /** The loss on the training set after the last epoch. */
  readonly finalLoss?: number
  readonly timedOut: boolean
  readonly error?: string
}

const orFail = <Value>(either: E.Either<{ readonly message: string }, Value>): Value => {
  if (E.isLeft(either)) throw new Error(either.left.message)
  return either.right
}

/** Case A exactly as bench/train.ts builds it. */
const moonsCase = () => {
  const split = orFail(
    data.trainTestSplit(
      orFail(data.makeMoons({ samples: 300, noise: 0.2, seed: 42, rng: 'numpy' })),
      { testSize: 0.2, seed: 42, rng: 'numpy' },
    ),
  )
  const net = orFail(
    network.mlp([2, 16, 8, 1], {
      hidden: 'relu',
      output: 'sigmoid',
      rng: random.numpy.seed(42),
    }),
  )
  return { net, batch: { X: split.train.X, y: split.train.y } }
}

/** The child's side: trains case A for `epochs` epochs with or without a history. */
const runHere = (
  mode: HistoryMode,
  epochs: number,
): { readonly seconds: number; readonly finalLoss: number } => {
  const { net, batch } = moonsCase()
  const optimizer = orFail(train.sgd(0.1))
  const config = { loss: 'mse' as const, optimizer, epochs, batchSize: null }
  const initial = train.initialState(net, optimizer)
  const before = performance.now()
  if (mode === 'with') {
    const result = orFail(train.fit(config)(initial, { train: batch }))
    const seconds = (performance.now() - before) / 1000
    if (result.history.loss.length !== epochs) throw new Error('fit recorded the wrong epoch count')
    return { seconds, finalLoss: result.history.final?.trainLoss ?? Number.NaN }
  }
  let last = initial
  for (const outcome of train.fitEpochs(config)(initial, { train: batch })) {
    last = orFail(outcome).state
  }
  const finalLoss = orFail(network.loss(last.network, batch, 'mse'))
  return { seconds: (performance.now() - before) / 1000, finalLoss }
}

const script = fileURLToPath(import.meta.url)

/** Runs case A for `epochs` epochs in a child process, killed after `budgetSeconds`. */
export const historyRun = (
  mode: HistoryMode,
  epochs: number,
  budgetSeconds: number,
): HistoryRun => {
  const before = performance.now()
  const child = spawnSync(process.execPath, [script, '--run', mode, '--epochs', String(epochs)], {
    encoding: 'utf8',
    timeout: budgetSeconds * 1000,
    killSignal: 'SIGKILL',
  })
  const wallSeconds = (performance.now() - before) / 1000
  const common = { mode, epochs, budgetSeconds, wallSeconds }
  if (child.error !== undefined && 'code' in child.error && child.error.code === 'ETIMEDOUT') {
    return { ...common, timedOut: true }
  }
  if (child.status !== 0) {
    const reason =
      child.error?.message ??
      child.stderr.trim().split('\n').at(-1) ??
      `exit ${String(child.status ?? child.signal)}`
    return { ...common, timedOut: false, error: reason }
  }
  const reported = JSON.parse(child.stdout) as { seconds: number; finalLoss: number }
  return { ...common, timedOut: false, seconds: reported.seconds, finalLoss: reported.finalLoss }
}

/** Both runs, without a history first; each child gets `budgetSeconds`. */
export const historyRuns = (
  epochs: number,
  budgetSeconds: number,
): { readonly without: HistoryRun; readonly with: HistoryRun } => ({
  without: historyRun('without', epochs, budgetSeconds),
  with: historyRun('with', epochs, budgetSeconds),
})

/** One line about a run: its time, or that it exceeded its budget, or its error. */
export const describeRun = (run: HistoryRun): string =>
  run.timedOut
    ? `exceeded ${run.budgetSeconds} s`
    : run.seconds === undefined
      ? `failed: ${run.error ?? 'no result'}`
      : `${run.seconds.toFixed(2)} s, final loss ${run.finalLoss?.toPrecision(12) ?? '?'}`

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === script
if (isMain) {
  const args = process.argv.slice(2)
  const valueOf = (name: string): string | undefined => args[args.indexOf(name) + 1]
  const epochs = Number(valueOf('--epochs') ?? 20_000)
  const mode = args.includes('--run') ? valueOf('--run') : undefined
  if (mode === 'with' || mode === 'without') {
    console.log(JSON.stringify(runHere(mode, epochs)))
  } else {
    const runs = historyRuns(epochs, Number(valueOf('--budget') ?? 120))
    console.log(`case A, ${epochs} epochs, without a history: ${describeRun(runs.without)}`)
    console.log(`case A, ${epochs} epochs, with a history:    ${describeRun(runs.with)}`)
  }
}
