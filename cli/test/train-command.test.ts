// `gradfold train` end to end through an in-memory world (and once through a temp directory):
// the three files, history.json's fields and hash, model.json reloading to identical predictions,
// progress on a terminal and in a log, --report's figures and index.html, and the refusals — bad
// config (exit 2, nothing written), a non-empty --out without --force, a refused write (exit 1);
// data read from files (a CSV trained with softmax, and every bad file: one line, exit 2).

import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, describe, expect, test } from 'vitest'
import { linalg, network, random, train } from 'gradfold'
import { parseConfig } from '../src/config.js'
import { formatJson } from '../src/run-files.js'
import { modelMetadata } from '../src/saved-model.js'
import { shouldReport } from '../src/progress.js'
import { trainCommand } from '../src/train-command.js'
import { nodeWorld } from '../src/world.js'
import { right } from '../../test/support/either.js'
import { decodeGif } from './support/gif.js'
import { remoteReferences } from './support/html.js'
import { memoryWorld, type MemoryWorld, type MemoryWorldOptions } from './support/memory-world.js'
import { decodePng } from './support/png.js'
import { experimentFrom } from './support/experiment.js'
import { gzipped, idxUbyte } from './support/idx-files.js'

const epochs = 12

/** A small moons run: 60 points, a 2-8-1 network, a test split, mini-batches. */
const smallConfig = {
  seed: 7,
  rng: 'key',
  data: { name: 'moons', samples: 60, noise: 0.2 },
  split: { testSize: 0.25 },
  model: { layers: [2, 8, 1], hidden: 'tanh', output: 'sigmoid', init: 'glorot-normal' },
  loss: 'mse',
  optimizer: { name: 'sgd', learningRate: 0.5 },
  epochs,
  batchSize: 16,
}
const configText = JSON.stringify(smallConfig)

const made: string[] = []
afterEach(() => {
  for (const directory of made.splice(0)) rmSync(directory, { recursive: true, force: true })
})

interface Run {
  readonly world: MemoryWorld
  readonly exitCode: number
}

const run = (
  args: readonly string[],
  options: MemoryWorldOptions = {},
  now?: () => number,
): Promise<Run> => {
  const world = memoryWorld({ files: { 'moons.json': configText }, ...options })
  return Promise.resolve(trainCommand(now)(args, world)).then((exitCode) => ({ world, exitCode }))
}

const json = (world: MemoryWorld, path: string): Record<string, unknown> => {
  const text = world.files.get(path)
  if (text === undefined) throw new Error(`${path} was not written`)
  return JSON.parse(text) as Record<string, unknown>
}

/** The same run, by the library directly: what the command must have trained. */
const expected = (): { readonly result: train.FitResult<unknown>; readonly X: linalg.Matrix } => {
  const experiment = right(experimentFrom(right(parseConfig(configText))))
  return {
    result: right(train.fit(experiment.fitConfig)(experiment.initial, experiment.data)),
    X: experiment.data.train.X,
  }
}

const sameBits = (a: readonly number[], b: readonly number[]): boolean =>
  a.length === b.length && a.every((value, index) => Object.is(value, b[index]))

describe('gradfold train', () => {
  test('writes config.json, history.json and model.json and prints a summary', async () => {
    const { world, exitCode } = await run(['moons.json', '--out', 'runs/a'])
    expect(world.stderr()).toBe('')
    expect(exitCode).toBe(0)
    expect([...world.files.keys()].sort()).toStrictEqual([
      'moons.json',
      'runs/a/config.json',
      'runs/a/history.json',
      'runs/a/model.json',
    ])
    const written = world.files.get('runs/a/config.json') ?? ''
    // Normalised: it decodes to the same config, with defaults the input left out made explicit.
    expect(right(parseConfig(written))).toStrictEqual(right(parseConfig(configText)))
    expect(Object.keys(JSON.parse(written) as object).length).toBeGreaterThan(
      Object.keys(smallConfig).length,
    )
    const history = json(world, 'runs/a/history.json')
    const hash = createHash('sha256').update(written).digest('hex')
    expect([history.seed, history.configHash, history.epochs]).toStrictEqual([7, hash, epochs])
    expect(world.stdout()).toContain(`seed 7, config sha256 ${hash}`)
    expect(world.stdout()).toContain(
      'wrote runs/a/config.json, runs/a/history.json, runs/a/model.json',
    )
  })

  test('history.json holds what fit records, bit for bit', async () => {
    const { world } = await run(['moons.json', '--out', 'out'])
    const history = json(world, 'out/history.json')
    const { result } = expected()
    expect(sameBits(history.loss as number[], result.history.loss)).toBe(true)
    expect(history.trainAccuracy).toStrictEqual(result.history.trainAccuracy)
    expect(history.testLoss).toStrictEqual(result.history.testLoss)
    expect(history.testAccuracy).toStrictEqual(result.history.testAccuracy)
    expect(history.gradientNorms).toStrictEqual(result.history.gradientNorms)
    expect(history.weightNorms).toStrictEqual(result.history.weightNorms)
    expect(history.final).toStrictEqual(result.history.final)
    expect((history.loss as number[]).length).toBe(epochs)
    expect((history.gradientNorms as { weights: number[][] }).weights[0]).toHaveLength(2)
  })

  test("model.json loads back to the run's final network: identical predictions", async () => {
    const { world } = await run(['moons.json', '--out', 'out'])
    const reloaded = right(network.decodeModel(json(world, 'out/model.json')))
    const { result, X } = expected()
    const probe = linalg.generate(17, 2, (row, col) => Math.sin(3 * row + col) * 2)
    for (const inputs of [X, right(probe)]) {
      const fromFile = linalg.toFlat(right(network.predict(reloaded, inputs)))
      const fromRun = linalg.toFlat(right(network.predict(result.state.network, inputs)))
      expect(sameBits(fromFile, fromRun)).toBe(true)
    }
  })

  test('off a terminal, plain progress lines about every tenth of the run', async () => {
    const { world } = await run(['moons.json', '--out', 'out'])
    const lines = world.stdout().split('\n')
    const progress = lines.filter((line) => /^epoch +\d+\/12 {2}loss /u.test(line))
    const schedule = Array.from({ length: epochs }, (_, index) => index + 1).filter((epoch) =>
      shouldReport(epoch, epochs, false),
    )
    expect(progress.map((line) => Number(/\d+/u.exec(line)?.[0]))).toStrictEqual(schedule)
    expect(world.stdout()).not.toContain('\r')
  })

  test('on a terminal, one line redrawn with \\r that fits the width, then the summary', async () => {
    const { world } = await run(['moons.json', '--out', 'out'], { isTerminal: true, columns: 70 })
    const out = world.stdout()
    const bar = out.slice(out.indexOf('\r'), out.indexOf('\ntrained'))
    expect(bar).not.toContain('\n')
    const frames = bar.split('\r').slice(1)
    expect(frames.length).toBe(epochs)
    for (const frame of frames) expect(frame.length).toBeLessThan(70)
    expect(frames.at(-1)).toMatch(/^epoch 12\/12 \[#+\] 100%/u)
  })

  test('--quiet prints only the summary; the clock times the run', async () => {
    let tick = 0
    const { world } = await run(['moons.json', '--out', 'out', '--quiet'], {}, () => (tick += 250))
    expect(world.stdout()).toMatch(
      /^trained 12 epochs in 0\.25 s \((wasm|portable) kernels, 1 worker\)\n {2}train {2}loss /u,
    )
  })

  test('the same config twice writes the same files and prints the same text', async () => {
    const first = await run(['moons.json', '--out', 'out'])
    const second = await run(['moons.json', '--out', 'out'])
    expect(second.world.files).toStrictEqual(first.world.files)
    expect(second.world.stdout()).toBe(first.world.stdout())
  })

  test('a bad config prints each problem as a path and an expectation, exits 2, writes nothing', async () => {
    const bad = JSON.stringify({
      ...smallConfig,
      optimizer: { name: 'sgd', learningRate: -1 },
      epochs: 'ten',
    })
    const { world, exitCode } = await run(['bad.json', '--out', 'out'], {
      files: { 'bad.json': bad },
    })
    expect(exitCode).toBe(2)
    expect(world.stdout()).toBe('')
    const lines = world.stderr().trimEnd().split('\n')
    expect(lines).toContain(
      'gradfold train: bad.json: optimizer.learningRate: expected a positive number, got -1',
    )
    expect(
      lines.some((line) => line.startsWith('gradfold train: bad.json: epochs: expected')),
    ).toBe(true)
    for (const line of lines) expect(line).toMatch(/^gradfold train: bad\.json: [^:]+: .+$/u)
    expect([...world.files.keys()]).toStrictEqual(['bad.json'])
  })

  test.each([
    ['not JSON', '{ "seed": '],
    ['a missing file', undefined],
  ])('%s: exit 2, nothing written', async (_, text) => {
    const world = memoryWorld(text === undefined ? {} : { files: { 'c.json': text } })
    expect(await trainCommand()(['c.json', '--out', 'out'], world)).toBe(2)
    expect(world.stderr()).toMatch(/^gradfold train: /u)
    expect([...world.files.keys()]).toStrictEqual(text === undefined ? [] : ['c.json'])
  })

  test('refuses a non-empty --out without --force; --force writes into it', async () => {
    const files = { 'out/notes.txt': 'keep me', 'out/model.json': 'old' }
    const refused = await run(['moons.json', '--out', 'out'], {
      files: { 'moons.json': configText, ...files },
    })
    expect(refused.exitCode).toBe(2)
    expect(refused.world.stderr()).toBe(
      "gradfold: train: 'out' is not empty (use --force to write into it) (try 'gradfold train --help')\n",
    )
    expect(Object.fromEntries(refused.world.files)).toStrictEqual({
      'moons.json': configText,
      ...files,
    })
    const forced = await run(['moons.json', '--out', 'out', '--force'], {
      files: { 'moons.json': configText, ...files },
    })
    expect(forced.exitCode).toBe(0)
    expect(forced.world.files.get('out/notes.txt')).toBe('keep me')
    expect(forced.world.files.get('out/model.json')).not.toBe('old')
  })

  test('an existing empty --out is fine; an --out that is a file is a usage error', async () => {
    expect((await run(['moons.json', '--out', 'empty'], { directories: ['empty'] })).exitCode).toBe(
      0,
    )
    const file = await run(['moons.json', '--out', 'moons.json'])
    expect(file.exitCode).toBe(2)
    expect(file.world.stderr()).toMatch(/not a directory/u)
  })

  test('a disk that refuses a write: one line on stderr, exit 1', async () => {
    const { world, exitCode } = await run(['moons.json', '--out', 'out'], {
      unwritable: ['out/history.json'],
    })
    expect(exitCode).toBe(1)
    expect(world.stderr()).toBe(
      "gradfold train: cannot write 'out/history.json': permission denied\n",
    )
  })

  test('training that diverges: the bar line is ended, one line on stderr, exit 1', async () => {
    const diverging = JSON.stringify({
      ...smallConfig,
      model: { layers: [2, 8, 1], hidden: 'relu', output: 'linear' },
      optimizer: { name: 'sgd', learningRate: 1e150 },
      batchSize: null,
    })
    const { world, exitCode } = await run(['d.json', '--out', 'out'], {
      files: { 'd.json': diverging },
      isTerminal: true,
    })
    expect(exitCode).toBe(1)
    expect(world.stderr()).toMatch(
      /^gradfold train: diverged at epoch 2 \(loss \S+, the only one recorded\): try a smaller learning rate \(the history so far is in out\/history\.json\)\n$/u,
    )
    // Epoch 1 is drawn; its update overflows the next measurement.
    expect(world.stdout()).toMatch(/\repoch {2}1\/12 [^\n]+\n$/u)
    expect([...world.files.keys()].sort()).toStrictEqual([
      'd.json',
      'out/config.json',
      'out/history.json',
    ])
  })

  test('--report: the run’s five figures, boundary.gif and index.html, the run itself unchanged', async () => {
    const plain = await run(['moons.json', '--out', 'out', '--quiet'])
    const { world, exitCode } = await run(['moons.json', '--out', 'out', '--quiet', '--report'])
    expect([exitCode, world.stderr()]).toStrictEqual([0, ''])
    for (const name of ['config.json', 'history.json', 'model.json']) {
      expect(world.files.get(`out/${name}`), name).toBe(plain.world.files.get(`out/${name}`))
    }
    const figures = ['loss', 'gradient-norms', 'boundary', 'weights', 'gradient-distributions']
    expect([...world.binaryFiles.keys()].sort()).toStrictEqual(
      [...figures.map((name) => `out/${name}.png`), 'out/boundary.gif'].sort(),
    )
    for (const [path, bytes] of world.binaryFiles) {
      if (path.endsWith('.png')) expect(decodePng(bytes).width, path).toBeGreaterThan(200)
    }
    // the GIF has the player's frames: every epoch and the network before training
    const gif = decodeGif(world.binaryFiles.get('out/boundary.gif') ?? new Uint8Array())
    expect([gif.frames.length, gif.loopCount]).toStrictEqual([epochs + 1, 0])
    expect(gif.width).toBeGreaterThan(300)
    const html = world.files.get('out/index.html') ?? ''
    const shown = [...html.matchAll(/<figure class="chart" id="([^"]+)">/gu)].map((m) => m[1])
    expect(shown).toStrictEqual(figures)
    // 12 epochs, about 20 frames: every epoch, and the network before training
    const labels = [...html.matchAll(/class="player-frame" data-label="([^"]+)"/gu)].map(
      (m) => m[1],
    )
    expect(labels).toStrictEqual(Array.from({ length: epochs + 1 }, (_, epoch) => `Epoch ${epoch}`))
    expect(html).toContain('<td>optimizer.learningRate</td><td>0.5</td>')
    expect(html).toContain('class="katex"')
    expect(remoteReferences(html)).toStrictEqual([])
    expect(world.stdout()).toContain('out/model.json, out/index.html, out/loss.svg, out/loss.png')
    expect(html).toContain('<a class="player-download" href="boundary.gif" download>')
    expect(world.stdout()).toContain('out/gradient-distributions.png, out/boundary.gif')
  }, 60_000)

  test('--report with a refused figure: one line naming it, exit 1, the run’s files kept', async () => {
    const { world, exitCode } = await run(['moons.json', '--out', 'out', '--quiet', '--report'], {
      unwritable: ['out/weights'],
    })
    expect(exitCode).toBe(1)
    expect(world.stderr()).toMatch(/^gradfold train: report: .*weights.*permission denied\n$/u)
    expect(world.files.has('out/model.json')).toBe(true)
    expect(world.files.has('out/index.html')).toBe(false)
  }, 60_000)

  test('through the real file system in a temp directory', async () => {
    const root = mkdtempSync(join(tmpdir(), 'gradfold-train-'))
    made.push(root)
    writeFileSync(join(root, 'moons.json'), configText)
    const printed: string[] = []
    const world = {
      ...nodeWorld(),
      isTerminal: false,
      print: (text: string) => void printed.push(text),
    }
    expect(
      await trainCommand()([join(root, 'moons.json'), '--out', join(root, 'run')], world),
    ).toBe(0)
    expect(readdirSync(join(root, 'run')).sort()).toStrictEqual([
      'config.json',
      'history.json',
      'model.json',
    ])
    const model: unknown = JSON.parse(readFileSync(join(root, 'run', 'model.json'), 'utf8'))
    expect(E.isRight(network.decodeModel(model))).toBe(true)
    expect(printed.join('')).toContain('trained 12 epochs')
    // A second run into the same directory is refused.
    const again = memoryWorld()
    expect(
      await trainCommand()([join(root, 'moons.json'), '--out', join(root, 'run')], {
        ...nodeWorld(),
        warn: again.warn,
      }),
    ).toBe(2)
    expect(again.stderr()).toContain('is not empty')
  })
})

describe('gradfold train on data read from files', () => {
  const irisLike = [
    'length,width,species',
    '5.1,3.5,setosa',
    '4.9,3.0,setosa',
    '7.0,3.2,versicolor',
    '6.4,3.2,versicolor',
    '6.3,3.3,virginica',
    '5.8,2.7,virginica',
    '5.0,3.4,setosa',
    '6.9,3.1,versicolor',
    '7.1,3.0,virginica',
  ].join('\r\n')
  const csvConfig = {
    seed: 3,
    data: { name: 'csv', path: 'table.csv', label: 'species' },
    standardize: true,
    model: { layers: [2, 8, 3], output: 'softmax' },
    loss: 'softmax-cross-entropy',
    optimizer: { name: 'adam', learningRate: 0.05 },
    epochs: 20,
  }

  const runIn = async (
    files: Readonly<Record<string, string>>,
    binaryFiles: Readonly<Record<string, Uint8Array>> = {},
  ): Promise<Run> => {
    const world = memoryWorld({ files, binaryFiles })
    const exitCode = await trainCommand()(['data/run.json', '--out', 'out'], world)
    return { world, exitCode }
  }

  test('a three-class CSV trains softmax end to end: one-hot targets, the CSV’s path kept', async () => {
    const { world, exitCode } = await runIn({
      'data/run.json': JSON.stringify(csvConfig),
      'data/table.csv': irisLike,
    })
    expect(world.stderr()).toBe('')
    expect(exitCode).toBe(0)
    const saved = json(world, 'out/config.json')
    expect(saved.data).toStrictEqual({
      name: 'csv',
      path: 'table.csv',
      label: 'species',
      features: null,
      target: 'classes',
    })
    expect(saved.standardize).toBe(true)
    const history = json(world, 'out/history.json') as { loss: number[] }
    expect(history.loss.at(-1)).toBeLessThan(history.loss[0] ?? 0)
  })

  const csvCases: readonly (readonly [string, string, string])[] = [
    [
      'a ragged row',
      'length,width,species\n5.1,3.5,setosa\n4.9,versicolor\n',
      'data/table.csv: row 3: expected 3 fields (as the header), got 2',
    ],
    [
      'a non-numeric feature cell',
      'length,width,species\n5.1,3.5,setosa\n4.9,wide,versicolor\n',
      'data/table.csv: row 3, column "width": expected a number, got "wide"',
    ],
    [
      'a missing label column',
      'length,width,kind\n5.1,3.5,setosa\n',
      'data/table.csv: no column "species" (the columns are: length, width, kind)',
    ],
    ['an empty file', '', 'data/table.csv: the file is empty (expected a header row)'],
    [
      'a label with one class only',
      'length,width,species\n5.1,3.5,setosa\n4.9,3.0,setosa\n',
      'data/table.csv: column "species" holds one class only ("setosa"): a classifier needs at least two',
    ],
  ]

  test.each(csvCases)(
    '%s: one line naming the file, exit 2, nothing written',
    async (_, text, line) => {
      const files = { 'data/run.json': JSON.stringify(csvConfig), 'data/table.csv': text }
      const { world, exitCode } = await runIn(files)
      expect(exitCode).toBe(2)
      expect(world.stderr()).toBe(`gradfold train: data/run.json: ${line}\n`)
      expect(world.stdout()).toBe('')
      expect(Object.fromEntries(world.files)).toStrictEqual(files)
    },
  )

  const idxConfig = {
    data: { name: 'idx', images: 'images.gz', labels: 'labels.gz' },
    model: { layers: [4, 3], output: 'softmax' },
    loss: 'softmax-cross-entropy',
    epochs: 2,
  }
  const images = idxUbyte([3, 2, 2], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
  const labels = idxUbyte([3], [0, 1, 2])

  test.each([
    [
      'an IDX file with the wrong magic number',
      { 'data/images.gz': Uint8Array.from([1, 2, 3, 4, 5]), 'data/labels.gz': labels },
      'data/images.gz: not an IDX file: the magic number is 0x01020304, expected 0x000008nn to 0x00000enn (two zero bytes, a type code, a dimension count)',
    ],
    [
      'a truncated IDX file',
      { 'data/images.gz': gzipped(images.subarray(0, 20)), 'data/labels.gz': labels },
      'data/images.gz: truncated: the header promises 3×2×2 ubyte values (12 bytes), the file holds 4',
    ],
    [
      'image and label counts that differ',
      { 'data/images.gz': images, 'data/labels.gz': idxUbyte([2], [0, 1]) },
      'data/images.gz and data/labels.gz: images hold 3 examples, labels 2',
    ],
    [
      'a missing file',
      { 'data/images.gz': images },
      "cannot read 'data/labels.gz': no such file or directory",
    ],
  ])('%s: one line naming the file, exit 2, nothing written', async (_, binaryFiles, line) => {
    const files = { 'data/run.json': JSON.stringify(idxConfig) }
    const { world, exitCode } = await runIn(files, binaryFiles)
    expect(exitCode).toBe(2)
    expect(world.stderr()).toBe(`gradfold train: data/run.json: ${line}\n`)
    expect(Object.fromEntries(world.files)).toStrictEqual(files)
    expect([...world.binaryFiles.keys()].sort()).toStrictEqual(Object.keys(binaryFiles).sort())
  })

  test('the model against what was read, a split beside an own test set: exit 2', async () => {
    const wide = await runIn(
      {
        'data/run.json': JSON.stringify({
          ...idxConfig,
          model: { layers: [784, 3], output: 'softmax' },
        }),
      },
      { 'data/images.gz': images, 'data/labels.gz': labels },
    )
    expect(wide.exitCode).toBe(2)
    expect(wide.world.stderr()).toBe(
      'gradfold train: data/run.json: model.layers: the first size is 784, expected 4 (the features of images.gz)\n',
    )
    const split = await runIn({
      'data/run.json': JSON.stringify({
        ...idxConfig,
        data: { ...idxConfig.data, test: { images: 't.gz', labels: 'u.gz' } },
        split: { testSize: 0.2 },
      }),
    })
    expect(split.world.stderr()).toBe(
      "gradfold train: data/run.json: split: expected none, got a split (data.test's files are the test set)\n",
    )
  })

  test('fashion-mnist where it is not installed: how to get it, exit 2', async () => {
    const { world, exitCode } = await runIn({
      'data/run.json': JSON.stringify({
        data: { name: 'fashion-mnist', directory: '/nowhere/fashion' },
        model: { layers: [784, 10], output: 'softmax' },
        loss: 'softmax-cross-entropy',
      }),
    })
    expect(exitCode).toBe(2)
    expect(world.stderr()).toBe(
      'gradfold train: data/run.json: fashion-mnist: not found at /nowhere/fashion (apt-get install dataset-fashion-mnist)\n',
    )
  })
})

/** A moons run the reproductions of issue 14 change: 200 points, [2, 16, 8, 1], sgd. */
const moonsWith = (changes: Record<string, unknown>): string =>
  JSON.stringify({
    seed: 42,
    data: { name: 'moons', samples: 200, noise: 0.2 },
    model: { layers: [2, 16, 8, 1], hidden: 'relu', output: 'sigmoid' },
    loss: 'mse',
    optimizer: { name: 'sgd', learningRate: 0.1 },
    epochs: 40,
    ...changes,
  })

/** Lines of text, without the empty last one. */
const lines = (text: string): string[] => text.split('\n').filter((line) => line !== '')

describe('gradfold train: warnings and divergence (issue 14’s reproductions)', () => {
  test('a learning rate of 1e6 saturates the network: a warning line, flagged in history.json', async () => {
    const config = moonsWith({ optimizer: { name: 'sgd', learningRate: 1e6 } })
    const { world, exitCode } = await run(['s.json', '--out', 'out', '--quiet'], {
      files: { 's.json': config },
    })
    expect(exitCode).toBe(0)
    expect(lines(world.stderr())).toStrictEqual([
      'gradfold train: warning: epoch 11 (saturated): every weight gradient was exactly 0 for 10 epochs (2 to 11): the network is saturated (dead ReLUs or saturated outputs) and no longer learns; try a smaller learning rate',
    ])
    const history = json(world, 'out/history.json')
    expect(history.status).toBe('trained')
    expect(history.warnings).toStrictEqual([
      expect.objectContaining({ epoch: 10, kind: 'saturated' }),
    ])
    // the flag is true of the run: epochs 2 to 11 (indices 1 to 10) have every weight gradient 0
    const weights = (history.gradientNorms as { weights: number[][] }).weights
    expect(weights.slice(1, 11).every((layers) => layers.every((norm) => norm === 0))).toBe(true)
  })

  test('BCE-with-logits climbing a million-fold: a growth warning, flagged in history.json', async () => {
    const config = moonsWith({
      model: { layers: [2, 16, 8, 1], hidden: 'relu', output: 'linear' },
      loss: 'binaryCrossEntropyWithLogits',
      optimizer: { name: 'sgd', learningRate: 100 },
      epochs: 60,
    })
    const { world, exitCode } = await run(['g.json', '--out', 'out', '--quiet'], {
      files: { 'g.json': config },
    })
    expect(exitCode).toBe(0)
    const history = json(world, 'out/history.json')
    const loss = history.loss as number[]
    const growth = (history.warnings as { epoch: number; kind: string }[]).find(
      (warning) => warning.kind === 'lossGrowth',
    )
    if (growth === undefined) throw new Error('no growth warning')
    // the first epoch whose loss is a million times the smallest before it
    const first = loss.findIndex(
      (value, epoch) => epoch > 0 && value >= 1e6 * Math.min(...loss.slice(0, epoch)),
    )
    expect(growth.epoch).toBe(first)
    expect(world.stderr()).toContain(
      `gradfold train: warning: epoch ${first + 1} (lossGrowth): the loss grew to `,
    )
  })

  const overflowing = moonsWith({
    model: { layers: [2, 16, 8, 1], hidden: 'leakyRelu', output: 'linear' },
    optimizer: { name: 'sgd', learningRate: 1000 },
  })

  test('an overflow: one line naming the epoch, exit 1, history.json so far, no model.json', async () => {
    const { world, exitCode } = await run(['o.json', '--out', 'out', '--quiet'], {
      files: { 'o.json': overflowing },
    })
    expect(exitCode).toBe(1)
    const history = json(world, 'out/history.json')
    const loss = history.loss as number[]
    expect(loss).toHaveLength(3)
    const [, previous, last] = loss
    expect(lines(world.stderr()).at(-1)).toBe(
      `gradfold train: diverged at epoch 4 (loss ${Number(last).toExponential(1).replace('e+', 'e')} after ${Number(previous).toExponential(1).replace('e+', 'e')}): try a smaller learning rate (the history so far is in out/history.json)`,
    )
    expect(history.status).toBe('diverged')
    expect(history.epochs).toBe(3)
    expect(history.final).toBeUndefined()
    const diverged = history.diverged as { epoch: number; message: string; detail: string }
    expect(diverged.epoch).toBe(3)
    expect(diverged.detail).toMatch(
      /^fit: epoch 4, batch 0: valueAndGradients: evaluate: node #\d+ \(\w+\) produced (-?Infinity|NaN)/u,
    )
    expect(world.files.has('out/model.json')).toBe(false)
    expect(world.files.has('out/config.json')).toBe(true)
  })

  test('a rerun into the failed run’s folder replaces it, saying so; a finished run is kept', async () => {
    const failed = await run(['o.json', '--out', 'out', '--quiet'], {
      files: { 'o.json': overflowing },
    })
    const left = Object.fromEntries(failed.world.files)
    const fixed = moonsWith({ optimizer: { name: 'sgd', learningRate: 0.1 } })
    const rerun = await run(['f.json', '--out', 'out', '--quiet'], {
      files: { ...left, 'f.json': fixed },
    })
    expect(rerun.exitCode).toBe(0)
    expect(rerun.world.stderr()).toBe(
      "gradfold train: 'out' holds a run that did not finish (no model.json): replacing its files\n",
    )
    expect(json(rerun.world, 'out/history.json').status).toBe('trained')
    const again = await run(['f.json', '--out', 'out', '--quiet'], {
      files: Object.fromEntries(rerun.world.files),
    })
    expect(again.exitCode).toBe(2)
    expect(again.world.stderr()).toContain("'out' is not empty")
    // a failed run beside a file of the user's is not replaced either
    const mixed = await run(['f.json', '--out', 'out', '--quiet'], {
      files: { ...left, 'f.json': fixed, 'out/notes.txt': 'mine' },
    })
    expect(mixed.exitCode).toBe(2)
  })
})

describe('gradfold train: early stopping, checkpoints, --from', () => {
  // a wide network on few noisy points overfits: the test loss turns up within a few dozen epochs
  const overfitting = {
    seed: 42,
    data: { name: 'moons', samples: 100, noise: 0.35 },
    split: { testSize: 0.3 },
    model: { layers: [2, 64, 64, 1], hidden: 'relu', output: 'sigmoid' },
    loss: 'binaryCrossEntropy',
    optimizer: { name: 'adam', learningRate: 0.01 },
    epochs: 2000,
    batchSize: 16,
  }
  const stopping = JSON.stringify({
    ...overfitting,
    earlyStopping: { monitor: 'testLoss', patience: 20 },
    checkpointEvery: 10,
  })

  /** The library's fit of the run for `epochs` epochs, without early stopping. */
  const fitFor = (epochCount: number): train.FitResult<unknown> => {
    const experiment = right(
      experimentFrom(right(parseConfig(JSON.stringify({ ...overfitting, epochs: epochCount })))),
    )
    return right(train.fit(experiment.fitConfig)(experiment.initial, experiment.data))
  }

  /** model.json's text for that fit: the network with the run's feature and class names. */
  const savedAfter = (epochCount: number): string => {
    const experiment = right(experimentFrom(right(parseConfig(stopping))))
    return formatJson(
      network.encodeModel(fitFor(epochCount).state.network, modelMetadata(experiment)),
    )
  }

  test('stops, says so, and model.json is the best epoch’s network, bit for bit', async () => {
    const { world, exitCode } = await run(['e.json', '--out', 'out', '--quiet'], {
      files: { 'e.json': stopping },
    })
    expect([exitCode, world.stderr()]).toStrictEqual([0, ''])
    const history = json(world, 'out/history.json')
    const stopped = history.stopped as train.StoppedEarly
    expect(history.status).toBe('stoppedEarly')
    expect(stopped.epoch - stopped.bestEpoch).toBe(20)
    expect(history.epochs).toBe(stopped.epoch + 1)
    expect(stopped.best).toBe(Math.min(...(history.testLoss as number[])))
    expect(lines(world.stdout())[0]).toBe(
      `stopped early at epoch ${stopped.epoch + 1}: testLoss has not improved for 20 epochs; restored epoch ${stopped.bestEpoch + 1} (testLoss ${Number(stopped.best.toPrecision(3))})`,
    )
    // epoch b's record measured the network b epochs of training made
    const reference = fitFor(stopped.bestEpoch)
    expect(world.files.get('out/model.json')).toBe(savedAfter(stopped.bestEpoch))
    expect(history.final).toStrictEqual(reference.history.final)
  }, 60_000)

  test('checkpoint epoch-N.json is the network fit trains in N epochs', async () => {
    const { world } = await run(['e.json', '--out', 'out', '--quiet'], {
      files: { 'e.json': stopping },
    })
    const stopped = json(world, 'out/history.json').stopped as train.StoppedEarly
    const written = [...world.files.keys()].filter((path) => path.startsWith('out/checkpoints/'))
    const expectedEpochs = Array.from(
      { length: Math.floor((stopped.epoch + 1) / 10) },
      (_, index) => 10 * (index + 1),
    )
    expect(written.sort()).toStrictEqual(
      expectedEpochs.map((epoch) => `out/checkpoints/epoch-${epoch}.json`).sort(),
    )
    for (const epoch of expectedEpochs.slice(0, 2)) {
      expect(world.files.get(`out/checkpoints/epoch-${epoch}.json`)).toBe(savedAfter(epoch))
    }
    expect(world.stdout()).toContain('out/checkpoints/epoch-10.json')
  }, 60_000)

  test('a test figure watched without a test set: one line, exit 2, nothing written', async () => {
    const config = moonsWith({ earlyStopping: { monitor: 'testAccuracy', patience: 5 } })
    const { world, exitCode } = await run(['n.json', '--out', 'out'], {
      files: { 'n.json': config },
    })
    expect(exitCode).toBe(2)
    expect(world.stderr()).toBe(
      'gradfold train: n.json: earlyStopping.monitor: expected loss or trainAccuracy (the run has no test set; add a "split" to watch testAccuracy), got "testAccuracy"\n',
    )
    expect([...world.files.keys()]).toStrictEqual(['n.json'])
  })

  test('--from a model of other shapes: one line per mismatch, exit 2, nothing written', async () => {
    const saved = network.encodeModel(
      right(network.mlp([2, 8, 16, 1], { hidden: 'relu', output: 'sigmoid', key: random.key(1) })),
    )
    const config = moonsWith({})
    const { world, exitCode } = await run(['c.json', '--out', 'out', '--from', 'm.json'], {
      files: { 'c.json': config, 'm.json': JSON.stringify(saved) },
    })
    expect(exitCode).toBe(2)
    expect(world.stderr()).toBe(
      [
        "gradfold train: --from m.json: layers[0].W: expected 2×16 (the config's model), got 2×8",
        "gradfold train: --from m.json: layers[1].W: expected 16×8 (the config's model), got 8×16",
        "gradfold train: --from m.json: layers[2].W: expected 8×1 (the config's model), got 16×1",
        '',
      ].join('\n'),
    )
    expect([...world.files.keys()].sort()).toStrictEqual(['c.json', 'm.json'])
    const notAModel = await run(['c.json', '--out', 'out', '--from', 'c.json'], {
      files: { 'c.json': config },
    })
    expect(notAModel.exitCode).toBe(2)
    expect(notAModel.world.stderr()).toBe(
      'gradfold train: --from c.json: not a gradfold model (expected "format": "gradfold-model", as model.json has)\n',
    )
  })

  test('--from a matching model starts from its weights (fresh optimizer) and records its hash', async () => {
    const first = await run(['moons.json', '--out', 'a', '--quiet'])
    const modelText = first.world.files.get('a/model.json') ?? ''
    const { world, exitCode } = await run(
      ['moons.json', '--out', 'b', '--from', 'a/model.json', '--quiet'],
      {
        files: { 'moons.json': configText, 'a/model.json': modelText },
      },
    )
    expect([exitCode, world.stderr()]).toStrictEqual([0, ''])
    const history = json(world, 'b/history.json')
    expect(history.from).toStrictEqual({
      model: 'a/model.json',
      sha256: createHash('sha256').update(modelText).digest('hex'),
    })
    // the same as the library resuming from the decoded weights with a fresh optimizer state
    const experiment = right(experimentFrom(right(parseConfig(configText))))
    const saved = right(network.decodeModel(JSON.parse(modelText)))
    const initial = train.initialState(
      { ...experiment.network, parameters: saved.parameters },
      experiment.fitConfig.optimizer,
      experiment.initial.key,
    )
    const resumed = right(train.fit(experiment.fitConfig)(initial, experiment.data))
    expect(world.files.get('b/model.json')).toBe(
      formatJson(network.encodeModel(resumed.state.network, modelMetadata(experiment))),
    )
    // its first record measures the saved network on the test set: the first run's final figure
    expect((history.testLoss as number[])[0]).toBe(
      (json(first.world, 'a/history.json').final as train.FinalMetrics).testLoss,
    )
  })
})
