// `gradfold evaluate` through an in-memory world. The CSV round trip of issue 14: iris trained by
// `gradfold train` from its CSV (standardised), then evaluate and predict on the same CSV: the
// confusion matrix's column sums are predict's per-class counts, its diagonal the accuracy, and
// predict's numbers equal the in-memory run's network on the standardised rows bit for bit. On a
// config, the figures are the run's own test figures. Bad labels are one line each, exit 2.

import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { data, linalg, network, train } from 'gradfold'
import { parseConfig } from '../src/config.js'
import { evaluateCommand } from '../src/evaluate-command.js'
import { predictCommand } from '../src/predict-command.js'
import { trainCommand } from '../src/train-command.js'
import { right } from '../../test/support/either.js'
import { expectClose } from '../../test/support/close.js'
import { experimentFrom } from './support/experiment.js'
import { memoryWorld, type MemoryWorld } from './support/memory-world.js'
import { readCsv, trainedWorld } from './support/model-run.js'

const example = (name: string): string =>
  readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8')
const irisCsv = example('iris.csv')
const irisConfig = { ...(JSON.parse(example('iris.json')) as Record<string, unknown>), epochs: 40 }

/** iris trained through `gradfold train data/iris.json`; a fresh world with every file. */
const trainedIris = async (files: Record<string, string> = {}): Promise<MemoryWorld> => {
  const world = memoryWorld({
    files: { 'data/iris.json': JSON.stringify(irisConfig), 'data/iris.csv': irisCsv, ...files },
  })
  const code = await trainCommand()(['data/iris.json', '--out', 'run', '--quiet'], world)
  if (code !== 0) throw new Error(`train failed (${code}): ${world.stderr()}`)
  return memoryWorld({ files: Object.fromEntries(world.files) })
}

const run = (command: typeof evaluateCommand, world: MemoryWorld, args: readonly string[]) =>
  Number(command(args, world))

interface EvaluationJson {
  readonly rows: number
  readonly loss: number
  readonly accuracy: number
  readonly classes: string[]
  readonly confusion: number[][]
  readonly precision: (number | null)[]
  readonly recall: (number | null)[]
  readonly support: number[]
}

describe('the CSV round trip', () => {
  test('evaluate and predict on the training CSV agree, and predict is the in-memory network bit for bit', async () => {
    const world = await trainedIris()
    expect(run(evaluateCommand, world, ['run/model.json', 'data/iris.csv', '--json'])).toBe(0)
    const figures = JSON.parse(world.stdout()) as EvaluationJson
    const predictWorld = memoryWorld({ files: Object.fromEntries(world.files) })
    expect(run(predictCommand, predictWorld, ['run/model.json', 'data/iris.csv'])).toBe(0)
    const [header, ...rows] = readCsv(predictWorld.stdout())
    expect(header).toStrictEqual(['class', 'p_setosa', 'p_versicolor', 'p_virginica'])
    expect(figures.rows).toBe(150)
    expect(figures.classes).toStrictEqual(['setosa', 'versicolor', 'virginica'])

    // predict's classes are the ones evaluate's confusion matrix implies
    const columnSums = figures.classes.map((_, column) =>
      figures.confusion.reduce((sum, line) => sum + (line[column] ?? Number.NaN), 0),
    )
    const predictedCounts = figures.classes.map(
      (name) => rows.filter((row) => row[0] === name).length,
    )
    expect(predictedCounts).toStrictEqual(columnSums)
    const truth = readCsv(irisCsv)
      .slice(1)
      .map((row) => row[4])
    const correct = rows.filter((row, index) => row[0] === truth[index]).length
    expect(figures.accuracy).toBe(correct / 150)
    expect(figures.confusion.map((line, index) => line[index])).toStrictEqual(
      figures.classes.map(
        (name) => rows.filter((row, index) => row[0] === name && truth[index] === name).length,
      ),
    )
    expect(figures.support).toStrictEqual([50, 50, 50])

    // the saved model's predictions are the in-memory run's, bit for bit
    const config = right(parseConfig(JSON.stringify(irisConfig)))
    const experiment = right(experimentFrom(config, { files: { './iris.csv': irisCsv } }))
    const fitted = right(train.fit(experiment.fitConfig)(experiment.initial, experiment.data))
    const standardizer = experiment.standardizer
    if (standardizer === null) throw new Error('the iris example standardises')
    const X = right(data.standardize(standardizer, experiment.loaded.dataset.X))
    const expected = linalg.toRows(right(network.predict(fitted.state.network, X)))
    expect(rows.map((row) => row.slice(1).map(Number))).toStrictEqual(expected)
  }, 120_000)

  test('on the config: the run’s own test figures', async () => {
    const world = await trainedIris()
    expect(run(evaluateCommand, world, ['run/model.json', 'data/iris.json', '--json'])).toBe(0)
    const figures = JSON.parse(world.stdout()) as EvaluationJson
    const history = JSON.parse(world.files.get('run/history.json') ?? '{}') as {
      final: { testLoss: number; testAccuracy: number }
    }
    expect(figures.rows).toBe(45)
    expect(figures.accuracy).toBe(history.final.testAccuracy)
    expectClose([figures.loss], [history.final.testLoss], 'test loss')
  }, 120_000)

  test('the table says the same as --json', async () => {
    const world = await trainedIris()
    expect(run(evaluateCommand, world, ['run/model.json', 'data/iris.csv', '--json'])).toBe(0)
    const figures = JSON.parse(world.stdout()) as EvaluationJson
    const textWorld = memoryWorld({ files: Object.fromEntries(world.files) })
    expect(run(evaluateCommand, textWorld, ['run/model.json', 'data/iris.csv'])).toBe(0)
    const lines = textWorld.stdout().split('\n')
    expect(lines[0]).toBe('data/iris.csv: 150 rows')
    expect(lines[1]).toBe(`loss      ${figures.loss.toPrecision(6)}`)
    const correct = Math.round(figures.accuracy * 150)
    expect(lines[2]).toBe(`accuracy  ${figures.accuracy.toFixed(4)} (${correct} of 150)`)
    expect(lines[4]).toBe('confusion matrix (rows: true class, columns: predicted)')
    expect(lines[5]?.split(/\s+/u).filter(Boolean)).toStrictEqual(figures.classes)
    const setosaRow = lines[6]?.split(/\s+/u)
    expect(setosaRow).toStrictEqual(['setosa', ...(figures.confusion[0] ?? []).map(String)])
    expect(lines[10]?.split(/\s+/u)).toStrictEqual(['class', 'precision', 'recall', 'support'])
  }, 120_000)
})

describe('a regression', () => {
  test('evaluate prints its loss; predict its values', async () => {
    const petal = {
      ...irisConfig,
      data: {
        name: 'csv',
        path: 'iris.csv',
        label: 'petal_width',
        target: 'regression',
        features: ['sepal_length', 'sepal_width', 'petal_length'],
      },
      model: { layers: [3, 8, 1], hidden: 'tanh', output: 'linear' },
      loss: 'mse',
      split: null,
    }
    const trained = memoryWorld({
      files: { 'data/petal.json': JSON.stringify(petal), 'data/iris.csv': irisCsv },
    })
    expect(await trainCommand()(['data/petal.json', '--out', 'run', '--quiet'], trained)).toBe(0)
    const history = JSON.parse(trained.files.get('run/history.json') ?? '{}') as {
      final: { trainLoss: number }
    }
    const world = memoryWorld({ files: Object.fromEntries(trained.files) })
    expect(run(evaluateCommand, world, ['run/model.json', 'data/iris.csv', '--json'])).toBe(0)
    const figures = JSON.parse(world.stdout()) as { rows: number; loss: number }
    expect(figures.rows).toBe(150)
    expectClose([figures.loss], [history.final.trainLoss], 'loss on every row')
    const predicted = memoryWorld({ files: Object.fromEntries(trained.files) })
    expect(run(predictCommand, predicted, ['run/model.json', 'data/iris.csv'])).toBe(0)
    const [header, ...rows] = readCsv(predicted.stdout())
    expect(header).toStrictEqual(['value'])
    expect(rows.length).toBe(150)
  }, 120_000)
})

describe('precision and recall with nothing to divide by', () => {
  test('a class absent from the rows: recall — and null', async () => {
    const world = await trainedIris({
      'setosa.csv': [irisCsv.split('\n')[0], ...irisCsv.split('\n').slice(1, 11)].join('\n'),
    })
    expect(run(evaluateCommand, world, ['run/model.json', 'setosa.csv', '--json'])).toBe(0)
    const figures = JSON.parse(world.stdout()) as EvaluationJson
    expect(figures.support).toStrictEqual([10, 0, 0])
    expect(figures.recall.slice(1)).toStrictEqual([null, null])
    const text = memoryWorld({ files: Object.fromEntries(world.files) })
    expect(run(evaluateCommand, text, ['run/model.json', 'setosa.csv'])).toBe(0)
    expect(text.stdout()).toMatch(/^versicolor\s+\S+\s+—\s+0$/mu)
  }, 120_000)
})

describe('bad input: one line naming the file and column or field, exit 2', () => {
  const refused = (world: MemoryWorld, args: readonly string[]): string => {
    expect(run(evaluateCommand, world, args)).toBe(2)
    expect(world.stdout()).toBe('')
    return world.stderr()
  }

  test('no label column, a label the model does not know, a missing file', async () => {
    const lines = irisCsv.split('\n')
    const world = await trainedIris({
      'unlabelled.csv': lines.map((line) => line.split(',').slice(0, 4).join(',')).join('\n'),
      'odd.csv': [lines[0], lines[1], lines[2]?.replace('setosa', 'setosaa')].join('\n'),
    })
    const fresh = (): MemoryWorld => memoryWorld({ files: Object.fromEntries(world.files) })
    expect(refused(fresh(), ['run/model.json', 'unlabelled.csv'])).toBe(
      'gradfold evaluate: unlabelled.csv: no label column "species" (the model\'s output.label)\n',
    )
    expect(refused(fresh(), ['run/model.json', 'odd.csv'])).toBe(
      'gradfold evaluate: odd.csv: row 3, column "species": "setosaa" is not one of the model\'s classes (setosa, versicolor, virginica)\n',
    )
    expect(refused(fresh(), ['run/model.json', 'none.csv'])).toBe(
      "gradfold evaluate: cannot read 'none.csv': no such file or directory\n",
    )
  }, 120_000)

  test('a model trained on generated data has no label column to read a CSV by', async () => {
    const world = await trainedWorld({ 'rows.csv': 'x1,x2,label\n0,0,1\n' })
    expect(refused(world, ['run/model.json', 'rows.csv'])).toBe(
      'gradfold evaluate: run/model.json: output.label: missing, so the label column of rows.csv is unknown\n',
    )
  }, 60_000)

  test('a regression config against a classifier', async () => {
    const world = await trainedIris({
      'data/petal.json': JSON.stringify({
        ...irisConfig,
        data: {
          name: 'csv',
          path: 'iris.csv',
          label: 'petal_width',
          target: 'regression',
          features: ['sepal_length', 'sepal_width', 'petal_length'],
        },
        model: { layers: [3, 1], output: 'linear' },
        loss: 'mse',
      }),
    })
    expect(refused(world, ['run/model.json', 'data/petal.json'])).toMatch(
      /^gradfold evaluate: data\/petal.json: no feature "petal_width" \(the model reads 4/u,
    )
  }, 120_000)
})
