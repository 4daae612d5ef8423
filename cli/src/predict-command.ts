// `gradfold predict MODEL.json DATA [--out predictions.csv]`: a saved model's predictions for every
// row DATA names (a CSV or a config's data section), as CSV: the predicted class and every class's
// probability, or the value of a regression. Laws: one output row per input row, in order; the
// numbers are written in full (JavaScript's shortest round-trip form), so reading them back gives
// the model's outputs bit for bit; a bad model or data exits 2 with nothing written.

import * as E from 'fp-ts/lib/Either.js'
import { linalg, network, train } from 'gradfold'
import { defineCommand, renderHelp, reportProblems, text, withArguments } from './arguments.js'
import { modelRows } from './model-rows.js'
import { readModel, type ReadModel } from './saved-model.js'
import type { Command, World } from './world.js'

/** The arguments of `gradfold predict`, as data: its parser and its help both read them. */
export const predictArguments = defineCommand({
  name: 'predict',
  summary: 'a saved model’s predictions for a CSV or a config’s data, as CSV',
  description: [
    'Reads MODEL.json (written by gradfold train) and predicts every row of DATA: a CSV file, whose columns are picked by the model’s feature names (extra columns, such as the label, are ignored), or a config (.json), whose data section is loaded as gradfold train loads it — its test set when it has one (the source’s own test files, or the test rows of its split), else every row. The standardisation stored in the model is applied first.',
    'Writes CSV with a header: for a classifier `class,p_<name>,…` (the predicted class, then one probability per class in the model’s order; a one-output network’s p is the second class’s), for a regression `value` (`value_1,…` for several outputs). Numbers are written in full, so they read back bit for bit.',
  ],
  positionals: [
    { name: 'MODEL.json', description: 'a model written by gradfold train' },
    { name: 'DATA', description: 'a CSV file, or a config whose data section names the rows' },
  ],
  options: {
    out: {
      type: 'string',
      valueName: 'FILE',
      reader: text('a file name'),
      description: 'write the predictions to FILE instead of standard output',
    },
  },
  notes: [],
  exitCodes:
    '0 predicted; 2 a usage mistake, a bad model file or data (one line each, nothing written); 1 writing failed.',
  examples: ['gradfold predict runs/iris/model.json examples/iris.csv --out predictions.csv'],
})

/** The help of `gradfold predict`. */
export const predictHelp = renderHelp(predictArguments)

/** A CSV cell: quoted when it holds a comma, a quote or a line break (quotes doubled). */
export const csvCell = (value: string): string =>
  /[",\r\n]/u.test(value) ? `"${value.replaceAll('"', '""')}"` : value

const csvLine = (cells: readonly string[]): string => `${cells.map(csvCell).join(',')}\n`

/**
 * The predictions CSV of `model` on the rows X (already standardised): a header, then one line per
 * row. Left with the network's one-line reason when it refuses X.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { linalg, network } from 'gradfold'
 * import { predictionsCsv } from './predict-command.js'
 * const net = network.fromLayers([{ kind: 'dense', W: linalg.fill(1, 1, 1), b: linalg.zeros(1, 1), activation: 'sigmoid' }])
 * const X = linalg.fromRows([[0], [2]])
 * assert.ok(E.isRight(net) && E.isRight(X))
 * const model = { network: net.right, input: { features: ['x'] }, output: { target: 'classes', classes: ['no', 'yes'], loss: 'binaryCrossEntropy' } } as const
 * const csv = predictionsCsv(model, X.right)
 * assert.ok(E.isRight(csv))
 * assert.strictEqual(csv.right, `class,p_no,p_yes\nno,0.5,0.5\nyes,${1 - 1 / (1 + Math.exp(-2))},${1 / (1 + Math.exp(-2))}\n`)
 */
export const predictionsCsv = (model: ReadModel, X: linalg.Matrix): E.Either<string, string> => {
  const { output } = model
  if (output.target === 'regression') {
    return E.bimap(
      (error: network.NetworkError) => error.message,
      (values: linalg.Matrix) => {
        const header =
          values.cols === 1
            ? ['value']
            : Array.from({ length: values.cols }, (_, index) => `value_${index + 1}`)
        const rows = linalg.toRows(values).map((row) => csvLine(row.map(String)))
        return csvLine(header) + rows.join('')
      },
    )(network.predict(model.network, X))
  }
  const { classes } = output
  return E.bimap(
    (error: network.NetworkError) => error.message,
    (predicted: train.ClassPredictions) => {
      const header = ['class', ...classes.map((name) => `p_${name}`)]
      const rows = linalg
        .toRows(predicted.probabilities)
        .map((row, index) =>
          csvLine([
            linalg.checked.at(
              classes,
              linalg.checked.at(predicted.classes, index, 'predict'),
              'predict',
            ),
            ...row.map(String),
          ]),
        )
      return csvLine(header) + rows.join('')
    },
  )(train.predictClasses(model.network, X, { loss: output.loss }))
}

/**
 * `gradfold predict`: the predictions CSV to standard output, or to `--out FILE` with one line
 * saying so. A bad model file or data is one line per problem, exit 2, nothing written.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { predictCommand } from './predict-command.js'
 * const errors: string[] = []
 * const world = {
 *   print: () => {}, warn: (text: string) => { errors.push(text) }, isTerminal: false, columns: 80,
 *   readText: () => E.left("cannot read 'model.json': no such file or directory"), readBytes: () => E.left('none'),
 *   listDirectory: () => E.right(undefined), writeText: () => E.right(undefined), writeBytes: () => E.right(undefined),
 *   joinPath: (...parts: readonly string[]) => parts.join('/'),
 * }
 * assert.strictEqual(predictCommand(['model.json', 'data.csv'], world), 2)
 * assert.deepStrictEqual(errors, ["gradfold predict: cannot read 'model.json': no such file or directory\n"])
 */
export const predictCommand: Command = withArguments(predictArguments, (parsed, world) => {
  const {
    positionals: [modelPath, dataPath],
    options: { out },
  } = parsed
  const refuse = (problems: readonly string[]): number => reportProblems(world, 'predict', problems)
  const model = readModel(world, modelPath)
  if (E.isLeft(model)) return refuse(model.left)
  const rows = modelRows(world, model.right, modelPath, dataPath, false)
  if (E.isLeft(rows)) return refuse(rows.left)
  const csv = predictionsCsv(model.right, rows.right.X)
  if (E.isLeft(csv)) return refuse([`${modelPath} on ${dataPath}: ${csv.left}`])
  if (out === undefined) {
    world.print(csv.right)
    return 0
  }
  return writePredictions(world, out, csv.right, rows.right.X.rows)
})

const writePredictions = (world: World, out: string, csv: string, rows: number): number => {
  const written = world.writeText(out, csv)
  if (E.isLeft(written)) {
    world.warn(`gradfold predict: ${written.left}\n`)
    return 1
  }
  world.print(`wrote ${rows} ${rows === 1 ? 'prediction' : 'predictions'} to ${out}\n`)
  return 0
}
