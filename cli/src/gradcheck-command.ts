// `gradfold gradcheck CONFIG.json`: the config's network (initial, or after --epochs N) checked
// against central finite differences on its training data, one table row per tensor. Laws: exit 0
// exactly when every tensor passes, else 1; a bad call or config exits 2; nothing is written.

import * as E from 'fp-ts/lib/Either.js'
import { check, graph, linalg, random, train } from 'gradfold'
import type { network } from 'gradfold'
import {
  count,
  defineCommand,
  nonNegativeNumber,
  positiveCount,
  positiveNumber,
  renderHelp,
  withArguments,
} from './arguments.js'
import { loadConfig } from './train-command.js'
import type { Command } from './world.js'

// checked reads bound once, as the library binds its own (a module const V8 folds)
const { at } = linalg.checked

/**
 * The default finite-difference step: it balances truncation against rounding (see
 * src/check/gradient-check.ts); measured on moons [2, 16, 8, 1] and circles [2, 6, 4, 1], 1e-5
 * passes at threshold 1e-6 where 1e-7 and 1e-6 fail the wide weight matrices.
 */
export const defaultEpsilon = 1e-5

/**
 * The default absolute tolerance: an entry whose analytic and numeric derivatives differ by at
 * most this passes whatever its relative error. Near zero a relative error measures only the
 * central difference's rounding, about machine ε · |L| / ε ≈ 1e-11 for these losses; measured on
 * examples/ (moons and spirals after 200 epochs, circles at the start), every tensor that failed
 * without it failed on entries below 1e-9 apart.
 */
export const defaultTolerance = 1e-9

/** A setting as people write it: `1e-5`, not `0.00001`. */
const setting = (value: number): string =>
  value !== 0 && Math.abs(value) < 1e-3 ? value.toExponential() : String(value)

/** The arguments of `gradfold gradcheck`, as data: its parser and its help both read them. */
export const gradcheckArguments = defineCommand({
  name: 'gradcheck',
  summary: 'check a config’s gradients against finite differences, tensor by tensor',
  description: [
    'Builds the network and training data CONFIG.json describes and checks the analytic gradients of its loss (backpropagation through the graph) against central differences (L(θ + ε) − L(θ − ε)) / 2ε, printing one row per tensor: layer, tensor, shape, the largest relative error |a − n| / max(1e-8, |a| + |n|), and pass or fail.',
  ],
  positionals: [
    { name: 'CONFIG.json', description: 'the config whose network and data are checked' },
  ],
  options: {
    epochs: {
      type: 'string',
      valueName: 'N',
      reader: count,
      default: '0',
      description:
        'train N epochs first (with the config’s optimizer); 0 checks the initial network',
    },
    directions: {
      type: 'string',
      valueName: 'K',
      reader: positiveCount,
      description:
        'probe K random directions per tensor instead of every entry (two loss evaluations per direction; for large networks)',
    },
    epsilon: {
      type: 'string',
      valueName: 'E',
      reader: positiveNumber,
      default: setting(defaultEpsilon),
      description: 'the finite-difference step (see below)',
    },
    threshold: {
      type: 'string',
      valueName: 'T',
      reader: positiveNumber,
      default: '1e-6',
      description: 'the largest relative error that passes',
    },
    tolerance: {
      type: 'string',
      valueName: 'A',
      reader: nonNegativeNumber,
      default: setting(defaultTolerance),
      description: 'also pass a probe whose |a − n| ≤ A (0 turns it off)',
    },
  },
  notes: [
    'The default ε = 1e-5 balances truncation (~ε²) against rounding (~1e-16/ε); the notebook’s 1e-7 leaves rounding errors near 1e-6 relative, enough to fail small gradients. Entries whose derivatives are tiny have large relative errors made of rounding alone: the default tolerance passes those that agree to 1e-9.',
  ],
  exitCodes:
    '0 every tensor passes; 1 some tensor fails or the check could not run; 2 a usage mistake or a bad config.',
  examples: ['gradfold gradcheck examples/moons.json --epochs 100'],
})

/** The help of `gradfold gradcheck`. */
export const gradcheckHelp = renderHelp(gradcheckArguments)

const pad = (cells: readonly string[], widths: readonly number[]): string =>
  cells
    .map((cell, index) => cell.padEnd(at(widths, index, 'gradcheck table widths')))
    .join('  ')
    .trimEnd()

/**
 * The report as a table: one row per tensor (layer, tensor, shape, max relative error, pass or
 * fail) under a header, and a closing verdict line.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { check, linalg, network, random } from 'gradfold'
 * import { gradientTable } from './gradcheck-command.js'
 * const net = network.mlp([2, 3, 1], { hidden: 'tanh', output: 'sigmoid', key: random.key(1) })
 * assert.ok(E.isRight(net))
 * const report = check.gradientCheck(net.right, { X: linalg.fill(4, 2, 0.5), y: linalg.ones(4, 1) }, { loss: 'mse', epsilon: 1e-5 })
 * assert.ok(E.isRight(report))
 * const lines = gradientTable(report.right, net.right).split('\n')
 * assert.strictEqual(lines[0], 'layer  tensor  shape  max relative error  result')
 * assert.match(String(lines[1]), /^0      W       2×3    \d\.\d{2}e-\d+ +pass$/)
 * assert.strictEqual(lines[5], 'all 4 tensors pass')
 */
export const gradientTable = (report: check.GradientCheckReport, net: network.Network): string => {
  const shapes = new Map(
    graph
      .leaves(net.parameters)
      .map(([path, leaf]) => [graph.formatPath(path), linalg.formatShape(leaf)]),
  )
  const header = ['layer', 'tensor', 'shape', 'max relative error', 'result']
  const rows = report.tensors.map((tensor) => {
    const match = /^layers\[(\d+)\]\.(.+)$/u.exec(tensor.path)
    // a network's leaves are all layers[i].name; any other path shows whole, with no layer
    const [layer, name] =
      match === null
        ? ['', tensor.path]
        : [at(match, 1, 'gradcheck: the layer'), at(match, 2, 'gradcheck: the tensor')]
    const shape = shapes.get(tensor.path)
    if (shape === undefined)
      throw new Error(`gradcheck: ${tensor.path} is not a leaf of the network`)
    return [
      layer,
      name,
      shape,
      tensor.maxRelativeError.toExponential(2),
      tensor.passed ? 'pass' : 'FAIL',
    ]
  })
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => at(row, column, 'gradcheck: a cell').length)),
  )
  const failed = report.tensors.filter((tensor) => !tensor.passed).length
  const verdict =
    failed === 0
      ? `all ${report.tensors.length} tensors pass`
      : `${failed} of ${report.tensors.length} tensors FAIL`
  return [pad(header, widths), ...rows.map((row) => pad(row, widths)), verdict, ''].join('\n')
}

/**
 * `gradfold gradcheck`: arguments after the command name and a world in, the exit code out.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { gradcheckCommand } from './gradcheck-command.js'
 * const errors: string[] = []
 * const world = {
 *   print: () => {}, warn: (text: string) => { errors.push(text) }, isTerminal: false, columns: 80,
 *   readText: () => E.right('{}'), readBytes: () => E.left('none'), listDirectory: () => E.right(undefined),
 *   writeText: () => E.right(undefined), writeBytes: () => E.right(undefined),
 *   joinPath: (...parts: readonly string[]) => parts.join('/'),
 * }
 * assert.strictEqual(gradcheckCommand(['moons.json', '--epsilon', '-1'], world), 2)
 * assert.deepStrictEqual(errors, ["gradfold: gradcheck: --epsilon: expected a positive number, got '-1' (try 'gradfold gradcheck --help')\n"])
 */
export const gradcheckCommand = withArguments(gradcheckArguments, (parsed, world) => {
  const {
    positionals: [configPath],
    options: { epochs, directions, epsilon, threshold, tolerance },
  } = parsed
  const loaded = loadConfig(world, 'gradcheck', configPath)
  if (E.isLeft(loaded)) return loaded.left
  const { config, experiment } = loaded.right
  const failed = (problem: string): number => {
    world.warn(`gradfold gradcheck: ${problem}\n`)
    return 1
  }
  const { fitConfig, data } = experiment
  const trained =
    epochs === 0
      ? E.right(experiment.initial.network)
      : E.map((result: train.FitResult<unknown>) => result.state.network)(
          train.fit({ ...fitConfig, epochs })(experiment.initial, data),
        )
  if (E.isLeft(trained)) return failed(`training failed: ${trained.left.message}`)
  const mode =
    directions === undefined
      ? ({ mode: 'every-entry' } as const)
      : ({
          mode: 'random-directions',
          directions,
          directionKey: random.key(config.seed),
        } as const)
  const report = check.gradientCheck(trained.right, data.train, {
    loss: fitConfig.loss,
    ...(fitConfig.l2 === undefined ? {} : { l2: fitConfig.l2 }),
    epsilon,
    threshold,
    absoluteTolerance: tolerance,
    ...mode,
  })
  if (E.isLeft(report)) return failed(report.left.message)
  const probes =
    directions === undefined ? 'every entry' : `${directions} random directions per tensor`
  world.print(
    [
      `gradient check of ${configPath} after ${epochs} epoch${epochs === 1 ? '' : 's'}:`,
      `  loss ${fitConfig.loss} = ${report.right.loss.toPrecision(6)} on ${data.train.X.rows} training examples,`,
      `  ${probes}, ε = ${setting(epsilon)}, threshold ${setting(threshold)}${tolerance > 0 ? `, tolerance ${setting(tolerance)}` : ''}`,
      '',
      gradientTable(report.right, trained.right),
    ].join('\n'),
  )
  return report.right.passed ? 0 : 1
}) satisfies Command
