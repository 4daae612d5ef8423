// A training run's files as text: history.json (with how the run ended: trained, stopped early or
// diverged, and its warnings), the JSON layout all run files share, the config's SHA-256, the
// closing summary and the early-stop and warning lines. Laws: JSON.parse(formatJson(v))
// deep-equals v for JSON values (doubles exactly); the same inputs give the same text; the hash is
// of exactly the text written.

import { createHash } from 'node:crypto'
import { train } from 'gradfold'

/** The format name and version written into history.json. */
export const historyFormat = 'gradfold-history'
export const historyFormatVersion = 1

/**
 * How a run ended: every epoch trained, stopped early by `earlyStopping`, or diverged (a
 * non-finite loss or gradient; no model.json).
 */
export type RunStatus = 'trained' | 'stoppedEarly' | 'diverged'

/** A divergence in history.json: the epoch (an index, as the series'), the line and the detail. */
export interface DivergedJson {
  readonly epoch: number
  readonly message: string
  /** The interpreter's report: the epoch (from 1), the batch and the node that went non-finite. */
  readonly detail: string
}

/** The model a run started from (`--from`): its path as given and the SHA-256 of its text. */
export interface StartedFrom {
  readonly model: string
  readonly sha256: string
}

/** What history.json holds (see docs/cli.md). */
export interface HistoryJson {
  readonly format: typeof historyFormat
  readonly version: typeof historyFormatVersion
  readonly status: RunStatus
  /** The run's top-level seed, from its config. */
  readonly seed: number
  /** SHA-256 (hex) of the config.json text written beside this file. */
  readonly configHash: string
  /** Epochs trained (the length of every per-epoch series). */
  readonly epochs: number
  /** Per epoch, measured before the epoch's updates, as the notebook records it. */
  readonly loss: readonly number[]
  readonly trainAccuracy: readonly number[]
  /** Per epoch, only when the run has a test set. */
  readonly testLoss?: readonly number[]
  readonly testAccuracy?: readonly number[]
  /** Per epoch, per dense layer: L2 norms of the weight and bias gradients. */
  readonly gradientNorms: {
    readonly weights: readonly (readonly number[])[]
    readonly biases: readonly (readonly number[])[]
  }
  /** Per epoch, per dense layer: L2 norm of the weights. */
  readonly weightNorms: readonly (readonly number[])[]
  /** The trained network's loss and accuracy, after the last epoch (or the restored one's). */
  readonly final?: train.FinalMetrics
  /** Warnings read off the history (`train.trainingWarnings`), epochs as indices. */
  readonly warnings: readonly train.TrainingWarning[]
  /** When early stopping ended the run: its epoch, the best epoch (indices), the figure, its value. */
  readonly stopped?: train.StoppedEarly
  /** When training diverged. */
  readonly diverged?: DivergedJson
  /** The model the run started from, with --from. */
  readonly from?: StartedFrom
}

/** What identifies a run: its seed and the hash of its normalised config (and --from's model). */
export interface RunIdentity {
  readonly seed: number
  readonly configHash: string
  readonly from?: StartedFrom
}

/** How a run ended, for history.json: stopped early, diverged, or neither. */
export interface RunEnding {
  readonly stopped?: train.StoppedEarly
  readonly diverged?: train.Diverged
}

/**
 * history.json's value: the training history with the run's seed and config hash (and --from's
 * model), how it ended and the warnings its history gives; test series only when the run had a
 * test set.
 *
 * @example
 * import assert from 'node:assert'
 * import { train } from 'gradfold'
 * import { encodeHistory } from './run-files.js'
 * const history = train.historyOf(
 *   [{ loss: 0.5, trainAccuracy: 0.75, weightGradientNorms: [1, 2], biasGradientNorms: [3, 4], weightNorms: [5, 6] }],
 *   { trainLoss: 0.25, trainAccuracy: 1 },
 * )
 * const json = encodeHistory(history, { seed: 7, configHash: 'ab' })
 * assert.deepStrictEqual(json.loss, [0.5])
 * assert.deepStrictEqual(json.gradientNorms, { weights: [[1, 2]], biases: [[3, 4]] })
 * assert.strictEqual(json.testLoss, undefined)
 * assert.deepStrictEqual([json.seed, json.configHash, json.epochs], [7, 'ab', 1])
 * assert.deepStrictEqual([json.status, json.warnings], ['trained', []])
 */
export const encodeHistory = (
  history: train.History,
  run: RunIdentity,
  ending: RunEnding = {},
): HistoryJson => ({
  format: historyFormat,
  version: historyFormatVersion,
  status:
    ending.diverged !== undefined
      ? 'diverged'
      : ending.stopped !== undefined
        ? 'stoppedEarly'
        : 'trained',
  seed: run.seed,
  configHash: run.configHash,
  ...(run.from === undefined ? {} : { from: run.from }),
  epochs: history.loss.length,
  loss: history.loss,
  trainAccuracy: history.trainAccuracy,
  ...(history.testLoss.length === 0
    ? {}
    : { testLoss: history.testLoss, testAccuracy: history.testAccuracy }),
  gradientNorms: history.gradientNorms,
  weightNorms: history.weightNorms,
  ...(history.final === undefined ? {} : { final: history.final }),
  warnings: train.trainingWarnings(history),
  ...(ending.stopped === undefined ? {} : { stopped: ending.stopped }),
  ...(ending.diverged === undefined
    ? {}
    : {
        diverged: {
          epoch: ending.diverged.epoch,
          message: ending.diverged.message,
          detail: ending.diverged.detail,
        },
      }),
})

const isScalar = (value: unknown): boolean => value === null || typeof value !== 'object'

const format = (value: unknown, indent: string): string => {
  if (isScalar(value)) return value === undefined ? 'null' : JSON.stringify(value)
  const inner = `${indent}  `
  if (Array.isArray(value)) {
    const items: readonly unknown[] = value
    if (items.length === 0) return '[]'
    if (items.every(isScalar)) return `[${items.map((item) => format(item, inner)).join(', ')}]`
    return `[\n${items.map((item) => inner + format(item, inner)).join(',\n')}\n${indent}]`
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(
    ([, entry]) => entry !== undefined,
  )
  if (entries.length === 0) return '{}'
  return `{\n${entries
    .map(([key, entry]) => `${inner}${JSON.stringify(key)}: ${format(entry, inner)}`)
    .join(',\n')}\n${indent}}`
}

/**
 * JSON text for the run's files: indented by two spaces, but a list of numbers (a loss series,
 * a weight row) stays on one line, and the text ends with a newline. Doubles are written as
 * `JSON.stringify` writes them, so they read back exactly.
 *
 * @example
 * import assert from 'node:assert'
 * import { formatJson } from './run-files.js'
 * const value = { loss: [0.5, 0.25], layers: [{ W: [[1, 2], [3, 4]] }] }
 * const text = formatJson(value)
 * assert.strictEqual(text, '{\n  "loss": [0.5, 0.25],\n  "layers": [\n    {\n      "W": [\n        [1, 2],\n        [3, 4]\n      ]\n    }\n  ]\n}\n')
 * assert.deepStrictEqual(JSON.parse(text), value)
 */
export const formatJson = (value: unknown): string => `${format(value, '')}\n`

/**
 * The SHA-256 of a text (UTF-8), in lowercase hex.
 *
 * @example
 * import assert from 'node:assert'
 * import { sha256Hex } from './run-files.js'
 * assert.strictEqual(sha256Hex('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
 */
export const sha256Hex = (text: string): string =>
  createHash('sha256').update(text, 'utf8').digest('hex')

/**
 * The files written, for the summary: every file, but a run of checkpoints (more than three)
 * shortened to its first and last and their count.
 *
 * @example
 * import assert from 'node:assert'
 * import { filesText } from './run-files.js'
 * const checkpoints = [10, 20, 30, 40].map((epoch) => `out/checkpoints/epoch-${epoch}.json`)
 * assert.strictEqual(filesText(['out/config.json', ...checkpoints]), 'out/config.json, out/checkpoints/epoch-10.json … epoch-40.json (4 checkpoints)')
 * assert.strictEqual(filesText(['a', 'b']), 'a, b')
 */
export const filesText = (files: readonly string[]): string => {
  const isCheckpoint = (file: string): boolean =>
    /[\\/]checkpoints[\\/]epoch-\d+\.json$/u.test(file)
  const checkpoints = files.filter(isCheckpoint)
  const first = checkpoints[0]
  const last = checkpoints[checkpoints.length - 1]
  if (checkpoints.length <= 3 || first === undefined || last === undefined) return files.join(', ')
  const lastName = last.slice(Math.max(last.lastIndexOf('/'), last.lastIndexOf('\\')) + 1)
  const others = files.filter((file) => !isCheckpoint(file))
  return [...others, `${first} … ${lastName} (${checkpoints.length} checkpoints)`].join(', ')
}

/** What the closing summary reports. */
export interface RunSummary extends RunIdentity {
  readonly epochs: number
  readonly elapsedSeconds: number
  /** Which kernels ran ('wasm' or 'portable') and on how many threads. */
  readonly kernels: string
  readonly workers: number
  readonly final: train.FinalMetrics
  /** The files written, in order. */
  readonly files: readonly string[]
}

const metrics = (loss: number, accuracy: number): string =>
  `loss ${loss.toPrecision(6)}  accuracy ${accuracy.toFixed(4)}`

/**
 * The line a run stopped early prints (epochs counted from 1, as the progress lines count them:
 * the record of epoch index e is shown as epoch e + 1).
 *
 * @example
 * import assert from 'node:assert'
 * import { stoppedText } from './run-files.js'
 * assert.strictEqual(
 *   stoppedText({ epoch: 56, bestEpoch: 36, monitor: 'testLoss', best: 0.07123 }),
 *   'stopped early at epoch 57: testLoss has not improved for 20 epochs; restored epoch 37 (testLoss 0.0712)',
 * )
 */
export const stoppedText = (stopped: train.StoppedEarly): string =>
  `stopped early at epoch ${stopped.epoch + 1}: ${stopped.monitor} has not improved for ${stopped.epoch - stopped.bestEpoch} epochs; restored epoch ${stopped.bestEpoch + 1} (${stopped.monitor} ${String(Number(stopped.best.toPrecision(3)))})`

/**
 * A warning's line (without the command's prefix): its epoch counted from 1, its kind, its message.
 *
 * @example
 * import assert from 'node:assert'
 * import { warningText } from './run-files.js'
 * assert.strictEqual(warningText({ epoch: 10, kind: 'saturated', message: 'every weight gradient was exactly 0' }), 'warning: epoch 11 (saturated): every weight gradient was exactly 0')
 */
export const warningText = (warning: train.TrainingWarning): string =>
  `warning: epoch ${warning.epoch + 1} (${warning.kind}): ${warning.message}`

/**
 * The closing summary of `gradfold train`: time, final figures, seed and config hash (so a run
 * can be matched to its config), and the files written.
 *
 * @example
 * import assert from 'node:assert'
 * import { summaryText } from './run-files.js'
 * const text = summaryText({
 *   epochs: 20, elapsedSeconds: 0.5, kernels: 'wasm', workers: 1, seed: 42, configHash: 'c0ffee',
 *   final: { trainLoss: 0.125, trainAccuracy: 0.9, testLoss: 0.25, testAccuracy: 0.8 },
 *   files: ['out/config.json', 'out/history.json', 'out/model.json'],
 * })
 * assert.strictEqual(text, [
 *   'trained 20 epochs in 0.50 s (wasm kernels, 1 worker)',
 *   '  train  loss 0.125000  accuracy 0.9000',
 *   '  test   loss 0.250000  accuracy 0.8000',
 *   '  seed 42, config sha256 c0ffee',
 *   '  wrote out/config.json, out/history.json, out/model.json',
 *   '',
 * ].join('\n'))
 */
export const summaryText = (summary: RunSummary): string => {
  const { final } = summary
  const time = summary.elapsedSeconds.toFixed(summary.elapsedSeconds < 10 ? 2 : 1)
  return [
    `trained ${summary.epochs} epoch${summary.epochs === 1 ? '' : 's'} in ${time} s (${summary.kernels} kernels, ${summary.workers} worker${summary.workers === 1 ? '' : 's'})`,
    `  train  ${metrics(final.trainLoss, final.trainAccuracy)}`,
    ...(final.testLoss === undefined || final.testAccuracy === undefined
      ? []
      : [`  test   ${metrics(final.testLoss, final.testAccuracy)}`]),
    `  seed ${summary.seed}, config sha256 ${summary.configHash}`,
    `  wrote ${filesText(summary.files)}`,
    '',
  ].join('\n')
}
