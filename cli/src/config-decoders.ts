// io-ts decoders of a training config as written by hand, before defaults are filled in: every
// field refined (`a positive number`, `one of moons, circles, …`) and every object strict, so
// each problem comes back as one line naming its path. Law: decoding never throws.

import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { network, linalg } from 'gradfold'
import { initNames, largestSeed, monitorNames } from './config-schema.js'

// checked reads bound once, as the library binds its own (a module const V8 folds)
const { at } = linalg.checked

const {
  childContext,
  describeValue,
  exactly,
  expectationFailure,
  finiteNumber,
  isJsonObject,
  jsonDecoder,
  listOf,
  numberThat,
  oneOf,
  positiveInteger,
  strictObject,
} = network.jsonDecoders
type DecodedBy<D> = network.jsonDecoders.DecodedBy<D>
type JsonDecoder<A> = network.jsonDecoders.JsonDecoder<A>

export const seedNumber = numberThat(
  `an integer from 0 to ${largestSeed}`,
  (value) => Number.isInteger(value) && value >= 0 && value <= largestSeed,
)
const nonNegativeInteger = numberThat(
  'a non-negative integer',
  (value) => Number.isSafeInteger(value) && value >= 0,
)
const positiveNumber = numberThat(
  'a positive number',
  (value) => Number.isFinite(value) && value > 0,
)
const nonNegativeNumber = numberThat(
  'a non-negative number',
  (value) => Number.isFinite(value) && value >= 0,
)
const openUnit = numberThat(
  'a number strictly between 0 and 1',
  (value) => Number.isFinite(value) && value > 0 && value < 1,
)
const rate = numberThat(
  'a number in [0, 1)',
  (value) => Number.isFinite(value) && value >= 0 && value < 1,
)
const closedUnit = numberThat(
  'a number in [0, 1]',
  (value) => Number.isFinite(value) && value >= 0 && value <= 1,
)
const decayFactor = numberThat(
  'a number in (0, 1]',
  (value) => Number.isFinite(value) && value > 0 && value <= 1,
)
const nonEmptyText = (expectation: string): JsonDecoder<string> =>
  jsonDecoder(expectation, (input, context) =>
    typeof input === 'string' && input.length > 0
      ? t.success(input)
      : expectationFailure(input, context, expectation),
  )
const filePath = nonEmptyText('a file path (a non-empty string)')
const columnName = nonEmptyText('a column name (a non-empty string)')
const boolean = jsonDecoder<boolean>('true or false', (input, context) =>
  typeof input === 'boolean'
    ? t.success(input)
    : expectationFailure(input, context, 'true or false'),
)

/** `decoder`'s value, or null. */
const nullable = <A>(decoder: JsonDecoder<A>): JsonDecoder<A | null> =>
  jsonDecoder(`${decoder.name} or null`, (input, context) =>
    input === null
      ? t.success(null)
      : E.mapLeft((errors: t.Errors) =>
          errors.map((error) =>
            error.message === undefined || error.context.length !== context.length
              ? error
              : { ...error, message: error.message.replace(/, got /, ' or null, got ') },
          ),
        )(decoder.validate(input, context)),
  )

/** An object whose `name` picks its decoder among `members`. */
const byName = <Name extends string, A>(
  members: Readonly<Record<Name, JsonDecoder<A>>>,
): JsonDecoder<A> => {
  const names = Object.keys(members) as Name[]
  const nameDecoder = oneOf(names)
  return jsonDecoder(`an object with a name (${names.join(', ')})`, (input, context) => {
    if (!isJsonObject(input)) return expectationFailure(input, context, 'an object')
    const name = nameDecoder.validate(input.name, childContext(context, 'name', input.name))
    if (E.isLeft(name)) return name
    return members[name.right].validate(input, context)
  })
}

const kebabAliases = <Name extends string>(names: readonly Name[]): Record<string, Name> =>
  Object.fromEntries(
    names.map((name) => [name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`), name]),
  )

const activation = oneOf(network.activationNames, kebabAliases(network.activationNames))
export const loss = oneOf(network.lossNames, kebabAliases(network.lossNames))
const init = oneOf(initNames, {
  heNormal: 'he-normal',
  glorotNormal: 'glorot-normal',
  glorotUniform: 'glorot-uniform',
  lecunNormal: 'lecun-normal',
})

const pointCloud = { samples: positiveInteger, noise: nonNegativeNumber, seed: seedNumber }

const centers = jsonDecoder<number | readonly (readonly number[])[]>(
  'a positive integer or a non-empty list of centres',
  (input, context) => {
    if (!Array.isArray(input)) return positiveInteger.validate(input, context)
    const rows = listOf(listOf(finiteNumber, 'coordinates', { nonEmpty: true }), 'centres', {
      nonEmpty: true,
    }).validate(input, context)
    if (E.isLeft(rows)) return rows
    const width = at(rows.right, 0, 'centres').length
    const ragged = rows.right.findIndex((row) => row.length !== width)
    return ragged < 0
      ? rows
      : t.failure(
          input[ragged],
          childContext(context, ragged, input[ragged]),
          `expected ${width} coordinates (as many as centre 0), got ${at(rows.right, ragged, 'centres').length}`,
        )
  },
)

const centerBox = jsonDecoder<readonly [number, number]>(
  '[low, high] with low < high',
  (input, context) => {
    if (Array.isArray(input) && input.length === 2) {
      const [low, high] = input as unknown[]
      if (
        typeof low === 'number' &&
        typeof high === 'number' &&
        Number.isFinite(low) &&
        Number.isFinite(high) &&
        low < high
      ) {
        return t.success([low, high] as const)
      }
    }
    return t.failure(
      input,
      context,
      `expected [low, high], two finite numbers with low < high, got ${Array.isArray(input) ? JSON.stringify(input).slice(0, 40) : describeValue(input)}`,
    )
  },
)

const dataDecoders = {
  moons: strictObject({ name: exactly('moons') }, { ...pointCloud, shuffle: boolean }),
  circles: strictObject(
    { name: exactly('circles') },
    { ...pointCloud, shuffle: boolean, factor: openUnit },
  ),
  blobs: strictObject(
    { name: exactly('blobs') },
    {
      samples: positiveInteger,
      seed: seedNumber,
      shuffle: boolean,
      centers,
      features: positiveInteger,
      clusterStd: nonNegativeNumber,
      centerBox,
    },
  ),
  xor: strictObject({ name: exactly('xor') }, pointCloud),
  spirals: strictObject(
    { name: exactly('spirals') },
    { ...pointCloud, shuffle: boolean, turns: positiveNumber },
  ),
  csv: strictObject(
    { name: exactly('csv'), path: filePath, label: columnName },
    {
      features: nullable(listOf(columnName, 'column names', { nonEmpty: true })),
      target: oneOf(['classes', 'regression'] as const),
    },
  ),
  idx: strictObject(
    { name: exactly('idx'), images: filePath, labels: filePath },
    { test: nullable(strictObject({ images: filePath, labels: filePath }, {})) },
  ),
  digits: strictObject({ name: exactly('digits') }, {}),
  'fashion-mnist': strictObject({ name: exactly('fashion-mnist') }, { directory: filePath }),
}

export type RawData = {
  [Name in keyof typeof dataDecoders]: DecodedBy<(typeof dataDecoders)[Name]>
}

/** A CSV section's feature list problem: the label among the features, or a column twice. */
const featureListProblem = (
  features: readonly string[],
  label: string,
): { readonly index: number; readonly message: string } | undefined => {
  const labelIndex = features.indexOf(label)
  if (labelIndex >= 0) {
    return { index: labelIndex, message: `expected a feature column, got the label "${label}"` }
  }
  const repeated = features.findIndex((name, index) => features.indexOf(name) !== index)
  return repeated < 0
    ? undefined
    : {
        index: repeated,
        message: `expected each column once, got "${at(features, repeated, 'features')}" again`,
      }
}

/** The data section as written, its blobs centres and features agreeing, a CSV's columns apart. */
export const dataDecoder = jsonDecoder<RawData[keyof RawData]>('a dataset', (input, context) => {
  const decoded = byName<keyof RawData, RawData[keyof RawData]>(dataDecoders).validate(
    input,
    context,
  )
  if (E.isLeft(decoded)) return decoded
  const data = decoded.right
  if (data.name === 'csv' && data.features !== undefined && data.features !== null) {
    const problem = featureListProblem(data.features, data.label)
    if (problem !== undefined) {
      const value = at(data.features, problem.index, 'features')
      return t.failure(
        value,
        childContext(childContext(context, 'features', data.features), problem.index, value),
        problem.message,
      )
    }
  }
  if (
    data.name === 'blobs' &&
    data.centers !== undefined &&
    typeof data.centers !== 'number' &&
    data.features !== undefined &&
    data.features !== at(data.centers, 0, 'centres').length
  ) {
    return t.failure(
      data.features,
      childContext(context, 'features', data.features),
      `expected ${at(data.centers, 0, 'centres').length} (the length of each centre), got ${data.features}`,
    )
  }
  return decoded
})

export const splitDecoder = nullable(strictObject({ testSize: openUnit }, { seed: seedNumber }))

export const modelShape = strictObject(
  { layers: listOf(positiveInteger, 'positive integers') },
  {
    hidden: activation,
    output: activation,
    init,
    dropout: jsonDecoder<number | readonly number[]>(
      'a rate in [0, 1) or a list of them',
      (input, context) =>
        Array.isArray(input)
          ? listOf(rate, 'rates in [0, 1)').validate(input, context)
          : rate.validate(input, context),
    ),
  },
)

/** The model section as written, with at least two layers and one dropout rate per hidden one. */
export const modelDecoder = jsonDecoder<DecodedBy<typeof modelShape>>(
  'a model',
  (input, context) => {
    const decoded = modelShape.validate(input, context)
    if (E.isLeft(decoded)) return decoded
    const { layers, dropout } = decoded.right
    const errors: t.ValidationError[] = []
    if (layers.length < 2) {
      errors.push({
        value: layers,
        context: childContext(context, 'layers', layers),
        message: `expected at least 2 sizes (inputs and outputs), got ${describeValue(layers)}`,
      })
    }
    const hidden = Math.max(0, layers.length - 2)
    if (Array.isArray(dropout) && dropout.length !== hidden) {
      errors.push({
        value: dropout,
        context: childContext(context, 'dropout', dropout),
        message: `expected ${hidden} rates (one per hidden layer), got ${dropout.length}`,
      })
    }
    return errors.length > 0 ? t.failures(errors) : decoded
  },
)

const learningRate = { learningRate: positiveNumber }
const adamFields = { ...learningRate, beta1: rate, beta2: rate, epsilon: nonNegativeNumber }

const optimizerDecoders = {
  sgd: strictObject({ name: exactly('sgd') }, learningRate),
  momentum: strictObject({ name: exactly('momentum') }, { ...learningRate, beta: rate }),
  nesterov: strictObject({ name: exactly('nesterov') }, { ...learningRate, beta: rate }),
  adagrad: strictObject(
    { name: exactly('adagrad') },
    { ...learningRate, epsilon: nonNegativeNumber },
  ),
  rmsprop: strictObject(
    { name: exactly('rmsprop') },
    { ...learningRate, decay: rate, epsilon: nonNegativeNumber },
  ),
  adam: strictObject({ name: exactly('adam') }, adamFields),
  adamw: strictObject(
    { name: exactly('adamw') },
    { ...adamFields, weightDecay: nonNegativeNumber },
  ),
}

export type RawOptimizers = {
  [Name in keyof typeof optimizerDecoders]: DecodedBy<(typeof optimizerDecoders)[Name]>
}

export const optimizerDecoder = byName<keyof RawOptimizers, RawOptimizers[keyof RawOptimizers]>(
  optimizerDecoders,
)

const scheduleDecoders = {
  constant: strictObject({ name: exactly('constant') }, {}),
  step: strictObject({ name: exactly('step'), every: positiveInteger }, { factor: closedUnit }),
  exponential: strictObject(
    { name: exactly('exponential'), decay: decayFactor },
    { every: positiveInteger },
  ),
  cosine: strictObject(
    { name: exactly('cosine') },
    { steps: positiveInteger, minimum: nonNegativeNumber },
  ),
}

export type RawSchedules = {
  [Name in keyof typeof scheduleDecoders]: DecodedBy<(typeof scheduleDecoders)[Name]>
}

export const scheduleDecoder = byName<keyof RawSchedules, RawSchedules[keyof RawSchedules]>(
  scheduleDecoders,
)

export const earlyStoppingDecoder = nullable(
  strictObject(
    { monitor: oneOf(monitorNames), patience: positiveInteger },
    { minDelta: nonNegativeNumber },
  ),
)

export const configShape = strictObject(
  { data: dataDecoder, model: modelDecoder },
  {
    seed: seedNumber,
    rng: oneOf(['numpy', 'key'] as const),
    standardize: boolean,
    split: splitDecoder,
    loss,
    l2: nonNegativeNumber,
    optimizer: optimizerDecoder,
    schedule: scheduleDecoder,
    clipNorm: nullable(positiveNumber),
    epochs: nonNegativeInteger,
    batchSize: nullable(positiveInteger),
    workers: positiveInteger,
    checkpointEvery: nullable(positiveInteger),
    earlyStopping: earlyStoppingDecoder,
  },
)

export type RawConfig = DecodedBy<typeof configShape>
