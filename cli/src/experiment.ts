// From a RunConfig and its loaded data to everything `train.fit` needs, computed purely: the
// model's widths checked against the data, the split, the standardisation fitted on the training
// rows, the initialised network, the optimizer (schedule and clipping included), the first state.
// Laws: the same config gives deep-equal experiments; in numpy mode the weights are drawn from
// numpy.seed(seed) in layer order and shuffles continue that stream; in key mode key(seed) is
// split into the initialisation, shuffle and dropout keys.

import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { data, network, random, train, linalg } from 'gradfold'
import {
  outputCount,
  type InitName,
  type OptimizerConfig,
  type RunConfig,
  type ScheduleConfig,
} from './config.js'
import type { LoadedData } from './data-sources.js'

// checked reads bound once, as the library binds its own (a module const V8 folds)
const { at } = linalg.checked

type Batch = network.Batch
type Initializer = network.Initializer
type LayerInput = network.LayerInput
type Network = network.Network

/** A run ready to train: `train.fit(experiment.fitConfig)(experiment.initial, experiment.data)`. */
export interface Experiment {
  readonly config: RunConfig
  /** The examples the config's data section names, with their feature and class names. */
  readonly loaded: LoadedData
  /** The standardisation fitted on the training rows (config `standardize: true`), else null. */
  readonly standardizer: data.Standardizer | null
  /** The network as initialised, per `config.rng`. */
  readonly network: Network
  /** The training set, and the test set when the config has a split. */
  readonly data: train.FitData
  /** Optimizer, loss, l2, epochs, batch size and the shuffle source. */
  readonly fitConfig: train.FitConfig<unknown>
  /** `train.initialState(network, optimizer)`, with the dropout key when there is dropout. */
  readonly initial: train.TrainState<unknown>
}

/** The initialiser each config name stands for. */
export const initializers: Readonly<Record<InitName, Initializer>> = {
  'he-normal': network.heNormal,
  'glorot-normal': network.glorotNormal,
  'glorot-uniform': network.glorotUniform,
  'lecun-normal': network.lecunNormal,
}

/** Labels as the model's outputs read them: a 0/1 column, or one-hot rows for wider outputs. */
const targetsFor = (dataset: data.Dataset, outputs: number): E.Either<data.DataError, Batch> =>
  outputs === 1
    ? E.right(dataset)
    : E.map((y: Batch['y']): Batch => ({ X: dataset.X, y }))(data.oneHot(dataset.y, outputs))

/** What the data section is called in messages: a file source by its file, else by name. */
const sourceName = (config: RunConfig): string => {
  switch (config.data.name) {
    case 'csv':
      return config.data.path
    case 'idx':
      return config.data.images
    default:
      return config.data.name
  }
}

/** The model's first and last widths against the loaded features and classes, one line each. */
const widthProblems = (config: RunConfig, loaded: LoadedData): readonly string[] => {
  const { layers } = config.model
  const first = at(layers, 0, 'model.layers')
  const outputs = at(layers, layers.length - 1, 'model.layers')
  const features = loaded.dataset.X.cols
  const classes = loaded.classNames?.length
  const expectedOutputs = classes === undefined ? 1 : outputCount(classes, config.loss)
  const name = sourceName(config)
  return [
    ...(first === features
      ? []
      : [
          `model.layers: the first size is ${first}, expected ${features} (the features of ${name})`,
        ]),
    ...(outputs === expectedOutputs
      ? []
      : [
          `model.layers: the last size is ${outputs}, expected ${expectedOutputs} (${
            classes === undefined
              ? `one value: ${name} has a regression target`
              : `the ${classes} classes of ${name}${expectedOutputs === 1 ? ` with loss ${config.loss}` : ''}`
          })`,
        ]),
  ]
}

/** The examples to train and test on, before targets are shaped: the source's, or split. */
interface Parts {
  readonly train: data.Dataset
  readonly test?: data.Dataset
}

const partsFor = (config: RunConfig, loaded: LoadedData): E.Either<string, Parts> => {
  if (loaded.test !== undefined) return E.right({ train: loaded.dataset, test: loaded.test })
  if (config.split === null) return E.right({ train: loaded.dataset })
  return E.bimap(
    (error: data.DataError) => `split: ${error.message}`,
    (split: data.Split): Parts => ({ train: split.train, test: split.test }),
  )(
    data.trainTestSplit(loaded.dataset, {
      testSize: config.split.testSize,
      seed: config.split.seed,
      rng: config.rng === 'numpy' ? 'numpy' : 'gradfold',
    }),
  )
}

/** Parts with their inputs standardised by a standardiser fitted on the training rows alone. */
interface Standardized {
  readonly parts: Parts
  readonly standardizer: data.Standardizer | null
}

const standardized = (config: RunConfig, parts: Parts): E.Either<string, Standardized> => {
  if (!config.standardize) return E.right({ parts, standardizer: null })
  const scaled = (
    standardizer: data.Standardizer,
    examples: data.Dataset,
  ): E.Either<data.DataError, data.Dataset> =>
    E.map((X: linalg.Matrix): data.Dataset => Object.freeze({ X, y: examples.y }))(
      data.standardize(standardizer, examples.X),
    )
  const test = parts.test
  return pipe(
    data.fitStandardizer(parts.train.X),
    E.chain((standardizer) =>
      pipe(
        E.Do,
        E.bind('train', () => scaled(standardizer, parts.train)),
        E.bind('test', () =>
          test === undefined ? E.right(undefined) : scaled(standardizer, test),
        ),
        E.map((done): Standardized => ({
          parts:
            done.test === undefined
              ? { train: done.train }
              : { train: done.train, test: done.test },
          standardizer,
        })),
      ),
    ),
    E.mapLeft((error) => `standardize: ${error.message}`),
  )
}

/** The examples as fit reads them and the standardiser fitted on them (null without one). */
interface Prepared {
  readonly data: train.FitData
  readonly standardizer: data.Standardizer | null
}

const dataFor = (config: RunConfig, loaded: LoadedData): E.Either<string, Prepared> => {
  const widths = widthProblems(config, loaded)
  if (widths.length > 0) return E.left(widths.join('; '))
  const outputs = at(config.model.layers, config.model.layers.length - 1, 'model.layers')
  return pipe(
    partsFor(config, loaded),
    E.chain((parts) => standardized(config, parts)),
    E.chain(({ parts, standardizer }) => {
      const test = parts.test
      return pipe(
        E.Do,
        E.bind('train', () => targetsFor(parts.train, outputs)),
        E.bind('test', () => (test === undefined ? E.right(undefined) : targetsFor(test, outputs))),
        E.bimap(
          (error) => `data: ${error.message}`,
          (shaped): Prepared => ({
            data:
              shaped.test === undefined
                ? { train: shaped.train }
                : { train: shaped.train, test: shaped.test },
            standardizer,
          }),
        ),
      )
    }),
  )
}

/** The mlp's layers with a dropout layer after every hidden layer whose rate is above 0. */
const layersOf = (config: RunConfig): readonly LayerInput[] => {
  const { layers, hidden, output, dropout } = config.model
  return layers.slice(1).flatMap((outputs, index): LayerInput[] => {
    const last = index === layers.length - 2
    const dense: LayerInput = { kind: 'dense', outputs, activation: last ? output : hidden }
    // one rate per hidden layer (decodeConfig checks the count); the output layer has none
    const rate = last ? 0 : at(dropout, index, 'model.dropout')
    return !last && rate > 0 ? [dense, { kind: 'dropout', rate }] : [dense]
  })
}

/** Where the run's randomness comes from: the initial source, and the dropout key. */
interface Sources {
  readonly init: network.Source
  readonly shuffle?: train.ShuffleSource
  readonly dropout: random.Key
}

const sourcesOf = (config: RunConfig): Sources => {
  const root = random.key(config.seed)
  const [initKey = root, shuffleKey = root, dropoutKey = root] = random.split(root, 3)
  return config.rng === 'numpy'
    ? { init: random.numpy.seed(config.seed), dropout: dropoutKey }
    : { init: initKey, shuffle: shuffleKey, dropout: dropoutKey }
}

/** The network per the config, and the source left after its draws (numpy's stream goes on). */
const networkFor = (
  config: RunConfig,
  source: network.Source,
): E.Either<string, readonly [Network, network.Source]> => {
  const init = initializers[config.model.init]
  const inputSize = at(config.model.layers, 0, 'model.layers')
  return pipe(
    network.sequential(
      inputSize,
      layersOf(config),
      random.numpy.isRandomState(source) ? { init, rng: source } : { init, key: source },
    ),
    E.bimap(
      (error) => `model: ${error.message}`,
      (built): readonly [Network, network.Source] => {
        const [parameters, next] = network.initParameters(built.layers, init, source)
        return [Object.freeze({ ...built, parameters }), next]
      },
    ),
  )
}

const learningRateFor = (
  rate: number,
  schedule: ScheduleConfig,
): E.Either<train.OptimizerError, train.LearningRate> => {
  switch (schedule.name) {
    case 'constant':
      return E.right(rate)
    case 'step':
      return train.stepDecay(rate, { every: schedule.every, factor: schedule.factor })
    case 'exponential':
      return train.exponentialDecay(rate, { decay: schedule.decay, every: schedule.every })
    case 'cosine':
      return train.cosineDecay(rate, { steps: schedule.steps, minimum: schedule.minimum })
  }
}

/** An optimizer whose state fit carries without reading it. */
const opaque = <State>(optimizer: train.Optimizer<State>): train.Optimizer<unknown> =>
  optimizer as unknown as train.Optimizer<unknown>

/** A built optimizer whose state fit carries without reading it. */
const opaqueBuilt = <State>(
  built: E.Either<train.OptimizerError, train.Optimizer<State>>,
): E.Either<train.OptimizerError, train.Optimizer<unknown>> =>
  E.map((optimizer: train.Optimizer<State>) => opaque(optimizer))(built)

const baseOptimizer = (
  options: OptimizerConfig,
  rate: train.LearningRate,
): E.Either<train.OptimizerError, train.Optimizer<unknown>> => {
  switch (options.name) {
    case 'sgd':
      return opaqueBuilt(train.sgd(rate))
    case 'momentum':
      return opaqueBuilt(train.momentum(rate, { beta: options.beta }))
    case 'nesterov':
      return opaqueBuilt(train.nesterov(rate, { beta: options.beta }))
    case 'adagrad':
      return opaqueBuilt(train.adagrad(rate, { epsilon: options.epsilon }))
    case 'rmsprop':
      return opaqueBuilt(train.rmsprop(rate, { decay: options.decay, epsilon: options.epsilon }))
    case 'adam':
      return opaqueBuilt(
        train.adam(rate, { beta1: options.beta1, beta2: options.beta2, epsilon: options.epsilon }),
      )
    case 'adamw':
      return opaqueBuilt(
        train.adamw(rate, {
          beta1: options.beta1,
          beta2: options.beta2,
          epsilon: options.epsilon,
          weightDecay: options.weightDecay,
        }),
      )
  }
}

/** The learning rate the config describes; Left with the schedule builder's message. */
const checkedLearningRate = (config: RunConfig): E.Either<string, train.LearningRate> =>
  E.mapLeft((error: train.OptimizerError) => `schedule: ${error.message}`)(
    learningRateFor(config.optimizer.learningRate, config.schedule),
  )

/**
 * The optimizer the config describes: its schedule applied to the learning rate, and gradients
 * clipped to `clipNorm` first when given. Left with one line naming the option a builder refused
 * (a config that `decodeConfig` accepted is never refused).
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph, linalg } from 'gradfold'
 * import { decodeConfig } from './config.js'
 * import { optimizerFor } from './experiment.js'
 * const entries = (tree: graph.Tree) => graph.leaves(tree).flatMap(([, leaf]) => linalg.toFlat(leaf))
 * const config = decodeConfig({ data: { name: 'xor' }, model: { layers: [2, 1] }, optimizer: { name: 'sgd', learningRate: 0.5 } })
 * assert.ok(E.isRight(config))
 * const optimizer = optimizerFor(config.right)
 * assert.ok(E.isRight(optimizer))
 * const parameters = { w: linalg.zeros(1, 1) }
 * const { updates } = optimizer.right.update({ w: linalg.ones(1, 1) }, optimizer.right.init(parameters), parameters)
 * assert.deepStrictEqual(entries(updates), [-0.5])
 * const refused = optimizerFor({ ...config.right, optimizer: { name: 'adam', learningRate: 0.1, beta1: 1.5, beta2: 0.999, epsilon: 1e-8 } })
 * assert.deepStrictEqual(refused, E.left('optimizer: adam: beta1 is 1.5, expected a number in [0, 1)'))
 */
export const optimizerFor = (config: RunConfig): E.Either<string, train.Optimizer<unknown>> =>
  pipe(
    checkedLearningRate(config),
    E.chain((rate) =>
      pipe(
        baseOptimizer(config.optimizer, rate),
        E.chain((base) =>
          config.clipNorm === null
            ? E.right(base)
            : E.map((clip: train.Optimizer<train.EmptyState>) => opaque(train.chain(clip, base)))(
                train.clipByGlobalNorm(config.clipNorm),
              ),
        ),
        E.mapLeft((error) => `optimizer: ${error.message}`),
      ),
    ),
  )

/** A test figure watched by early stopping needs a test set: one line when there is none. */
const checkMonitor = (config: RunConfig, fitData: train.FitData): E.Either<string, unknown> => {
  const monitor = config.earlyStopping?.monitor
  return (monitor === 'testLoss' || monitor === 'testAccuracy') && fitData.test === undefined
    ? E.left(
        `earlyStopping.monitor: expected loss or trainAccuracy (the run has no test set; add a "split" to watch ${monitor}), got "${monitor}"`,
      )
    : E.right(undefined)
}

/**
 * Everything a run needs, from its configuration and the data `loadData` gave for it: the model's
 * first and last widths checked against the loaded features and classes, the data (the source's
 * own test set, or split by `split.seed`; with `standardize`, every input standardised by the
 * mean and deviation of the training rows alone), the network initialised from `seed` (numpy: `random.numpy.seed(seed)` drawn in
 * layer order, then the same stream shuffles the mini-batches; key: `random.key(seed)` split into
 * the initialisation, shuffle and dropout keys; dropout masks use that third key in both modes,
 * since numpy's stream has no dropout of its own), labels one-hot when the model has more than one
 * output, the optimizer, early stopping, and the initial training state. Left with a one-line
 * reason for a config the data, generators or builders refuse, or that watches a test figure
 * without a test set.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeConfig } from './config.js'
 * import { generatedData } from './data-sources.js'
 * import { prepareExperiment } from './experiment.js'
 * const config = decodeConfig({ data: { name: 'moons', samples: 50 }, split: { testSize: 0.2 }, model: { layers: [2, 4, 1] } })
 * assert.ok(E.isRight(config) && config.right.data.name === 'moons')
 * const loaded = generatedData(config.right.data, config.right.rng)
 * assert.ok(E.isRight(loaded))
 * const experiment = prepareExperiment(config.right, loaded.right)
 * assert.ok(E.isRight(experiment))
 * assert.deepStrictEqual([experiment.right.data.train.X.rows, experiment.right.data.test?.X.rows], [40, 10])
 */
export const prepareExperiment = (
  config: RunConfig,
  loaded: LoadedData,
): E.Either<string, Experiment> => {
  const sources = sourcesOf(config)
  return pipe(
    E.Do,
    E.bind('prepared', () => dataFor(config, loaded)),
    E.bind('built', () => networkFor(config, sources.init)),
    E.bind('optimizer', () => optimizerFor(config)),
    E.chainFirst(({ prepared }) => checkMonitor(config, prepared.data)),
    E.map(({ prepared, built: [net, afterInit], optimizer }): Experiment => {
      const shuffle = sources.shuffle ?? afterInit
      const hasDropout = net.layers.some((layer) => layer.kind === 'dropout')
      return Object.freeze({
        config,
        loaded,
        standardizer: prepared.standardizer,
        network: net,
        data: prepared.data,
        fitConfig: Object.freeze({
          loss: config.loss,
          optimizer,
          ...(config.l2 > 0 ? { l2: config.l2 } : {}),
          epochs: config.epochs,
          batchSize: config.batchSize,
          workers: config.workers,
          shuffle,
          ...(config.earlyStopping === null ? {} : { earlyStopping: config.earlyStopping }),
        }),
        initial: train.initialState(net, optimizer, hasDropout ? sources.dropout : undefined),
      })
    }),
  )
}
