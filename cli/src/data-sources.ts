// Where a run's examples come from: the generators of src/data, drawn purely from the config, and
// files a user brings (file-sources.ts). `loadData` is the one edge that reads them, through the
// world, into a LoadedData: the examples, a test set when the source ships one, and the names of
// the features and classes. Laws: a generator's data is a function of its config; nothing is
// thrown; every problem is one line.

import * as E from 'fp-ts/lib/Either.js'
import { data } from 'gradfold'
import {
  classCount,
  featureCount,
  isGenerated,
  type DataConfig,
  type GeneratedData,
  type RngName,
} from './config.js'
import { fileData } from './file-sources.js'
import type { World } from './world.js'

export { readCsvRecords, type CsvRecords } from './data-files.js'

/** A source's examples, ready to split: labels as class indices (or values, for regression). */
export interface LoadedData {
  /** Every example: X one row per example, y an n×1 column of class indices 0…k−1 or values. */
  readonly dataset: data.Dataset
  /** The source's own test set (MNIST's t10k files), in place of a config's split. */
  readonly test?: data.Dataset
  /** One name per column of X (a CSV's header; `x1`, `x2`, … for generated data). */
  readonly featureNames: readonly string[]
  /** Class names by index (a CSV's label values, `0`, `1`, … otherwise); null for regression. */
  readonly classNames: readonly string[] | null
}

const noiseOf = (noise: number): { readonly noise?: number } => (noise > 0 ? { noise } : {})

export type { GeneratedData } from './config.js'

/** The dataset the config names, drawn from its own seed. */
const generate = (
  options: GeneratedData,
  rng: 'numpy' | 'gradfold',
): E.Either<data.DataError, data.Dataset> => {
  const common = { samples: options.samples, seed: options.seed, rng }
  switch (options.name) {
    case 'moons':
      return data.makeMoons({ ...common, ...noiseOf(options.noise), shuffle: options.shuffle })
    case 'circles':
      return data.makeCircles({
        ...common,
        ...noiseOf(options.noise),
        shuffle: options.shuffle,
        factor: options.factor,
      })
    case 'blobs':
      return data.makeBlobs({
        ...common,
        centers: options.centers,
        features: options.features,
        clusterStd: options.clusterStd,
        centerBox: options.centerBox,
        shuffle: options.shuffle,
      })
    case 'xor':
      return data.makeXor({ ...common, ...noiseOf(options.noise) })
    case 'spirals':
      return data.makeSpirals({
        ...common,
        ...noiseOf(options.noise),
        shuffle: options.shuffle,
        turns: options.turns,
      })
  }
}

const numbered = (prefix: string, count: number, from: number): readonly string[] =>
  Object.freeze(Array.from({ length: count }, (_, index) => `${prefix}${index + from}`))

/**
 * A generated dataset as LoadedData: the generator's examples with features `x1`, `x2`, … and
 * classes `0`, `1`, …; Left with the generator's one-line reason (`data: …`).
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { generatedData } from './data-sources.js'
 * const loaded = generatedData({ name: 'moons', samples: 10, noise: 0, shuffle: true, seed: 0 }, 'key')
 * assert.ok(E.isRight(loaded))
 * assert.deepStrictEqual([loaded.right.dataset.X.rows, loaded.right.featureNames, loaded.right.classNames], [10, ['x1', 'x2'], ['0', '1']])
 */
export const generatedData = (
  source: GeneratedData,
  rng: RngName,
): E.Either<readonly string[], LoadedData> =>
  E.bimap(
    (error: data.DataError): readonly string[] => [`data: ${error.message}`],
    (dataset: data.Dataset): LoadedData =>
      Object.freeze({
        dataset,
        featureNames: numbered('x', featureCount(source), 1),
        classNames: numbered('', classCount(source), 0),
      }),
  )(generate(source, rng === 'numpy' ? 'numpy' : 'gradfold'))

/**
 * The examples `source` describes: generated, or read through `world` from files whose relative
 * paths resolve against `baseDirectory` (the config file's folder): a CSV table, an MNIST-format
 * IDX pair (and its test pair), the shipped digits, Debian's Fashion-MNIST. Left with every
 * problem, one line each, naming the file, row and column or field.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { loadData } from './data-sources.js'
 * const world = {
 *   print: () => {}, warn: () => {}, isTerminal: false, columns: 80,
 *   readText: () => E.left('none'), readBytes: () => E.left('none'), listDirectory: () => E.right(undefined),
 *   writeText: () => E.right(undefined), writeBytes: () => E.right(undefined),
 *   joinPath: (...parts: readonly string[]) => parts.join('/'),
 * }
 * const loaded = loadData(world, '.', { name: 'xor', samples: 8, noise: 0, seed: 1 }, 'key')
 * assert.ok(E.isRight(loaded))
 * assert.strictEqual(loaded.right.dataset.X.rows, 8)
 */
export const loadData = (
  world: World,
  baseDirectory: string,
  source: DataConfig,
  rng: RngName,
): E.Either<readonly string[], LoadedData> =>
  isGenerated(source) ? generatedData(source, rng) : fileData(world, baseDirectory, source)
