// The rows `gradfold predict` and `gradfold evaluate` feed a saved model: a CSV file's columns
// picked by the model's feature names, or a config's data section loaded as `gradfold train` loads
// it (its test set when it has one, else every row); then the model's stored standardisation.
// Laws: the model's feature order decides the columns, whatever the data's order; labels map to
// the model's classes by name; every problem is one line naming the file and the column or field.

import { dirname } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { data, linalg } from 'gradfold'
import type { network } from 'gradfold'
import { parseConfig } from './config.js'
import { readCsvRecords } from './data-files.js'
import { loadData } from './data-sources.js'
import type { ReadModel } from './saved-model.js'
import type { World } from './world.js'

type Matrix = linalg.Matrix

/** A model's input rows, ready for its network, and their labels when asked for. */
export interface ModelRows {
  /** One row per example, the model's features in its order, standardised as the model was. */
  readonly X: Matrix
  /** n×1: class indices into the model's classes, or values for a regression; null if not read. */
  readonly y: Matrix | null
  /** Which rows these are: `iris.csv: 150 rows`, `digits.json: its test set, 450 rows`. */
  readonly description: string
}

const listed = (names: readonly string[]): string =>
  names.length > 8 ? `${names.slice(0, 8).join(', ')}, …` : names.join(', ')

/** Missing names, quoted: the first eight and how many more, so the line stays one line. */
const quotedList = (names: readonly string[]): string => {
  const quoted = names.slice(0, 8).map((name) => JSON.stringify(name))
  return names.length > 8 ? `${quoted.join(', ')} and ${names.length - 8} more` : quoted.join(', ')
}

/** A decimal number and an integer as the table parser reads them (`-1.5`, `3e-4`, `.5`; `007`). */
const decimal = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/
const integer = /^[+-]?\d+$/
const canonical = (text: string): string => BigInt(text).toString()

const rowCount = (rows: number): string => `${rows} ${rows === 1 ? 'row' : 'rows'}`

/** The columns of X named `wanted`, in that order, out of `available`; Left naming the first missing. */
const pickColumns = (
  path: string,
  X: Matrix,
  available: readonly string[],
  wanted: readonly string[],
): E.Either<readonly string[], Matrix> => {
  const indices = wanted.map((name) => available.indexOf(name))
  const missing = wanted.filter((_, index) => indices[index] === -1)
  if (missing.length > 0) {
    return E.left([
      `${path}: no feature ${quotedList(missing)} (the model reads ${wanted.length}: ${listed(wanted)}; the data has ${available.length}: ${listed(available)})`,
    ])
  }
  if (indices.every((column, index) => column === index) && X.cols === wanted.length) {
    return E.right(X)
  }
  const rows = linalg.toRows(X)
  return E.mapLeft((error: linalg.LinalgError) => [`${path}: ${error.message}`])(
    linalg.fromRows(
      rows.map((row) => indices.map((column) => linalg.checked.at(row, column, path))),
    ),
  )
}

/** (X − mean) / scale with the model's stored numbers, when it stored any. */
const standardized = (
  modelPath: string,
  X: Matrix,
  input: network.InputMetadata,
): E.Either<readonly string[], Matrix> => {
  const stored = input.standardize
  if (stored === undefined) return E.right(X)
  const mean = linalg.rowVector(stored.mean)
  const scale = linalg.rowVector(stored.scale)
  if (E.isLeft(mean) || E.isLeft(scale)) {
    return E.left([`${modelPath}: input.standardize: expected rows of finite numbers`])
  }
  return E.mapLeft((error: data.DataError) => [
    `${modelPath}: input.standardize: ${error.message}`,
  ])(data.standardize({ mean: mean.right, scale: scale.right }, X))
}

/** A config's rows: its source's test set, else the split's test rows, else every row. */
const configRows = (
  world: World,
  model: ReadModel,
  path: string,
  needLabels: boolean,
): E.Either<readonly string[], ModelRows> => {
  const text = world.readText(path)
  if (E.isLeft(text)) return E.left([text.left])
  const config = parseConfig(text.right)
  if (E.isLeft(config)) return E.left(config.left.map((problem) => `${path}: ${problem}`))
  const loaded = loadData(world, dirname(path), config.right.data, config.right.rng)
  if (E.isLeft(loaded)) return E.left(loaded.left.map((problem) => `${path}: ${problem}`))
  const { dataset, test, featureNames, classNames } = loaded.right
  let chosen: data.Dataset
  let which: string
  if (test !== undefined) {
    chosen = test
    which = 'its test set'
  } else if (config.right.split !== null) {
    const split = data.trainTestSplit(dataset, {
      testSize: config.right.split.testSize,
      seed: config.right.split.seed,
      rng: config.right.rng === 'numpy' ? 'numpy' : 'gradfold',
    })
    if (E.isLeft(split)) return E.left([`${path}: split: ${split.left.message}`])
    chosen = split.right.test
    which = 'the test rows of its split'
  } else {
    chosen = dataset
    which = 'every row'
  }
  const X = pickColumns(path, chosen.X, featureNames, model.input.features)
  if (E.isLeft(X)) return X
  const description = `${path}: ${which}, ${rowCount(chosen.X.rows)}`
  if (!needLabels) return E.right({ X: X.right, y: null, description })
  const { output } = model
  if (output.target === 'regression') {
    if (classNames !== null) {
      return E.left([
        `${path}: the data has classes (${listed(classNames)}), but the model is a regression`,
      ])
    }
    return E.right({ X: X.right, y: chosen.y, description })
  }
  if (classNames === null) {
    return E.left([
      `${path}: the data is a regression, but the model predicts classes (${listed(output.classes)})`,
    ])
  }
  const mapping = classNames.map((name) => output.classes.indexOf(name))
  const unknown = classNames.filter((_, index) => mapping[index] === -1)
  if (unknown.length > 0) {
    return E.left([
      `${path}: class ${unknown.map((name) => JSON.stringify(name)).join(', ')} of the data is not one of the model's classes (${listed(output.classes)})`,
    ])
  }
  const y = linalg.map(chosen.y, (label) => linalg.checked.at(mapping, label, `${path}: labels`))
  return E.bimap(
    (error: linalg.LinalgError) => [`${path}: ${error.message}`],
    (labels: Matrix) => ({ X: X.right, y: labels, description }),
  )(y)
}

/** A CSV's rows: the model's feature columns by name, and its label column when asked for. */
const csvRows = (
  world: World,
  model: ReadModel,
  modelPath: string,
  path: string,
  needLabels: boolean,
): E.Either<readonly string[], ModelRows> => {
  const records = readCsvRecords(world, path)
  if (E.isLeft(records)) return E.left([records.left])
  const [header, ...body] = records.right
  if (header === undefined) return E.left([`${path}: empty file (expected a header row)`])
  const X = data.tableFeatures(records.right, model.input.features)
  if (E.isLeft(X)) return E.left([`${path}: ${X.left.message.replace(/^tableFeatures: /u, '')}`])
  const description = `${path}: ${rowCount(body.length)}`
  if (!needLabels) return E.right({ X: X.right, y: null, description })
  const { output } = model
  const label = output.label
  if (label === undefined) {
    return E.left([
      `${modelPath}: output.label: missing, so the label column of ${path} is unknown`,
    ])
  }
  // header names as the table parser reads them: trimmed
  const column = header.map((name) => name.trim()).indexOf(label)
  if (column === -1) {
    return E.left([`${path}: no label column "${label}" (the model's output.label)`])
  }
  const classes = output.target === 'classes' ? output.classes : null
  const integerClasses =
    classes?.every((name) => integer.test(name) && canonical(name) === name) === true
  const values: number[] = []
  for (const [index, record] of body.entries()) {
    // rows as the table parser numbers them: the header is row 1
    const where = `${path}: row ${index + 2}, column "${label}"`
    const cell = linalg.checked.at(record, column, where).trim()
    if (classes === null) {
      const value = decimal.test(cell) ? Number(cell) : Number.NaN
      if (!Number.isFinite(value)) {
        return E.left([`${where}: expected a number, got ${JSON.stringify(cell)}`])
      }
      values.push(value)
    } else {
      // integer labels are named in canonical form (`007` is class `7`), as the table parser does
      const found = classes.indexOf(integerClasses && integer.test(cell) ? canonical(cell) : cell)
      if (found === -1) {
        return E.left([
          `${where}: ${JSON.stringify(cell)} is not one of the model's classes (${listed(classes)})`,
        ])
      }
      values.push(found)
    }
  }
  return E.bimap(
    (error: linalg.LinalgError) => [`${path}: ${error.message}`],
    (y: Matrix) => ({ X: X.right, y, description }),
  )(linalg.fromRows(values.map((value) => [value])))
}

/**
 * The rows at `path` for the model read from `modelPath`: a config (`.json`: its data section
 * loaded as `gradfold train` loads it, relative to its folder; its test set — the source's own, or
 * the test rows of its split — when it has one, else every row) or a CSV file (every row, the
 * columns named by the model's `input.features`). The model's stored standardisation is applied.
 * With `needLabels`, the labels too: class names mapped to the model's classes by name (a CSV's
 * column `output.label`), or values for a regression. Left with one line per problem.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { network, random } from 'gradfold'
 * import { modelRows } from './model-rows.js'
 * const net = network.mlp([2, 1], { hidden: 'relu', output: 'sigmoid', key: random.key(0) })
 * assert.ok(E.isRight(net))
 * const model = {
 *   network: net.right,
 *   input: { features: ['x2', 'x1'] },
 *   output: { target: 'classes', classes: ['0', '1'], loss: 'binaryCrossEntropy' },
 * } as const
 * const world = {
 *   print: () => {}, warn: () => {}, isTerminal: false, columns: 80,
 *   readText: () => E.right('{ "data": { "name": "xor", "samples": 8 }, "model": { "layers": [2, 1] } }'),
 *   readBytes: () => E.left('none'), listDirectory: () => E.right(undefined),
 *   writeText: () => E.right(undefined), writeBytes: () => E.right(undefined),
 *   joinPath: (...parts: readonly string[]) => parts.join('/'),
 * }
 * const rows = modelRows(world, model, 'model.json', 'xor.json', true)
 * assert.ok(E.isRight(rows))
 * assert.deepStrictEqual([rows.right.X.rows, rows.right.y?.rows, rows.right.description], [8, 8, 'xor.json: every row, 8 rows'])
 */
export const modelRows = (
  world: World,
  model: ReadModel,
  modelPath: string,
  path: string,
  needLabels: boolean,
): E.Either<readonly string[], ModelRows> => {
  const read = path.toLowerCase().endsWith('.json')
    ? configRows(world, model, path, needLabels)
    : csvRows(world, model, modelPath, path, needLabels)
  if (E.isLeft(read)) return read
  return E.map((X: Matrix): ModelRows => Object.freeze({ ...read.right, X }))(
    standardized(modelPath, read.right.X, model.input),
  )
}
