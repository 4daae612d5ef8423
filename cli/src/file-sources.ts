// The data sources read from files, each into a LoadedData: a CSV table (data.fromTable), an
// MNIST-format images + labels pair (data.parseIdx, data.idxDataset), the digits shipped in
// cli/data and Debian's Fashion-MNIST. Laws: nothing is thrown; every problem is one line naming
// the file (and the row and column, or the field); the library parses, this module only reads.

import { isAbsolute } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { data, linalg } from 'gradfold'
import type { FileData, IdxFiles } from './config.js'
import { csvRecords, readCsvRecords, readDataBytes } from './data-files.js'
import type { LoadedData } from './data-sources.js'
import type { World } from './world.js'

/** Where the shipped digits live: cli/data/, beside src/ and dist/ alike. */
export const digitsPath = fileURLToPath(new URL('../data/digits.csv.gz', import.meta.url))

/** Fashion-MNIST's ten classes, by label (Zalando's names). */
export const fashionMnistClasses: readonly string[] = Object.freeze([
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
])

/** The four files of Fashion-MNIST, as Debian's dataset-fashion-mnist names them. */
export const fashionMnistFiles = {
  train: { images: 'train-images-idx3-ubyte.gz', labels: 'train-labels-idx1-ubyte.gz' },
  test: { images: 't10k-images-idx3-ubyte.gz', labels: 't10k-labels-idx1-ubyte.gz' },
} as const

/** A path as written in a config: absolute, or relative to the config file's folder. */
const resolved = (world: World, baseDirectory: string, path: string): string =>
  isAbsolute(path) ? path : world.joinPath(baseDirectory, path)

/** A library error's message without its operation (`fromTable: row 3, …` → `row 3, …`). */
const reason = (error: data.DataError): string =>
  error.message.startsWith(`${error.operation}: `)
    ? error.message.slice(error.operation.length + 2)
    : error.message

const numbered = (prefix: string, count: number): readonly string[] =>
  Object.freeze(Array.from({ length: count }, (_, index) => `${prefix}${index + 1}`))

const frozen = (loaded: LoadedData): LoadedData => Object.freeze(loaded)

/** A table's records as LoadedData, problems named by `file`. */
const tableData = (
  file: string,
  records: readonly (readonly string[])[],
  options: data.TableOptions,
): E.Either<readonly string[], LoadedData> =>
  E.bimap(
    (error: data.DataError): readonly string[] => [`${file}: ${reason(error)}`],
    (table: data.TableData): LoadedData =>
      frozen({
        dataset: table.dataset,
        featureNames: table.featureNames,
        classNames: table.classNames,
      }),
  )(data.fromTable(records, options))

/**
 * A CSV source: the file read with csv-parse, its header naming the columns, the features every
 * column but the label (or the listed ones), the label classes (sorted) or a regression target.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { csvData } from './file-sources.js'
 * const world = {
 *   print: () => {}, warn: () => {}, isTerminal: false, columns: 80,
 *   readText: () => E.right('x,kind\n1,b\n2,a\n3,b\n'), readBytes: () => E.left('none'), listDirectory: () => E.right(undefined),
 *   writeText: () => E.right(undefined), writeBytes: () => E.right(undefined),
 *   joinPath: (...parts: readonly string[]) => parts.join('/'),
 * }
 * const loaded = csvData(world, 'runs', { name: 'csv', path: 't.csv', label: 'kind', features: null, target: 'classes' })
 * assert.ok(E.isRight(loaded))
 * assert.deepStrictEqual([loaded.right.featureNames, loaded.right.classNames], [['x'], ['a', 'b']])
 */
export const csvData = (
  world: World,
  baseDirectory: string,
  source: Extract<FileData, { readonly name: 'csv' }>,
): E.Either<readonly string[], LoadedData> => {
  const file = resolved(world, baseDirectory, source.path)
  return pipe(
    readCsvRecords(world, file),
    E.mapLeft((problem): readonly string[] => [problem]),
    E.chain((records) =>
      tableData(file, records, {
        label: source.label,
        target: source.target,
        ...(source.features === null ? {} : { features: source.features }),
      }),
    ),
  )
}

/** One IDX file: read, gunzipped when gzipped, parsed; problems named by its path. */
const idxTensor = (world: World, file: string): E.Either<string, data.IdxTensor> =>
  pipe(
    readDataBytes(world, file),
    E.chain((bytes) =>
      E.mapLeft((error: data.DataError) => `${file}: ${reason(error)}`)(data.parseIdx(bytes)),
    ),
  )

/** An images + labels pair as a dataset (labels still as written); every file's problem. */
const idxExamples = (world: World, files: IdxFiles): E.Either<readonly string[], data.Dataset> => {
  const images = idxTensor(world, files.images)
  const labels = idxTensor(world, files.labels)
  if (E.isLeft(images) || E.isLeft(labels)) {
    return E.left([
      ...(E.isLeft(images) ? [images.left] : []),
      ...(E.isLeft(labels) ? [labels.left] : []),
    ])
  }
  return E.mapLeft((error: data.DataError): readonly string[] => [
    `${files.images} and ${files.labels}: ${reason(error)}`,
  ])(data.idxDataset(images.right, labels.right))
}

/** The labels of a dataset's y column, as written. */
const labelsOf = (dataset: data.Dataset): Float64Array => linalg.toFloat64Array(dataset.y)

/** y as class indices: each label's place among `classes` (sorted, so indices keep order). */
const indexed = (
  dataset: data.Dataset,
  classes: readonly number[],
): E.Either<readonly string[], data.Dataset> => {
  const place = new Map(classes.map((label, index) => [label, index]))
  const y = Array.from(labelsOf(dataset), (label) => {
    const index = place.get(label)
    // classes hold every label of the dataset: a miss is gradfold's bug, not the file's
    if (index === undefined) throw new RangeError(`idx: label ${label} has no class`)
    return index
  })
  return E.bimap(
    (error: linalg.LinalgError): readonly string[] => [`labels: ${error.message}`],
    (column: linalg.Matrix): data.Dataset => Object.freeze({ X: dataset.X, y: column }),
  )(linalg.columnVector(y))
}

/**
 * IDX pairs as LoadedData: the classes are the distinct labels of both pairs (sorted; class i
 * is the i-th smallest), so the training and test sets index them alike; Left when the labels
 * hold one class only or the test images are not the training images' size.
 */
const idxLoaded = (
  train: IdxFiles,
  test: IdxFiles | null,
  world: World,
  names: (classes: readonly number[]) => readonly string[],
): E.Either<readonly string[], LoadedData> => {
  const trainSet = idxExamples(world, train)
  const testSet = test === null ? E.right(null) : idxExamples(world, test)
  if (E.isLeft(trainSet) || E.isLeft(testSet)) {
    return E.left([
      ...(E.isLeft(trainSet) ? trainSet.left : []),
      ...(E.isLeft(testSet) ? testSet.left : []),
    ])
  }
  const examples = trainSet.right
  const held = testSet.right
  if (held !== null && test !== null && held.X.cols !== examples.X.cols) {
    return E.left([
      `${test.images}: the images hold ${held.X.cols} pixels each, expected ${examples.X.cols} (as ${train.images})`,
    ])
  }
  const seen = new Set(labelsOf(examples))
  if (held !== null) for (const label of labelsOf(held)) seen.add(label)
  const classes = [...seen].sort((a, b) => a - b)
  if (classes.length < 2) {
    return E.left([
      `${train.labels}: the labels hold one class only (${classes.join('')}): a classifier needs at least two`,
    ])
  }
  return pipe(
    E.Do,
    E.bind('dataset', () => indexed(examples, classes)),
    E.bind('heldOut', () => (held === null ? E.right(null) : indexed(held, classes))),
    E.map(({ dataset, heldOut }) =>
      frozen({
        dataset,
        ...(heldOut === null ? {} : { test: heldOut }),
        featureNames: numbered('pixel', examples.X.cols),
        classNames: names(classes),
      }),
    ),
  )
}

const labelNames = (classes: readonly number[]): readonly string[] =>
  Object.freeze(classes.map((label) => String(label)))

/**
 * An idx source: MNIST-format images (idx3) and labels (idx1), gzipped or not, pixels of ubyte
 * images scaled to [0, 1]; the `test` pair, when given, is the test set. Classes are named by
 * their labels (`0`, `1`, …).
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { idxData } from './file-sources.js'
 * const files: Record<string, Uint8Array> = {
 *   'd/images': new Uint8Array([0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 2, 0, 255, 51, 0]),
 *   'd/labels': new Uint8Array([0, 0, 8, 1, 0, 0, 0, 2, 3, 1]),
 * }
 * const world = {
 *   print: () => {}, warn: () => {}, isTerminal: false, columns: 80,
 *   readText: () => E.left('none'), listDirectory: () => E.right(undefined),
 *   readBytes: (path: string) => (files[path] === undefined ? E.left(`cannot read '${path}'`) : E.right(files[path])),
 *   writeText: () => E.right(undefined), writeBytes: () => E.right(undefined),
 *   joinPath: (...parts: readonly string[]) => parts.join('/'),
 * }
 * const loaded = idxData(world, 'd', { name: 'idx', images: 'images', labels: 'labels', test: null })
 * assert.ok(E.isRight(loaded))
 * assert.deepStrictEqual(loaded.right.classNames, ['1', '3'])
 * assert.strictEqual(loaded.right.dataset.X.cols, 2)
 */
export const idxData = (
  world: World,
  baseDirectory: string,
  source: Extract<FileData, { readonly name: 'idx' }>,
): E.Either<readonly string[], LoadedData> => {
  const pair = (files: IdxFiles): IdxFiles => ({
    images: resolved(world, baseDirectory, files.images),
    labels: resolved(world, baseDirectory, files.labels),
  })
  return idxLoaded(pair(source), source.test === null ? null : pair(source.test), world, labelNames)
}

/** The header the shipped digits lack: 64 pixels, row by row, then the digit. */
const digitsHeader: readonly string[] = Object.freeze([...numbered('pixel', 64), 'digit'])

/**
 * The UCI optical-recognition digits shipped in cli/data (1797 8×8 images, pixel counts 0 to 16
 * scaled to [0, 1] by dividing by 16; classes `0` to `9`), read through `world` from
 * `digitsPath`.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { digitsData } from './file-sources.js'
 * import { nodeWorld } from './world.js'
 * const loaded = digitsData(nodeWorld())
 * assert.ok(E.isRight(loaded))
 * assert.deepStrictEqual([loaded.right.dataset.X.rows, loaded.right.dataset.X.cols, loaded.right.classNames?.length], [1797, 64, 10])
 */
export const digitsData = (world: World): E.Either<readonly string[], LoadedData> =>
  pipe(
    readDataBytes(world, digitsPath),
    E.chain((bytes) => csvRecords(digitsPath, new TextDecoder().decode(bytes))),
    E.mapLeft((problem): readonly string[] => [problem]),
    E.chain((records) => tableData(digitsPath, [digitsHeader, ...records], { label: 'digit' })),
    E.map((loaded) =>
      frozen({
        ...loaded,
        dataset: Object.freeze({ X: linalg.scale(loaded.dataset.X, 1 / 16), y: loaded.dataset.y }),
      }),
    ),
  )

/**
 * Fashion-MNIST as Debian's dataset-fashion-mnist installs it: the 60 000 training images, the
 * 10 000 t10k images as the test set, Zalando's class names. Left with one line saying how to
 * install it when the folder or one of its four files is missing.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { fashionMnistData } from './file-sources.js'
 * const world = {
 *   print: () => {}, warn: () => {}, isTerminal: false, columns: 80,
 *   readText: () => E.left('none'), readBytes: () => E.left('none'), listDirectory: () => E.right(undefined),
 *   writeText: () => E.right(undefined), writeBytes: () => E.right(undefined),
 *   joinPath: (...parts: readonly string[]) => parts.join('/'),
 * }
 * assert.deepStrictEqual(fashionMnistData(world, { name: 'fashion-mnist', directory: '/nowhere' }), E.left(['fashion-mnist: not found at /nowhere (apt-get install dataset-fashion-mnist)']))
 */
export const fashionMnistData = (
  world: World,
  source: Extract<FileData, { readonly name: 'fashion-mnist' }>,
): E.Either<readonly string[], LoadedData> => {
  const { directory } = source
  const install = '(apt-get install dataset-fashion-mnist)'
  const listed = world.listDirectory(directory)
  if (E.isLeft(listed)) return E.left([`fashion-mnist: ${listed.left} ${install}`])
  if (listed.right === undefined) {
    return E.left([`fashion-mnist: not found at ${directory} ${install}`])
  }
  const present = listed.right
  const wanted = [fashionMnistFiles.train, fashionMnistFiles.test].flatMap((pair) => [
    pair.images,
    pair.labels,
  ])
  const missing = wanted.filter((name) => !present.includes(name))
  if (missing.length > 0) {
    return E.left([
      `fashion-mnist: not found at ${directory}: no ${missing.join(', ')} there ${install}`,
    ])
  }
  const inFolder = (pair: IdxFiles): IdxFiles => ({
    images: world.joinPath(directory, pair.images),
    labels: world.joinPath(directory, pair.labels),
  })
  const names = (classes: readonly number[]): readonly string[] =>
    Object.freeze(classes.map((label) => fashionMnistClasses[label] ?? String(label)))
  return idxLoaded(
    inFolder(fashionMnistFiles.train),
    inFolder(fashionMnistFiles.test),
    world,
    names,
  )
}

/**
 * The examples a file source names, read through `world`, relative paths against
 * `baseDirectory`.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { fileData } from './file-sources.js'
 * const world = {
 *   print: () => {}, warn: () => {}, isTerminal: false, columns: 80,
 *   readText: (path: string) => E.left(`cannot read '${path}': no such file or directory`), readBytes: () => E.left('none'),
 *   listDirectory: () => E.right(undefined), writeText: () => E.right(undefined), writeBytes: () => E.right(undefined),
 *   joinPath: (...parts: readonly string[]) => parts.join('/'),
 * }
 * const missing = fileData(world, 'configs', { name: 'csv', path: 'wine.csv', label: 'class', features: null, target: 'classes' })
 * assert.deepStrictEqual(missing, E.left(["cannot read 'configs/wine.csv': no such file or directory"]))
 */
export const fileData = (
  world: World,
  baseDirectory: string,
  source: FileData,
): E.Either<readonly string[], LoadedData> => {
  switch (source.name) {
    case 'csv':
      return csvData(world, baseDirectory, source)
    case 'idx':
      return idxData(world, baseDirectory, source)
    case 'digits':
      return digitsData(world)
    case 'fashion-mnist':
      return fashionMnistData(world, source)
  }
}
