// `gradfold train CONFIG.json --out DIR [--report]`: decode, train with progress, write config.json,
// history.json and model.json (and with --report the run's figures and index.html). Laws: a bad
// call or config exits 2 and writes nothing; a non-empty DIR is kept without --force; the same
// config and clock give the same files and text.

import { dirname } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { linalg, network, train } from 'gradfold'
import { defineCommand, renderHelp, reportUsage, text, withArguments } from './arguments.js'
import { encodeConfig, parseConfig, type RunConfig } from './config.js'
import { loadData } from './data-sources.js'
import { prepareExperiment, type Experiment } from './experiment.js'
import { barLine, plainLine, shouldReport } from './progress.js'
import { keepSnapshots, snapshotInterval, type Snapshot } from './report/snapshots.js'
import { writeTrainReport } from './report/train-files.js'
import { modelMetadata } from './saved-model.js'
import { encodeHistory, formatJson, sha256Hex, summaryText } from './run-files.js'
import type { Command, World } from './world.js'

/** The arguments of `gradfold train`, as data: its parser and its help both read them. */
export const trainArguments = defineCommand({
  name: 'train',
  summary: 'train the network a config describes; write config, history and model',
  description: [
    'Trains the network CONFIG.json describes (data, model, loss, optimizer, epochs, seed) and writes three files to DIR: config.json (the config with every default made explicit), history.json (per-epoch loss, accuracy, gradient and weight norms, final figures, the seed and the config’s SHA-256) and model.json (the trained network; loading it gives identical predictions). Prints a progress bar on a terminal, plain lines otherwise, then a summary.',
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
    quiet: { type: 'boolean', description: 'no progress lines, only the summary' },
    report: {
      type: 'boolean',
      description:
        'also write the run’s figures (loss, gradient norms, decision boundary for 2-D data, weights, gradient distributions; .svg and .png), boundary.gif (2-D data: the boundary as it formed) and index.html, a self-contained page with the numbers, the figures and the animated boundary',
    },
  },
  notes: [],
  exitCodes:
    '0 trained; 2 a usage mistake or a bad config (each problem on its own line, nothing written); 1 training or writing failed.',
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
  const fail = (problems: readonly string[]): E.Either<number, LoadedConfig> => {
    world.warn(problems.map((problem) => `gradfold ${command}: ${problem}\n`).join(''))
    return E.left(2)
  }
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
      options: { out, force, quiet, report },
    } = parsed
    const loaded = loadConfig(world, 'train', configPath)
    if (E.isLeft(loaded)) return loaded.left
    const { config, experiment } = loaded.right

    const existing = world.listDirectory(out)
    if (E.isLeft(existing)) return reportUsage(world, 'train', `--out ${existing.left}`)
    if (!force && existing.right !== undefined && existing.right.length > 0) {
      return reportUsage(world, 'train', `'${out}' is not empty (use --force to write into it)`)
    }
    const failed = (problem: string): number => {
      world.warn(`gradfold train: ${problem}\n`)
      return 1
    }
    const configText = formatJson(encodeConfig(config))
    const configHash = sha256Hex(configText)
    const configFile = world.joinPath(out, 'config.json')
    const wroteConfig = world.writeText(configFile, configText)
    if (E.isLeft(wroteConfig)) return failed(wroteConfig.left)

    const { fitConfig } = experiment
    if (!quiet) {
      world.print(
        `training ${configPath}: ${fitConfig.epochs} epochs, seed ${config.seed}, writing to ${out}\n`,
      )
    }
    const start = now()
    const elapsedSeconds = (): number => (now() - start) / 1000
    const epochs = train.fitEpochs(fitConfig)(experiment.initial, experiment.data)
    const snapshots: Snapshot[] = [{ epoch: 0, network: experiment.initial.network }]
    const watched = report
      ? keepSnapshots(
          epochs,
          snapshotInterval(fitConfig.epochs, REPORT_FRAMES),
          snapshots,
          fitConfig.epochs,
        )
      : epochs
    const result = train.foldEpochs(
      experiment.initial,
      experiment.data,
      fitConfig.loss,
      fitConfig.shuffle,
    )(quiet ? watched : withProgress(watched, fitConfig.epochs, world, elapsedSeconds))
    if (E.isLeft(result)) return failed(`training failed: ${result.left.message}`)
    const { history, state } = result.right
    const elapsed = elapsedSeconds()
    const final = history.final
    if (final === undefined) return failed('training ended without final figures')

    const historyFile = world.joinPath(out, 'history.json')
    const wroteHistory = world.writeText(
      historyFile,
      formatJson(encodeHistory(history, { seed: config.seed, configHash })),
    )
    if (E.isLeft(wroteHistory)) return failed(wroteHistory.left)
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
          files: [configFile, historyFile, modelFile, ...reportFiles],
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
