// `gradfold gradcheck` through an in-memory world: a table row per tensor and exit 0 when all
// pass, exit 1 when a threshold cannot be met, --epochs checks a trained network, --directions
// probes random directions, and a bad config or option is exit 2 with nothing run.

import { describe, expect, test } from 'vitest'
import { train } from 'gradfold'
import { parseConfig } from '../src/config.js'
import { gradcheckCommand } from '../src/gradcheck-command.js'
import { right } from '../../test/support/either.js'
import { memoryWorld, type MemoryWorld } from './support/memory-world.js'
import { experimentFrom } from './support/experiment.js'

const config = {
  seed: 3,
  data: { name: 'circles', samples: 40, noise: 0.1 },
  model: { layers: [2, 6, 4, 1], hidden: 'tanh', output: 'sigmoid', init: 'glorot-uniform' },
  loss: 'mse',
  optimizer: { name: 'momentum', learningRate: 0.3 },
  epochs: 50,
}
const configText = JSON.stringify(config)

const run = (
  args: readonly string[],
  files: Readonly<Record<string, string>> = { 'c.json': configText },
): { readonly world: MemoryWorld; readonly exitCode: number } => {
  const world = memoryWorld({ files })
  return { world, exitCode: gradcheckCommand(args, world) }
}

/** The table's rows: [layer, tensor, shape, error, result]. */
const rows = (stdout: string): string[][] =>
  stdout
    .split('\n')
    .filter((line) => /^\d+ +[Wb] /u.test(line))
    .map((line) => line.split(/ {2,}/u))

describe('gradfold gradcheck', () => {
  test('every tensor of the initial network passes: a row each, exit 0', () => {
    const { world, exitCode } = run(['c.json'])
    expect(world.stderr()).toBe('')
    expect(exitCode).toBe(0)
    expect(rows(world.stdout()).map((row) => [row[0], row[1], row[2], row[4]])).toStrictEqual([
      ['0', 'W', '2×6', 'pass'],
      ['0', 'b', '1×6', 'pass'],
      ['1', 'W', '6×4', 'pass'],
      ['1', 'b', '1×4', 'pass'],
      ['2', 'W', '4×1', 'pass'],
      ['2', 'b', '1×1', 'pass'],
    ])
    for (const row of rows(world.stdout())) expect(Number(row[3])).toBeLessThan(1e-6)
    expect(world.stdout()).toContain('after 0 epochs')
    expect(world.stdout()).toContain('on 40 training examples')
    expect(world.stdout().trimEnd().endsWith('all 6 tensors pass')).toBe(true)
    expect(world.files.size).toBe(1)
  })

  test('a threshold no finite difference can meet fails: FAIL rows, exit 1', () => {
    const { world, exitCode } = run(['c.json', '--threshold', '1e-300', '--tolerance', '0'])
    expect(exitCode).toBe(1)
    expect(rows(world.stdout()).some((row) => row[4] === 'FAIL')).toBe(true)
    expect(world.stdout()).toMatch(/\d of 6 tensors FAIL\n$/u)
  })

  test('the default absolute tolerance passes entries that agree to 1e-9 whatever their relative error', () => {
    const strict = run(['c.json', '--threshold', '1e-300'])
    expect(strict.exitCode).toBe(0)
    expect(strict.world.stdout()).toContain('tolerance 1e-9')
  })

  test('--epochs N checks the network after N epochs of training, at its loss', () => {
    const { world, exitCode } = run(['c.json', '--epochs', '5'])
    expect(exitCode).toBe(0)
    const experiment = right(experimentFrom(right(parseConfig(configText))))
    const trained = right(
      train.fit({ ...experiment.fitConfig, epochs: 5 })(experiment.initial, experiment.data),
    )
    const loss = trained.history.final?.trainLoss ?? Number.NaN
    expect(world.stdout()).toContain(`after 5 epochs:\n  loss mse = ${loss.toPrecision(6)} on`)
  })

  test('--directions K probes random directions per tensor', () => {
    const { world, exitCode } = run(['c.json', '--directions', '2', '--epsilon', '0.00002'])
    expect(exitCode).toBe(0)
    expect(world.stdout()).toContain('2 random directions per tensor, ε = 2e-5, threshold 1e-6')
    expect(rows(world.stdout())).toHaveLength(6)
  })

  test('a bad config: each problem on its own line, exit 2, nothing printed', () => {
    const bad = JSON.stringify({ ...config, optimizer: { name: 'sgd', learningRate: -1 } })
    const { world, exitCode } = run(['bad.json'], { 'bad.json': bad })
    expect(exitCode).toBe(2)
    expect(world.stdout()).toBe('')
    expect(world.stderr()).toBe(
      'gradfold gradcheck: bad.json: optimizer.learningRate: expected a positive number, got -1\n',
    )
  })

  test.each([
    [['c.json', '--epochs', '-2'], "--epochs: expected a non-negative integer, got '-2'"],
    [['c.json', '--directions', '0'], "--directions: expected a positive integer, got '0'"],
    [['c.json', '--threshold', 'x'], "--threshold: expected a positive number, got 'x'"],
    [['c.json', 'd.json'], "unexpected argument 'd.json'"],
    [[], 'missing CONFIG.json'],
  ])('%j is a usage error', (args, problem) => {
    const { world, exitCode } = run(args)
    expect(exitCode).toBe(2)
    expect(world.stderr()).toBe(
      `gradfold: gradcheck: ${problem} (try 'gradfold gradcheck --help')\n`,
    )
    expect(world.stdout()).toBe('')
  })
})
