// `gradfold train CONFIG.json --out DIR [--from MODEL.json] [--report]`: decode, train with
// progress (and checkpoints), then write config.json, history.json and model.json (and with
// --report the run's figures and index.html); a run that diverges writes config.json and
// history.json so far, no model.json, and exits 1. Laws: a bad call, config or --from model exits
// 2 and writes nothing; a DIR holding anything but an unfinished run is kept without --force; the
// same config and clock give the same files and text.

import { dirname } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { linalg, network, train } from 'gradfold'
import {
  defineCommand,
  renderHelp,
  reportProblems,
  reportUsage,
  text,
  withArguments,
} from './arguments.js'
import { withCheckpoints, type CheckpointLog } from './checkpoints.js'
import { encodeConfig, parseConfig, type RunConfig } from './config.js'
import { loadData } from './data-sources.js'
import { prepareExperiment, type Experiment } from './experiment.js'
import { loadStartingModel } from './from-model.js'
import { barLine, plainLine, shouldReport } from './progress.js'
import { keepSnapshots, snapshotInterval, type Snapshot } from './report/snapshots.js'
import { writeTrainReport } from './report/train-files.js'
import { modelMetadata } from './saved-model.js'
import { outFolder } from './run-folder.js'
import {
  encodeHistory,
  formatJson,
  sha256Hex,
  stoppedText,
  summaryText,
  warningText,
  type RunEnding,
  type StartedFrom,
} from './run-files.js'
import type { Command, World } from './world.js'

/** The arguments of `gradfold train`, as data: its parser and its help both read them. */
export const trainArguments = defineCommand({
  name: 'train',
  summary: 'train the network a config describes; write config, history and model',
  description: [
    'Trains the network CONFIG.json describes (data, model, loss, optimizer, epochs, seed) and writes three files to DIR: config.json (the config with every default made explicit), history.json (per-epoch loss, accuracy, gradient and weight norms, final figures, warnings, how the run ended, the seed and the config’s SHA-256) and model.json (the trained network; loading it gives identical predictions). Prints a progress bar on a terminal, plain lines otherwise, then a summary.',
    'With "checkpointEvery": N in the config, DIR/checkpoints/epoch-N.json (model.json’s format) is written every N epochs; with "earlyStopping", training stops when the watched figure stops improving and the best epoch’s network is kept. Warnings (a loss grown a million-fold, weight gradients exactly 0 for 10 epochs) go to stderr, one line each.',
    'A run that diverges (a loss or gradient that is not finite) stops with one line, `diverged at epoch 4 (loss 8.1e79 after 2.3e30): try a smaller learning rate`, writes config.json and history.json so far (status "diverged") and no model.json, and exits 1. Such a folder (no model.json) may be trained into again without --force: its files are replaced.',
  ],
  positionals: [
    { name: 'CONFIG.json', description: 'the run’s config (docs/cli.md lists every field)' },
  ],
  options: {
    out: {
      type: 'string',
      valueName: 'DIR',
      reader: text('a directory'),
      required: true,
      description: 'where to write the run’s files (created if missing)',
    },
    force: {
      type: 'boolean',
      description: 'write into DIR even if it is not empty (files of the same name are replaced)',
    },
    from: {
      type: 'string',
      valueName: 'MODEL.json',
      reader: text('a model file'),
      description:
        'start from a saved model’s weights (its dense layers must match the config’s model in widths and activations): fine-tuning or resuming; the optimizer’s state starts afresh, and history.json records the model’s SHA-256',
    },
    quiet: { type: 'boolean', description: 'no progress lines, only the summary' },
    report: {
      type: 'boolean',
      description:
        'also write the run’s figures (loss, gradient norms, decision boundary for 2-D data, weights, gradient distributions; .svg and .png), boundary.gif (2-D data: the boundary as it formed) and index.html, a self-contained page with the numbers, the figures and the animated boundary',
    },
  },
  notes: [],
  exitCodes:
    '0 trained (or stopped early); 2 a usage mistake, a bad config or a --from model that does not fit it (each problem on its own line, nothing written); 1 training diverged, or training or writing failed.',
  examples: ['gradfold train examples/moons.json --out runs/moons'],
})

/** The help of `gradfold train`. */
export const trainHelp = renderHelp(trainArguments)

/** A config read, decoded and turned into an experiment. */
export interface LoadedConfig {
  readonly config: RunConfig
  readonly experiment: Experiment
}

/**
 * Reads CONFIG.json through `world`, decodes it and prepares its experiment. On failure it
 * writes every problem as its own line (`gradfold train: moons.json: epochs: expected …`) and
 * returns Left with the exit code, 2: the user's file is wrong, nothing ran.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { loadConfig } from './train-command.js'
 * const lines: string[] = []
 * const world = {
 *   print: () => {}, warn: (text: string) => { lines.push(text) }, isTerminal: false, columns: 80,
 *   readText: () => E.right('{"epochs": "ten"}'), readBytes: () => E.left('none'), listDirectory: () => E.right(undefined),
 *   writeText: () => E.right(undefined), writeBytes: () => E.right(undefined),
 *   joinPath: (...parts: readonly string[]) => parts.join('/'),
 * }
 * assert.deepStrictEqual(loadConfig(world, 'train', 'bad.json'), E.left(2))
 * const problems = lines.join('').split('\n')
 * assert.ok(problems.includes('gradfold train: bad.json: epochs: expected a non-negative integer, got "ten"'))
 */
export const loadConfig = (
  world: World,
  command: string,
  path: string,
): E.Either<number, LoadedConfig> => {
  const fail = (problems: readonly string[]): E.Either<number, LoadedConfig> =>
    E.left(reportProblems(world, command, problems))
  const text = world.readText(path)
  if (E.isLeft(text)) return fail([text.left])
  const config = parseConfig(text.right)
  if (E.isLeft(config)) return fail(config.left.map((problem) => `${path}: ${problem}`))
  const loaded = loadData(world, dirname(path), config.right.data, config.right.rng)
  if (E.isLeft(loaded)) return fail(loaded.left.map((problem) => `${path}: ${problem}`))
  const experiment = prepareExperiment(config.right, loaded.right)
  if (E.isLeft(experiment)) return fail([`${path}: ${experiment.left}`])
  return E.right({ config: config.right, experiment: experiment.right })
}

/** Watches the epochs as they pass, printing progress through `world`, without changing them. */
function* withProgress<State>(
  epochs: Iterable<train.EpochOutcome<State>>,
  total: number,
  world: World,
  elapsedSeconds: () => number,
): Generator<train.EpochOutcome<State>, void> {
  let drawn = 0
  for (const outcome of epochs) {
    if (E.isRight(outcome)) {
      const epoch = outcome.right.epoch + 1
      if (shouldReport(epoch, total, world.isTerminal)) {
        const progress = {
          epoch,
          epochs: total,
          loss: outcome.right.record.loss,
          accuracy: outcome.right.record.trainAccuracy,
          elapsedSeconds: elapsedSeconds(),
        }
        if (world.isTerminal) {
          const line = barLine(progress, world.columns - 1)
          world.print(`\r${line.padEnd(drawn)}`)
          drawn = line.length
        } else {
          world.print(`${plainLine(progress)}\n`)
        }
      }
    } else if (drawn > 0) {
      // Training stops here: end the bar's line so the error starts on its own.
      world.print('\n')
      drawn = 0
    }
    yield outcome
  }
  if (drawn > 0) world.print('\n')
}

/** About how many snapshots a --report run keeps (the boundary animation's frames). */
const REPORT_FRAMES = 20

/**
 * `gradfold train` with a clock: `now` returns milliseconds (bin.ts passes `performance.now`;
 * the default, a clock that stands still, keeps output deterministic). The exit code comes at once,
 * or as a promise with `--report` (the figures are rendered asynchronously).
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { trainCommand } from './train-command.js'
 * const errors: string[] = []
 * const world = {
 *   print: () => {}, warn: (text: string) => { errors.push(text) }, isTerminal: false, columns: 80,
 *   readText: () => E.right('{}'), readBytes: () => E.left('none'), listDirectory: () => E.right(undefined),
 *   writeText: () => E.right(undefined), writeBytes: () => E.right(undefined),
 *   joinPath: (...parts: readonly string[]) => parts.join('/'),
 * }
 * assert.strictEqual(await trainCommand()(['moons.json'], world), 2) // no --out
 * assert.deepStrictEqual(errors, ["gradfold: train: missing --out DIR (try 'gradfold train --help')\n"])
 */
export const trainCommand = (now: () => number = () => 0): Command =>
  withArguments(trainArguments, (parsed, world) => {
    const {
      positionals: [configPath],
      options: { out, force, quiet, report, from },
    } = parsed
    const loaded = loadConfig(world, 'train', configPath)
    if (E.isLeft(loaded)) return loaded.left
    const { config, experiment } = loaded.right
    const { fitConfig } = experiment

    let initial = experiment.initial
    let startedFrom: StartedFrom | undefined
    if (from !== undefined) {
      const starting = loadStartingModel(world, from, experiment.network)
      if (E.isLeft(starting)) return reportProblems(world, 'train', starting.left)
      // the optimizer's state starts afresh: model.json keeps weights, not moments
      initial = train.initialState(starting.right.network, fitConfig.optimizer, initial.key)
      startedFrom = starting.right.from
    }

    const folder = outFolder(world, out)
    if (E.isLeft(folder)) return reportUsage(world, 'train', `--out ${folder.left}`)
    if (!force && folder.right === 'occupied') {
      return reportUsage(world, 'train', `'${out}' is not empty (use --force to write into it)`)
    }
    if (!force && folder.right === 'unfinished') {
      world.warn(
        `gradfold train: '${out}' holds a run that did not finish (no model.json): replacing its files\n`,
      )
    }
    const failed = (problem: string): number => {
      world.warn(`gradfold train: ${problem}\n`)
      return 1
    }
    // config.json is written with the history, after training: a run that fails before it has
    // a history leaves DIR as it was (but for checkpoints)
    const configText = formatJson(encodeConfig(config))
    const configHash = sha256Hex(configText)
    const configFile = world.joinPath(out, 'config.json')
    const historyFile = world.joinPath(out, 'history.json')
    const identity = {
      seed: config.seed,
      configHash,
      ...(startedFrom === undefined ? {} : { from: startedFrom }),
    }
    const writeRun = (history: train.History, ending: RunEnding): number | undefined => {
      for (const warning of train.trainingWarnings(history)) {
        world.warn(`gradfold train: ${warningText(warning)}\n`)
      }
      const wroteConfig = world.writeText(configFile, configText)
      if (E.isLeft(wroteConfig)) return failed(wroteConfig.left)
      const wroteHistory = world.writeText(
        historyFile,
        formatJson(encodeHistory(history, identity, ending)),
      )
      if (E.isLeft(wroteHistory)) return failed(wroteHistory.left)
      return undefined
    }

    if (!quiet) {
      world.print(
        `training ${configPath}: ${fitConfig.epochs} epochs, seed ${config.seed}, writing to ${out}\n`,
      )
    }
    const start = now()
    const elapsedSeconds = (): number => (now() - start) / 1000
    const epochs = train.fitEpochs(fitConfig)(initial, experiment.data)
    const checkpoints: CheckpointLog = { written: [], failure: undefined }
    const checkpointed =
      config.checkpointEvery === null
        ? epochs
        : withCheckpoints(
            epochs,
            config.checkpointEvery,
            world,
            out,
            checkpoints,
            modelMetadata(experiment),
          )
    const snapshots: Snapshot[] = [{ epoch: 0, network: initial.network }]
    const watched = report
      ? keepSnapshots(
          checkpointed,
          snapshotInterval(fitConfig.epochs, REPORT_FRAMES),
          snapshots,
          fitConfig.epochs,
        )
      : checkpointed
    const result = train.foldEpochs(
      initial,
      experiment.data,
      fitConfig.loss,
      fitConfig.shuffle,
    )(quiet ? watched : withProgress(watched, fitConfig.epochs, world, elapsedSeconds))
    if (checkpoints.failure !== undefined) return failed(checkpoints.failure)
    if (E.isLeft(result)) {
      const error = result.left
      if (!train.isDiverged(error)) return failed(`training failed: ${error.message}`)
      const wrote = writeRun(error.history, { diverged: error })
      if (wrote !== undefined) return wrote
      return failed(`${error.message} (the history so far is in ${historyFile})`)
    }
    const { history, state, stopped } = result.right
    const elapsed = elapsedSeconds()
    const final = history.final
    if (final === undefined) return failed('training ended without final figures')
    if (stopped !== undefined) world.print(`${stoppedText(stopped)}\n`)

    const wroteRun = writeRun(history, stopped === undefined ? {} : { stopped })
    if (wroteRun !== undefined) return wroteRun
    const modelFile = world.joinPath(out, 'model.json')
    const wroteModel = world.writeText(
      modelFile,
      formatJson(network.encodeModel(state.network, modelMetadata(experiment))),
    )
    if (E.isLeft(wroteModel)) return failed(wroteModel.left)

    const summary = (reportFiles: readonly string[]): number => {
      world.print(
        summaryText({
          epochs: history.loss.length,
          elapsedSeconds: elapsed,
          kernels: linalg.backendName,
          workers: config.workers,
          final,
          seed: config.seed,
          configHash,
          files: [configFile, historyFile, modelFile, ...reportFiles, ...checkpoints.written],
        }),
      )
      return 0
    }
    if (!report) return summary([])
    // Rendering the figures waits for Vega and Graphviz: only --report makes the command async.
    return writeTrainReport(world, out, {
      configPath,
      config: encodeConfig(config),
      configHash,
      seed: config.seed,
      loss: fitConfig.loss,
      sgdLearningRate:
        config.optimizer.name === 'sgd' && config.schedule.name === 'constant'
          ? config.optimizer.learningRate
          : undefined,
      trainingData: experiment.data.train,
      history,
      network: state.network,
      snapshots,
    }).then((written) =>
      E.isLeft(written)
        ? failed(`report: ${written.left}`)
        : summary([
            written.right.page,
            ...written.right.figures.flatMap((figure) =>
              (figure.files ?? []).map((file) => world.joinPath(out, file)),
            ),
            ...written.right.animations,
          ]),
    )
  })
