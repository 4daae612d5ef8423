// The report of a `gradfold train … --report` run: its figures planned from the run (loss,
// gradient norms per layer, the decision boundary for 2-D data, weight heatmaps, gradient
// distributions over epochs) and the page's tables. Law: pure; every figure comes from the run.

import * as E from 'fp-ts/lib/Either.js'
import { linalg, network, viz, type data, type train } from 'gradfold'
import * as teach from 'gradfold/teach'
import { markdownToHtml } from './derivation.js'
import type { PlannedFigure } from './figure-files.js'
import type { ReportSection, ReportTable } from './page.js'
import { primitiveTable } from './primitive-table.js'
import type { Snapshot } from './snapshots.js'

/** A finished training run, as the report sees it. */
export interface TrainedRunReport {
  /** The config file's name as given on the command line. */
  readonly configPath: string
  /** The config with every default explicit (config.json), already parsed back to a value. */
  readonly config: unknown
  readonly configHash: string
  readonly seed: number
  readonly loss: string
  /** The SGD learning rate when the run used plain SGD (the derivation shows its update), else undefined. */
  readonly sgdLearningRate: number | undefined
  readonly trainingData: data.Dataset
  readonly history: train.History
  /** The trained network. */
  readonly network: network.Network
  /** The network at a few epochs (the first as initialised, the last trained). */
  readonly snapshots: readonly Snapshot[]
}

/**
 * The run's figures: `loss`, `gradient-norms`, `boundary` (only when the inputs have two
 * features), `weights` and `gradient-distributions` (the weight gradients at each snapshot, on the
 * whole training set). Left with the message of a network that could not be evaluated.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { data, network, random, train } from 'gradfold'
 * import { trainFigures } from './train-report.js'
 * const points = data.makeMoons({ samples: 20, noise: 0.1, seed: 1, rng: 'numpy' })
 * const net = network.mlp([2, 3, 1], { hidden: 'relu', output: 'sigmoid', key: random.key(1) })
 * const optimizer = train.sgd(0.1)
 * assert.ok(E.isRight(points) && E.isRight(net) && E.isRight(optimizer))
 * const fitted = train.fit({ loss: 'mse', optimizer: optimizer.right, epochs: 3, batchSize: null })(
 *   train.initialState(net.right, optimizer.right), { train: points.right })
 * assert.ok(E.isRight(fitted))
 * const run = {
 *   configPath: 'run.json', config: { epochs: 3 }, configHash: 'abc', seed: 1, loss: 'mse',
 *   sgdLearningRate: 0.1, trainingData: points.right, history: fitted.right.history,
 *   network: fitted.right.state.network,
 *   snapshots: [{ epoch: 0, network: net.right }, { epoch: 3, network: fitted.right.state.network }],
 * }
 * const figures = trainFigures(run)
 * assert.ok(E.isRight(figures))
 * assert.deepStrictEqual(figures.right.map((figure) => figure.name),
 *   ['loss', 'gradient-norms', 'boundary', 'weights', 'gradient-distributions'])
 */
export const trainFigures = (run: TrainedRunReport): E.Either<string, readonly PlannedFigure[]> => {
  const gradients: { epoch: number; gradients: network.Network['parameters'] }[] = []
  // One compiled objective for every snapshot: the architecture, loss and batch stay the same.
  const objective = network.compileObjective(run.network, {
    loss: run.loss,
    rows: run.trainingData.X.rows,
  })
  if (E.isLeft(objective)) return E.left(objective.left.message)
  for (const snapshot of run.snapshots) {
    const evaluated = objective.right.valueAndGradients(
      snapshot.network.parameters,
      run.trainingData,
    )
    if (E.isLeft(evaluated)) return E.left(evaluated.left.message)
    gradients.push({ epoch: snapshot.epoch, gradients: evaluated.right.gradients })
  }
  const vegaLite = (name: string, caption: string, spec: viz.VegaLiteSpec): PlannedFigure => ({
    name,
    caption,
    source: { kind: 'vega-lite', spec },
  })
  // a run's report is in English (its page and captions are)
  const words = teach.figureWords('en')
  let boundary: readonly PlannedFigure[] = []
  if (run.trainingData.X.cols === 2) {
    const grid = viz.predictionGrid(run.network, run.trainingData)
    if (E.isLeft(grid)) return E.left(grid.left.message)
    boundary = [
      vegaLite(
        'boundary',
        'the decision boundary after training, with the training points',
        viz.decisionBoundary(grid.right, run.trainingData, { words }),
      ),
    ]
  }
  return E.right([
    vegaLite(
      'loss',
      run.history.testLoss.length > 0
        ? 'the training and test loss per epoch (log scale)'
        : 'the training loss per epoch (log scale)',
      viz.lossCurve(run.history, { words }),
    ),
    vegaLite(
      'gradient-norms',
      'the L2 norm of each layer’s weight gradient per epoch, and the notebook’s Σ‖dW‖²',
      viz.gradientNormCurves(run.history, { words }),
    ),
    ...boundary,
    vegaLite(
      'weights',
      'the trained weights, layer by layer',
      viz.weightHeatmaps(run.network, { words }),
    ),
    vegaLite(
      'gradient-distributions',
      'the weight gradients of each layer over the epochs (vanishing or exploding shows here)',
      viz.gradientDistributions(gradients, { words }),
    ),
  ])
}

const formatNumber = (value: number | undefined): string =>
  value === undefined ? '—' : Number.isInteger(value) ? String(value) : value.toPrecision(6)

/** `a.b.c = value` rows for every leaf of a JSON value. */
const flatten = (value: unknown, path: string): (readonly [string, string])[] => {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([key, inner]) =>
      flatten(inner, path === '' ? key : `${path}.${key}`),
    )
  }
  return [[path, JSON.stringify(value)]]
}

/**
 * The run's tables: the final figures and the config, one setting per row.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { data, network, random, train } from 'gradfold'
 * import { trainTables } from './train-report.js'
 * const points = data.makeMoons({ samples: 20, noise: 0.1, seed: 1, rng: 'numpy' })
 * const net = network.mlp([2, 3, 1], { hidden: 'relu', output: 'sigmoid', key: random.key(1) })
 * const optimizer = train.sgd(0.1)
 * assert.ok(E.isRight(points) && E.isRight(net) && E.isRight(optimizer))
 * const fitted = train.fit({ loss: 'mse', optimizer: optimizer.right, epochs: 3, batchSize: null })(
 *   train.initialState(net.right, optimizer.right), { train: points.right })
 * assert.ok(E.isRight(fitted))
 * const run = {
 *   configPath: 'run.json', config: { epochs: 3 }, configHash: 'abc', seed: 1, loss: 'mse',
 *   sgdLearningRate: 0.1, trainingData: points.right, history: fitted.right.history,
 *   network: fitted.right.state.network,
 *   snapshots: [{ epoch: 0, network: net.right }, { epoch: 3, network: fitted.right.state.network }],
 * }
 * const [result, config] = trainTables(run)
 * assert.deepStrictEqual(result?.rows[0], ['epochs', '3'])
 * assert.deepStrictEqual(config?.rows, [['epochs', '3']])
 */
export const trainTables = (run: TrainedRunReport): readonly ReportTable[] => {
  const final = run.history.final
  return [
    {
      title: 'Result',
      columns: ['', 'value'],
      rows: [
        ['epochs', String(run.history.loss.length)],
        ['train loss', formatNumber(final?.trainLoss)],
        ['train accuracy', formatNumber(final?.trainAccuracy)],
        ['test loss', formatNumber(final?.testLoss)],
        ['test accuracy', formatNumber(final?.testAccuracy)],
        ['seed', String(run.seed)],
        ['config sha256', run.configHash],
      ],
    },
    {
      title: `Config (${run.configPath}, every default explicit)`,
      columns: ['setting', 'value'],
      rows: flatten(run.config, '').map(([setting, value]) => [setting, value]),
    },
  ]
}

/**
 * The run's derivation: one training step on its first example (teach.explainTrainingStep, for
 * an MSE run with plain SGD) and the primitives' derivative table.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { data, network, random, train } from 'gradfold'
 * import { trainSections } from './train-report.js'
 * const points = data.makeMoons({ samples: 20, noise: 0.1, seed: 1, rng: 'numpy' })
 * const net = network.mlp([2, 3, 1], { hidden: 'relu', output: 'sigmoid', key: random.key(1) })
 * const optimizer = train.sgd(0.1)
 * assert.ok(E.isRight(points) && E.isRight(net) && E.isRight(optimizer))
 * const fitted = train.fit({ loss: 'mse', optimizer: optimizer.right, epochs: 3, batchSize: null })(
 *   train.initialState(net.right, optimizer.right), { train: points.right })
 * assert.ok(E.isRight(fitted))
 * const run = {
 *   configPath: 'run.json', config: { epochs: 3 }, configHash: 'abc', seed: 1, loss: 'mse',
 *   sgdLearningRate: 0.1, trainingData: points.right, history: fitted.right.history,
 *   network: fitted.right.state.network,
 *   snapshots: [{ epoch: 0, network: net.right }, { epoch: 3, network: fitted.right.state.network }],
 * }
 * const sections = trainSections(run)
 * assert.ok(E.isRight(sections) && sections.right.length >= 2)
 */
export const trainSections = (
  run: TrainedRunReport,
): E.Either<string, readonly ReportSection[]> => {
  const table = primitiveTable()
  if (E.isLeft(table)) return table
  const sections: ReportSection[] = []
  const first = run.snapshots[0]
  const rate = run.sgdLearningRate
  const X = linalg.selectRows(run.trainingData.X, [0])
  const y = linalg.selectRows(run.trainingData.y, [0])
  if (
    run.loss === 'mse' &&
    rate !== undefined &&
    first !== undefined &&
    E.isRight(X) &&
    E.isRight(y)
  ) {
    // explainTrainingStep derives MSE with a plain SGD step: shown only for such runs
    const explained = teach.explainTrainingStep(first.network, { X: X.right, y: y.right }, rate, {
      format: 'markdown',
    })
    if (E.isRight(explained)) {
      const html = markdownToHtml(explained.right, 1)
      if (E.isLeft(html)) return html
      sections.push({
        title: `One SGD step of the initial network on the first example (α = ${rate})`,
        body: html.right,
      })
    }
  }
  sections.push({ title: 'The primitives and their derivatives', body: table.right })
  return E.right(sections)
}
