// A table of text cells (a CSV's records, the header first) as a Dataset: numeric feature
// columns, one label column as classes (sorted, named) or as a regression target. Pure: reading
// the CSV text is the caller's. Laws: never throws, whatever the records; String(x) → x exactly.

import * as E from 'fp-ts/lib/Either.js'
import type { Matrix } from '../linalg/index.js'
import { adopt, at } from '../linalg/internal.js'
import type { Dataset } from './dataset.js'
import { invalidData, type DataError } from './errors.js'

/**
 * Which column is the label, which are the features (default: every other column), and whether
 * the label names classes (the default) or is a number to regress on.
 *
 * @category Files
 */
export interface TableOptions {
  readonly label: string
  readonly features?: readonly string[]
  readonly target?: 'classes' | 'regression'
}

/**
 * A table as a dataset, with the names of its feature columns (X's columns, in order) and of its
 * classes (`classNames[i]` is class i; null for a regression target).
 *
 * @category Files
 */
export interface TableData {
  readonly dataset: Dataset
  readonly featureNames: readonly string[]
  readonly classNames: readonly string[] | null
}

/**
 * The most cells (data rows × columns used) a table may turn into: 2²⁷ = 134 217 728. A larger
 * table is refused before anything is allocated.
 *
 * @category Files
 */
export const MAX_TABLE_CELLS = 2 ** 27

/** A cell or a column name as a message shows it: quoted, cut after 40 characters. */
const shown = (text: string): string =>
  JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text)

/** At most 20 column names, then how many more. */
const listed = (names: readonly string[]): string =>
  names.length > 20
    ? `${names.slice(0, 20).join(', ')} … and ${names.length - 20} more`
    : names.join(', ')

/** A decimal number as people and String(x) write one: `-1.5`, `3e-4`, `.5`, `7`, `+2`. */
const decimalNumber = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/

/** An integer written as such: `7`, `-3`, `+12`, `007`. */
const decimalInteger = /^[+-]?\d+$/

/** The number a cell holds, or undefined when it holds none (or one beyond float64's range). */
const cellNumber = (cell: string): number | undefined => {
  const text = cell.trim()
  if (!decimalNumber.test(text)) return undefined
  const value = Number(text)
  return Number.isFinite(value) ? value : undefined
}

/** A header, checked: trimmed names, no duplicates, and the data rows under it. */
interface Header {
  readonly names: readonly string[]
  readonly columns: ReadonlyMap<string, number>
  readonly rows: number
}

const readHeader = (
  operation: string,
  records: readonly (readonly string[])[],
): E.Either<DataError, Header> => {
  const first = records[0]
  if (first === undefined || first.length === 0) {
    return E.left(invalidData(operation, 'no header row'))
  }
  const names = first.map((name) => name.trim())
  const columns = new Map<string, number>()
  for (const [index, name] of names.entries()) {
    const earlier = columns.get(name)
    if (earlier !== undefined) {
      return E.left(
        invalidData(
          operation,
          `column ${shown(name)} appears twice in the header (columns ${earlier + 1} and ${index + 1})`,
        ),
      )
    }
    columns.set(name, index)
  }
  if (records.length < 2) return E.left(invalidData(operation, 'no data rows'))
  return E.right({ names, columns, rows: records.length - 1 })
}

const findColumn = (
  operation: string,
  header: Header,
  name: string,
): E.Either<DataError, number> => {
  const index = header.columns.get(name)
  return index === undefined
    ? E.left(
        invalidData(
          operation,
          `no column ${shown(name)} (the columns are: ${listed(header.names)})`,
        ),
      )
    : E.right(index)
}

/** The columns of `names` in the header, in that order; Left for a missing or repeated one. */
const findColumns = (
  operation: string,
  header: Header,
  names: readonly string[],
  what: string,
): E.Either<DataError, readonly number[]> => {
  if (names.length === 0) return E.left(invalidData(operation, `${what} is empty`))
  const indices: number[] = []
  const seen = new Set<string>()
  for (const name of names) {
    if (seen.has(name)) {
      return E.left(invalidData(operation, `column ${shown(name)} is listed twice in ${what}`))
    }
    seen.add(name)
    const index = findColumn(operation, header, name)
    if (E.isLeft(index)) return index
    indices.push(index.right)
  }
  return E.right(indices)
}

const checkSize = (
  operation: string,
  header: Header,
  columnsUsed: number,
): E.Either<DataError, void> =>
  header.rows * columnsUsed > MAX_TABLE_CELLS
    ? E.left(
        invalidData(
          operation,
          `${header.rows} rows × ${columnsUsed} columns is more than the limit of ${MAX_TABLE_CELLS} cells`,
        ),
      )
    : E.right(undefined)

const raggedRow = (operation: string, row: number, expected: number, got: number): DataError =>
  invalidData(operation, `row ${row}: expected ${expected} fields (as the header), got ${got}`)

const notANumber = (operation: string, row: number, column: string, cell: string): DataError =>
  invalidData(
    operation,
    `row ${row}, column ${shown(column)}: expected a number, got ${shown(cell)}`,
  )

/** What a label cell turned into: a number (regression) or a class's text. */
type LabelReader = (row: number, cell: string) => E.Either<DataError, void>

/**
 * The feature matrix of the records under the header (row r of X is record r + 1), each row
 * read left to right so that the first problem named is the first in reading order; the label
 * column, when there is one, goes to `readLabel` in its place. Rows are numbered in messages as
 * the records are, the header being row 1.
 */
const readRows = (
  operation: string,
  records: readonly (readonly string[])[],
  header: Header,
  featureColumns: readonly number[],
  label: { readonly column: number; readonly read: LabelReader } | undefined,
): E.Either<DataError, Matrix> => {
  const width = header.names.length
  const count = featureColumns.length
  // (column, position in X's row) in reading order; position −1 for the label
  const reading = [
    ...featureColumns.map((column, position) => ({ column, position })),
    ...(label === undefined ? [] : [{ column: label.column, position: -1 }]),
  ].sort((a, b) => a.column - b.column)
  const X = new Float64Array(header.rows * count)
  for (let row = 0; row < header.rows; row++) {
    const record = at(records, row + 1, `${operation}: records`)
    if (record.length !== width) return E.left(raggedRow(operation, row + 2, width, record.length))
    for (const { column, position } of reading) {
      const cell = at(record, column, `${operation}: record`)
      if (label !== undefined && position < 0) {
        const read = label.read(row, cell)
        if (E.isLeft(read)) return read
        continue
      }
      const value = cellNumber(cell)
      if (value === undefined) {
        return E.left(notANumber(operation, row + 2, at(header.names, column, operation), cell))
      }
      X[row * count + position] = value
    }
  }
  return E.right(adopt(header.rows, count, X))
}

/** A UTF-16 code unit's rank in code-point order: surrogates (astral code points) go last. */
const codePointRank = (unit: number): number =>
  unit >= 0xd800 && unit <= 0xdfff ? unit + 0x2000 : unit >= 0xe000 ? unit - 0x800 : unit

/** Compares two strings by Unicode code points (numpy's, and so scikit-learn's, order). */
const byCodePoints = (a: string, b: string): number => {
  const length = Math.min(a.length, b.length)
  for (let index = 0; index < length; index++) {
    const difference = codePointRank(a.charCodeAt(index)) - codePointRank(b.charCodeAt(index))
    if (difference !== 0) return difference
  }
  return a.length - b.length
}

const byInteger = (a: string, b: string): number => {
  const difference = BigInt(a) - BigInt(b)
  return difference < 0n ? -1 : difference > 0n ? 1 : 0
}

/** The distinct labels as sorted class names, and each row's class index. */
const classesOf = (
  operation: string,
  label: string,
  texts: readonly string[],
): E.Either<DataError, { readonly names: readonly string[]; readonly y: Float64Array }> => {
  const integers = texts.every((text) => decimalInteger.test(text))
  // integers are compared as integers (BigInt: exact at any length) and named in canonical form
  const keys = integers ? texts.map((text) => BigInt(text).toString()) : texts
  const names = [...new Set(keys)].sort(integers ? byInteger : byCodePoints)
  if (names.length < 2) {
    return E.left(
      invalidData(
        operation,
        `column ${shown(label)} holds one class only (${names.map(shown).join('')}): a classifier needs at least two`,
      ),
    )
  }
  const indexOf = new Map(names.map((name, index) => [name, index]))
  const y = new Float64Array(keys.length)
  keys.forEach((key, row) => {
    const index = indexOf.get(key)
    if (index === undefined) throw new RangeError(`${operation}: no class for ${shown(key)}`)
    y[row] = index
  })
  return E.right({ names, y })
}

/** The feature columns: the listed ones, or every column but the label. */
const featureColumnsOf = (
  operation: string,
  header: Header,
  label: number,
  options: TableOptions,
): E.Either<DataError, readonly number[]> => {
  if (options.features === undefined) {
    const columns = header.names.flatMap((_, index) => (index === label ? [] : [index]))
    return columns.length === 0
      ? E.left(
          invalidData(
            operation,
            `no feature columns: the only column is the label ${shown(options.label)}`,
          ),
        )
      : E.right(columns)
  }
  const columns = findColumns(operation, header, options.features, 'features')
  if (E.isLeft(columns)) return columns
  return columns.right.includes(label)
    ? E.left(
        invalidData(operation, `the label column ${shown(options.label)} is listed as a feature`),
      )
    : columns
}

/**
 * A table's records (`records[0]` the header row, then one record per example, every cell a
 * string) as a dataset. Header names are trimmed. The features are every column but the label,
 * or the ones `features` lists (in that order); every feature cell must hold a decimal number
 * (trimmed: `-1.5`, `3e-4`, `.5`, `7`; not empty, `NaN`, `Infinity`, `0x10` or `1,5`), read with
 * `Number`, so `String(x)` comes back as x exactly. The label (trimmed, not empty) names a class:
 * when every label is an integer the classes are sorted numerically and named in canonical form
 * (`+7` and `07` are class `7`), otherwise sorted as strings by Unicode code point (as
 * scikit-learn's LabelEncoder does); y holds class indices, at least two classes. With
 * `target: 'regression'` the label is a number and y holds it.
 *
 * Left for the first problem met, reading the table row by row and each row left to right, one
 * line naming the row (the header is row 1) and column: no header row, no data rows, duplicate
 * header names, a missing label or feature column, the label listed as a feature, a row with
 * another number of fields than the header, a cell that is not a number, an empty label, one
 * class only, more than {@link MAX_TABLE_CELLS} cells.
 *
 * @category Files
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { data, linalg } from 'gradfold'
 * const records = [
 *   ['length', 'width', 'kind'],
 *   ['5.1', '3.5', 'setosa'],
 *   ['7.0', '3.2', 'versicolor'],
 *   ['4.9', '3.0', 'setosa'],
 * ]
 * const table = data.fromTable(records, { label: 'kind' })
 * assert.ok(E.isRight(table))
 * assert.deepStrictEqual(table.right.featureNames, ['length', 'width'])
 * assert.deepStrictEqual(table.right.classNames, ['setosa', 'versicolor'])
 * assert.deepStrictEqual(linalg.toRows(table.right.dataset.X), [[5.1, 3.5], [7, 3.2], [4.9, 3]])
 * assert.deepStrictEqual(linalg.toFlat(table.right.dataset.y), [0, 1, 0])
 * const bad = data.fromTable([...records, ['5.0', 'wide', 'setosa']], { label: 'kind' })
 * assert.ok(E.isLeft(bad))
 * assert.strictEqual(bad.left.message, 'fromTable: row 5, column "width": expected a number, got "wide"')
 */
export const fromTable = (
  records: readonly (readonly string[])[],
  options: TableOptions,
): E.Either<DataError, TableData> => {
  const operation = 'fromTable'
  const header = readHeader(operation, records)
  if (E.isLeft(header)) return header
  const { names } = header.right
  const labelColumn = findColumn(operation, header.right, options.label)
  if (E.isLeft(labelColumn)) return labelColumn
  const label = labelColumn.right
  const features = featureColumnsOf(operation, header.right, label, options)
  if (E.isLeft(features)) return features
  const featureColumns = features.right
  const size = checkSize(operation, header.right, featureColumns.length + 1)
  if (E.isLeft(size)) return size
  const regression = options.target === 'regression'
  const rows = header.right.rows
  const targets = new Float64Array(regression ? rows : 0)
  const labelTexts: string[] = []
  const readLabel: LabelReader = (row, cell) => {
    const text = cell.trim()
    if (text === '') {
      return E.left(
        invalidData(
          operation,
          `row ${row + 2}, column ${shown(options.label)}: the label is empty`,
        ),
      )
    }
    if (!regression) {
      labelTexts.push(text)
      return E.right(undefined)
    }
    const value = cellNumber(text)
    if (value === undefined) return E.left(notANumber(operation, row + 2, options.label, cell))
    targets[row] = value
    return E.right(undefined)
  }
  const X = readRows(operation, records, header.right, featureColumns, {
    column: label,
    read: readLabel,
  })
  if (E.isLeft(X)) return X
  const featureNames = Object.freeze(
    featureColumns.map((column) => at(names, column, `${operation}: header`)),
  )
  if (regression) {
    return E.right(
      Object.freeze({
        dataset: Object.freeze({ X: X.right, y: adopt(rows, 1, targets) }),
        featureNames,
        classNames: null,
      }),
    )
  }
  const classes = classesOf(operation, options.label, labelTexts)
  if (E.isLeft(classes)) return classes
  return E.right(
    Object.freeze({
      dataset: Object.freeze({ X: X.right, y: adopt(rows, 1, classes.right.y) }),
      featureNames,
      classNames: Object.freeze([...classes.right.names]),
    }),
  )
}

/**
 * The named columns (in that order) of a table's records (`records[0]` the header row) as an
 * n×k matrix, for prediction: the label column need not be there, other columns are ignored.
 * Cells are read as {@link fromTable} reads features; Left for the same problems, named the
 * same way.
 *
 * @category Files
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { data, linalg } from 'gradfold'
 * const records = [['width', 'note', 'length'], ['3.5', 'first', '5.1'], ['3.2', '', '7']]
 * const X = data.tableFeatures(records, ['length', 'width'])
 * assert.ok(E.isRight(X))
 * assert.deepStrictEqual(linalg.toRows(X.right), [[5.1, 3.5], [7, 3.2]])
 * const missing = data.tableFeatures(records, ['height'])
 * assert.ok(E.isLeft(missing))
 * assert.strictEqual(missing.left.message, 'tableFeatures: no column "height" (the columns are: width, note, length)')
 */
export const tableFeatures = (
  records: readonly (readonly string[])[],
  featureNames: readonly string[],
): E.Either<DataError, Matrix> => {
  const operation = 'tableFeatures'
  const header = readHeader(operation, records)
  if (E.isLeft(header)) return header
  const columns = findColumns(operation, header.right, featureNames, 'featureNames')
  if (E.isLeft(columns)) return columns
  const size = checkSize(operation, header.right, columns.right.length)
  if (E.isLeft(size)) return size
  return readRows(operation, records, header.right, columns.right, undefined)
}
