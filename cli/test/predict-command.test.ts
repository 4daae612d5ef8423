// `gradfold predict` through an in-memory world: a run trained by `gradfold train`, predicted on
// its config (the split's test rows) and on a CSV of the same rows with the columns shuffled,
// equals the same run trained in memory bit for bit; --out writes the file; bad models and data
// are one line each, exit 2, nothing written.

import { describe, expect, test } from 'vitest'
import { linalg, network } from 'gradfold'
import { csvCell, predictCommand, predictionsCsv } from '../src/predict-command.js'
import { right } from '../../test/support/either.js'
import { memoryWorld, type MemoryWorld } from './support/memory-world.js'
import { readCsv, testRowsCsv, trainedInMemory, trainedWorld } from './support/model-run.js'

const predict = (world: MemoryWorld, args: readonly string[]): number =>
  Number(predictCommand(args, world))

describe('a trained run predicted back', () => {
  test('on its config: the test rows, bit for bit the in-memory network’s outputs', async () => {
    const world = await trainedWorld()
    expect(predict(world, ['run/model.json', 'data/blobs.json'])).toBe(0)
    const [header, ...rows] = readCsv(world.stdout())
    expect(header).toStrictEqual(['class', 'p_0', 'p_1', 'p_2'])
    const { experiment, network: trained } = trainedInMemory()
    const test = experiment.data.test
    if (test === undefined) throw new Error('no test split')
    const expected = linalg.toRows(right(network.predict(trained, test.X)))
    expect(rows.length).toBe(test.X.rows)
    expect(rows.map((row) => row.slice(1).map(Number))).toStrictEqual(expected)
    expect(rows.map((row) => row[0])).toStrictEqual(
      linalg.rowArgmax(right(network.predict(trained, test.X))).map(String),
    )
  }, 60_000)

  test('on a CSV of the same rows, columns in another order: the same file', async () => {
    const { experiment } = trainedInMemory()
    const world = await trainedWorld({ 'rows.csv': testRowsCsv(experiment, ['x2', 'label', 'x1']) })
    expect(predict(world, ['run/model.json', 'data/blobs.json'])).toBe(0)
    const fromConfig = world.stdout()
    const second = memoryWorld({ files: Object.fromEntries(world.files) }) // nothing printed yet
    expect(predict(second, ['run/model.json', 'rows.csv'])).toBe(0)
    expect(second.stdout()).toBe(fromConfig)
    expect(second.stderr()).toBe('')
  }, 60_000)

  test('--out writes the file and says so', async () => {
    const world = await trainedWorld()
    expect(predict(world, ['run/model.json', 'data/blobs.json', '--out', 'out/p.csv'])).toBe(0)
    expect(world.stdout()).toBe('wrote 60 predictions to out/p.csv\n')
    expect(readCsv(world.files.get('out/p.csv') ?? '').length).toBe(61)
  }, 60_000)
})

describe('bad input: one line naming the file and field, exit 2, nothing written', () => {
  const refused = async (
    args: readonly string[],
    files: Record<string, string>,
  ): Promise<{ readonly code: number; readonly stderr: string; readonly world: MemoryWorld }> => {
    const world = await trainedWorld(files)
    const code = predict(world, [...args, '--out', 'p.csv'])
    expect(world.files.has('p.csv')).toBe(false)
    expect(world.stdout()).toBe('')
    return { code, stderr: world.stderr(), world }
  }

  test('a missing model file, a missing data file', async () => {
    expect(await refused(['nowhere/model.json', 'data/blobs.json'], {})).toMatchObject({
      code: 2,
      stderr: "gradfold predict: cannot read 'nowhere/model.json': no such file or directory\n",
    })
    expect(await refused(['run/model.json', 'missing.csv'], {})).toMatchObject({
      code: 2,
      stderr: "gradfold predict: cannot read 'missing.csv': no such file or directory\n",
    })
  }, 60_000)

  test('a file that is not a gradfold model: its config, its history', async () => {
    expect(await refused(['data/blobs.json', 'data/blobs.json'], {})).toMatchObject({
      code: 2,
      stderr:
        'gradfold predict: data/blobs.json: format: expected "gradfold-model", got nothing: not a gradfold model file\n',
    })
    expect((await refused(['run/history.json', 'data/blobs.json'], {})).stderr).toBe(
      'gradfold predict: run/history.json: format: expected "gradfold-model", got "gradfold-history": not a gradfold model file\n',
    )
    expect(
      await refused(['model.txt', 'data/blobs.json'], { 'model.txt': 'weights' }),
    ).toMatchObject({ code: 2 })
  }, 60_000)

  test('data whose width does not match the model: a CSV without x2, a 1-feature config', async () => {
    const narrow = await refused(['run/model.json', 'narrow.csv'], {
      'narrow.csv': 'x1,label\n0.5,1\n',
    })
    expect(narrow.code).toBe(2)
    expect(narrow.stderr).toBe(
      'gradfold predict: narrow.csv: no column "x2" (the columns are: x1, label)\n',
    )
    const one = {
      data: { name: 'blobs', samples: 30, centers: 3, features: 1 },
      model: { layers: [1, 3], output: 'softmax' },
      loss: 'softmaxCrossEntropy',
    }
    const narrower = await refused(['run/model.json', 'one.json'], {
      'one.json': JSON.stringify(one),
    })
    expect(narrower.code).toBe(2)
    expect(narrower.stderr).toBe(
      'gradfold predict: one.json: no feature "x2" (the model reads 2: x1, x2; the data has 1: x1)\n',
    )
  }, 60_000)

  test('a model whose metadata disagrees with its network, or has none', async () => {
    const trained = await trainedWorld()
    const model = JSON.parse(trained.files.get('run/model.json') ?? '{}') as Record<string, unknown>
    const shortened = { ...model, input: { features: ['x1'] } }
    const bare = Object.fromEntries(
      Object.entries(model).filter(([key]) => key !== 'input' && key !== 'output'),
    )
    const world = memoryWorld({
      files: {
        'short.json': JSON.stringify(shortened),
        'bare.json': JSON.stringify(bare),
        'data/blobs.json': trained.files.get('data/blobs.json') ?? '',
      },
    })
    expect(predict(world, ['short.json', 'data/blobs.json'])).toBe(2)
    expect(predict(world, ['bare.json', 'data/blobs.json'])).toBe(2)
    expect(world.stderr()).toBe(
      [
        'gradfold predict: short.json: input.features: expected 2 names (the input size), got 1',
        'gradfold predict: bare.json: input: missing (the metadata gradfold train writes; this model has none)',
        'gradfold predict: bare.json: output: missing (the metadata gradfold train writes; this model has none)',
        '',
      ].join('\n'),
    )
  }, 60_000)

  test('a non-numeric feature cell names its row and column', async () => {
    const bad = await refused(['run/model.json', 'bad.csv'], {
      'bad.csv': 'x1,x2\n0.5,1\n0.25,abc\n',
    })
    expect(bad.code).toBe(2)
    expect(bad.stderr).toBe(
      'gradfold predict: bad.csv: row 3, column "x2": expected a number, got "abc"\n',
    )
  }, 60_000)
})

describe('the CSV it writes', () => {
  test('cells with commas or quotes are quoted', () => {
    expect([csvCell('plain'), csvCell('a,b'), csvCell('say "hi"')]).toStrictEqual([
      'plain',
      '"a,b"',
      '"say ""hi"""',
    ])
  })

  test('a regression writes its values; several outputs value_1, value_2', () => {
    const net = right(
      network.fromLayers([
        {
          kind: 'dense',
          W: right(linalg.fromRows([[2, -1]])),
          b: right(linalg.fromRows([[0.5, 0]])),
          activation: 'linear',
        },
      ]),
    )
    const X = right(linalg.fromRows([[1], [0.1]]))
    const model = {
      network: net,
      input: { features: ['x'] },
      output: { target: 'regression', loss: 'mse' },
    } as const
    expect(right(predictionsCsv(model, X))).toBe(`value_1,value_2\n2.5,-1\n${2 * 0.1 + 0.5},-0.1\n`)
  })

  test('class names with commas stay one cell', () => {
    const net = right(
      network.fromLayers([
        {
          kind: 'dense',
          W: right(linalg.fromRows([[1, -1]])),
          b: right(linalg.fromRows([[0, 0]])),
          activation: 'softmax',
        },
      ]),
    )
    const model = {
      network: net,
      input: { features: ['x'] },
      output: { target: 'classes', classes: ['big, red', 'small'], loss: 'softmaxCrossEntropy' },
    } as const
    const text = right(predictionsCsv(model, right(linalg.fromRows([[3]]))))
    expect(text.split('\n')[0]).toBe('class,"p_big, red",p_small')
    expect(text.split('\n')[1]?.startsWith('"big, red",')).toBe(true)
  })
})
