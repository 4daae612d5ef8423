// `gradfold evaluate MODEL.json DATA [--json]`: a saved model's figures on labelled rows (a CSV
// with the model's label column, or a config's data): loss, accuracy, the confusion matrix with
// class names, per-class precision and recall — a table, or one JSON object. Laws: the figures
// are train.evaluateClassifier's; a ratio with nothing to divide by is shown as — (null in JSON);
// a bad model or data exits 2 and prints no figures.

import * as E from 'fp-ts/lib/Either.js'
import { linalg, network, train } from 'gradfold'
import { defineCommand, renderHelp, reportProblems, withArguments } from './arguments.js'
import { modelRows, type ModelRows } from './model-rows.js'
import { formatJson } from './run-files.js'
import { readModel, type ReadModel } from './saved-model.js'
import type { Command } from './world.js'

// checked reads bound once, as the library binds its own
const { at } = linalg.checked

/** The arguments of `gradfold evaluate`, as data: its parser and its help both read them. */
export const evaluateArguments = defineCommand({
  name: 'evaluate',
  summary: 'a saved model’s loss, accuracy, confusion matrix, precision and recall',
  description: [
    'Reads MODEL.json (written by gradfold train) and measures it on the labelled rows of DATA: a CSV file (the model’s feature columns by name, and its label column — the one the model was trained on, `output.label` in model.json), or a config (.json), whose data section is loaded as gradfold train loads it — its test set when it has one (the source’s own test files, or the test rows of its split), else every row. The standardisation stored in the model is applied first.',
    'Prints the loss (the one the model was trained with), the accuracy, the confusion matrix (rows the true class, columns the predicted one), and each class’s precision (of the rows predicted as it, the share truly it), recall (of the rows truly it, the share predicted as it) and support (how many rows are truly it); a class never predicted has no precision, one absent from the rows no recall (— in the table, null in JSON). For a regression, the loss alone.',
  ],
  positionals: [
    { name: 'MODEL.json', description: 'a model written by gradfold train' },
    {
      name: 'DATA',
      description: 'a labelled CSV file, or a config whose data section names the rows',
    },
  ],
  options: {
    json: {
      type: 'boolean',
      description:
        'print one JSON object instead: rows, loss, accuracy, classes, confusion, precision, recall, support',
    },
  },
  notes: [],
  exitCodes:
    '0 evaluated; 2 a usage mistake, a bad model file or data, a missing label column (one line each).',
  examples: ['gradfold evaluate runs/iris/model.json examples/iris.csv'],
})

/** The help of `gradfold evaluate`. */
export const evaluateHelp = renderHelp(evaluateArguments)

/** What evaluate measured: a classifier's figures, or a regression's loss. */
export type Measured =
  | {
      readonly target: 'classes'
      readonly classes: readonly string[]
      /** The figures the table and JSON show (the per-row predictions are not printed). */
      readonly figures: Omit<train.Evaluation, 'predictions'>
    }
  | { readonly target: 'regression'; readonly loss: number }

const measure = (model: ReadModel, rows: ModelRows): E.Either<string, Measured> => {
  const { output } = model
  if (rows.y === null) return E.left('the rows have no labels')
  if (output.target === 'regression') {
    return E.bimap(
      (error: network.NetworkError) => error.message,
      (loss: number): Measured => ({ target: 'regression', loss }),
    )(network.loss(model.network, { X: rows.X, y: rows.y }, output.loss))
  }
  return E.bimap(
    (error: network.NetworkError) => error.message,
    (figures: train.Evaluation): Measured => ({
      target: 'classes',
      classes: output.classes,
      figures,
    }),
  )(train.evaluateClassifier(model.network, { X: rows.X, y: rows.y }, { loss: output.loss }))
}

const ratio = (value: number | null): string => (value === null ? '—' : value.toFixed(4))

/** Columns of cells, the first left-aligned, the rest right-aligned, two spaces apart. */
const table = (lines: readonly (readonly string[])[]): string => {
  const widths = (lines[0] ?? []).map((_, column) =>
    Math.max(...lines.map((line) => Array.from(line[column] ?? '').length)),
  )
  return lines
    .map((line) =>
      line
        .map((cell, column) => {
          const width = widths[column] ?? 0
          return column === 0 ? cell.padEnd(width) : cell.padStart(width)
        })
        .join('  ')
        .trimEnd(),
    )
    .map((line) => `${line}\n`)
    .join('')
}

/**
 * The figures as the table `gradfold evaluate` prints.
 *
 * @example
 * import assert from 'node:assert'
 * import { evaluationText } from './evaluate-command.js'
 * const figures = { loss: 0.25, accuracy: 0.75, confusion: [[1, 0], [1, 2]], precision: [0.5, 1], recall: [1, 2 / 3], support: [1, 3] }
 * const text = evaluationText('data.csv: 4 rows', { target: 'classes', classes: ['no', 'yes'], figures })
 * assert.strictEqual(text, [
 *   'data.csv: 4 rows',
 *   'loss      0.250000',
 *   'accuracy  0.7500 (3 of 4)',
 *   '',
 *   'confusion matrix (rows: true class, columns: predicted)',
 *   '     no  yes',
 *   'no    1    0',
 *   'yes   1    2',
 *   '',
 *   'class  precision  recall  support',
 *   'no        0.5000  1.0000        1',
 *   'yes       1.0000  0.6667        3',
 *   '',
 * ].join('\n'))
 */
export const evaluationText = (description: string, measured: Measured): string => {
  if (measured.target === 'regression') {
    return `${description}\nloss      ${measured.loss.toPrecision(6)}\n`
  }
  const { classes, figures } = measured
  const where = 'evaluationText: one figure per class'
  const rows = figures.support.reduce((sum, count) => sum + count, 0)
  const correct = Math.round(figures.accuracy * rows)
  const confusion = table([
    ['', ...classes],
    ...figures.confusion.map((line, index) => [at(classes, index, where), ...line.map(String)]),
  ])
  const scores = table([
    ['class', 'precision', 'recall', 'support'],
    ...classes.map((name, index) => [
      name,
      ratio(at(figures.precision, index, where)),
      ratio(at(figures.recall, index, where)),
      String(at(figures.support, index, where)),
    ]),
  ])
  return [
    `${description}\n`,
    `loss      ${figures.loss.toPrecision(6)}\n`,
    `accuracy  ${figures.accuracy.toFixed(4)} (${correct} of ${rows})\n`,
    '\nconfusion matrix (rows: true class, columns: predicted)\n',
    confusion,
    '\n',
    scores,
  ].join('')
}

/** The figures as `--json` prints them (one object). */
const evaluationJson = (rows: number, measured: Measured): unknown =>
  measured.target === 'regression'
    ? { rows, loss: measured.loss }
    : {
        rows,
        loss: measured.figures.loss,
        accuracy: measured.figures.accuracy,
        classes: measured.classes,
        confusion: measured.figures.confusion,
        precision: measured.figures.precision,
        recall: measured.figures.recall,
        support: measured.figures.support,
      }

/**
 * `gradfold evaluate`: the figures as a table, or with `--json` as one object. A bad model file
 * or data is one line per problem, exit 2.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { evaluateCommand } from './evaluate-command.js'
 * const errors: string[] = []
 * const world = {
 *   print: () => {}, warn: (text: string) => { errors.push(text) }, isTerminal: false, columns: 80,
 *   readText: () => E.right('{"format": "keras"}'), readBytes: () => E.left('none'),
 *   listDirectory: () => E.right(undefined), writeText: () => E.right(undefined), writeBytes: () => E.right(undefined),
 *   joinPath: (...parts: readonly string[]) => parts.join('/'),
 * }
 * assert.strictEqual(evaluateCommand(['model.json', 'data.csv'], world), 2)
 * assert.deepStrictEqual(errors, ['gradfold evaluate: model.json: format: expected "gradfold-model", got "keras": not a gradfold model file\n'])
 */
export const evaluateCommand: Command = withArguments(evaluateArguments, (parsed, world) => {
  const {
    positionals: [modelPath, dataPath],
    options: { json },
  } = parsed
  const refuse = (problems: readonly string[]): number =>
    reportProblems(world, 'evaluate', problems)
  const model = readModel(world, modelPath)
  if (E.isLeft(model)) return refuse(model.left)
  const rows = modelRows(world, model.right, modelPath, dataPath, true)
  if (E.isLeft(rows)) return refuse(rows.left)
  const measured = measure(model.right, rows.right)
  if (E.isLeft(measured)) return refuse([`${modelPath} on ${dataPath}: ${measured.left}`])
  world.print(
    json
      ? formatJson(evaluationJson(rows.right.X.rows, measured.right))
      : evaluationText(rows.right.description, measured.right),
  )
  return 0
})
