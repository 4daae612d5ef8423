// model.json, a saved network, as io-ts decoders: `{ format: 'gradfold-model', version: 1,
// inputSize, layers: [{ W, b, activation } | { dropout }], input?, output? }` (the optional
// metadata of model-metadata.ts), with one line per problem (`layers[1].W: expected 16×8 …, got
// 8×16`); a file that is not a gradfold model is one line. Laws: decodeSavedModel(encodeModel(net,
// metadata)) gives net's parameters bit for bit and the metadata deep-equal, also through JSON
// text; decoding never throws.

import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import * as linalg from '../linalg/index.js'
import { at } from '../linalg/internal.js'
import { activationNames, type ActivationName } from './activations.js'
import type { LayerParameters, LayerSpec, Network } from './network.js'
import { metadataFields, metadataProblems, type ModelMetadata } from './model-metadata.js'
import {
  problemLines,
  jsonDecoder,
  childContext,
  describeValue,
  numberThat,
  finiteNumber,
  positiveInteger,
  exactly,
  oneOf,
  listOf,
  isJsonObject,
  strictObject,
  type JsonDecoder,
  type DecodedBy,
} from './json-decoders.js'

/**
 * The version of model.json this code writes and reads.
 *
 * @category Model files
 */
export const modelFormatVersion = 1

/**
 * A dense layer in model.json: W as rows (inputs×outputs), b as a list, the activation.
 *
 * @category Model files
 */
export interface DenseLayerJson {
  readonly W: readonly (readonly number[])[]
  readonly b: readonly number[]
  readonly activation: ActivationName
}

/**
 * A dropout layer in model.json: its rate.
 *
 * @category Model files
 */
export interface DropoutLayerJson {
  readonly dropout: number
}

/**
 * model.json as a plain JSON value: the network, and the metadata's `input` and `output` when
 * given (see `ModelMetadata`).
 *
 * @category Model files
 */
export interface ModelJson extends ModelMetadata {
  readonly format: 'gradfold-model'
  readonly version: typeof modelFormatVersion
  readonly inputSize: number
  readonly layers: readonly (DenseLayerJson | DropoutLayerJson)[]
}

/**
 * A model file read back: the network and the metadata written with it (`{}` when none was).
 *
 * @category Model files
 */
export interface SavedModel {
  readonly network: Network
  readonly metadata: ModelMetadata
}

/**
 * The network as model.json's plain value: W row by row, b as a list, dropout layers by rate,
 * then the metadata's `input` and `output` when given (copied as they are: `decodeSavedModel`
 * checks their sizes against the network).
 * Precondition: the network is well formed (a dense layer without W and b is a programming error
 * and throws a TypeError naming the layer).
 *
 * @category Model files
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { network, random } from 'gradfold'
 * const net = network.mlp([2, 1], { hidden: 'relu', output: 'sigmoid', key: random.key(0) })
 * assert.ok(E.isRight(net))
 * const json = network.encodeModel(net.right)
 * assert.deepStrictEqual([json.format, json.version, json.inputSize, json.layers.length], ['gradfold-model', 1, 2, 1])
 * const described = network.encodeModel(net.right, { input: { features: ['x1', 'x2'] } })
 * assert.deepStrictEqual(described.input, { features: ['x1', 'x2'] })
 */
export const encodeModel = (net: Network, metadata: ModelMetadata = {}): ModelJson => ({
  format: 'gradfold-model',
  version: modelFormatVersion,
  inputSize: net.inputSize,
  layers: net.layers.map((layer, index): DenseLayerJson | DropoutLayerJson => {
    if (layer.kind === 'dropout') return { dropout: layer.rate }
    const parameters = net.parameters.layers[index]
    if (parameters === undefined || !('W' in parameters)) {
      throw new TypeError(`encodeModel: layer ${index} is dense but has no W and b`)
    }
    return {
      W: linalg.toRows(parameters.W),
      b: linalg.toFlat(parameters.b),
      activation: layer.activation,
    }
  }),
  ...(metadata.input === undefined ? {} : { input: metadata.input }),
  ...(metadata.output === undefined ? {} : { output: metadata.output }),
})

const row = listOf(finiteNumber, 'finite numbers', { nonEmpty: true })

const denseLayer = strictObject(
  {
    W: listOf(row, 'rows of finite numbers', { nonEmpty: true }),
    b: row,
    activation: oneOf(activationNames),
  },
  {},
)

const dropoutLayer = strictObject(
  {
    dropout: numberThat(
      'a number in [0, 1)',
      (rate) => Number.isFinite(rate) && rate >= 0 && rate < 1,
    ),
  },
  {},
)

type LayerJson = DecodedBy<typeof denseLayer> | DecodedBy<typeof dropoutLayer>

const layerJson = jsonDecoder<LayerJson>(
  'a layer ({ W, b, activation } or { dropout })',
  (input, context) => {
    if (isJsonObject(input) && Object.hasOwn(input, 'dropout')) {
      return dropoutLayer.validate(input, context)
    }
    return denseLayer.validate(input, context)
  },
)

const modelShape = strictObject(
  {
    format: exactly('gradfold-model'),
    version: exactly(modelFormatVersion),
    inputSize: positiveInteger,
    layers: listOf(layerJson, 'layers', { nonEmpty: true }),
  },
  metadataFields,
)

type ModelShape = DecodedBy<typeof modelShape>

/** The size problems of a structurally valid model, each at its path; the network when none. */
const toNetwork = (model: ModelShape, context: t.Context): t.Validation<Network> => {
  const errors: t.ValidationError[] = []
  const layersContext = childContext(context, 'layers', model.layers)
  const specs: LayerSpec[] = []
  const parameters: LayerParameters[] = []
  let width = model.inputSize
  model.layers.forEach((layer, index) => {
    const here = childContext(layersContext, index, layer)
    if ('dropout' in layer) {
      specs.push(
        Object.freeze({ kind: 'dropout', inputs: width, outputs: width, rate: layer.dropout }),
      )
      parameters.push(Object.freeze({}))
      return
    }
    const problem = (at: t.Context, value: unknown, message: string): void => {
      errors.push({ value, context: at, message })
    }
    const atW = childContext(here, 'W', layer.W)
    // the decoder lets only a non-empty W through
    const columns = at(layer.W, 0, 'decodeModel: W').length
    const previous = index === 0 ? `the input size ${width}` : `the previous layer's width ${width}`
    const ragged = layer.W.some((entries) => entries.length !== columns)
    layer.W.forEach((entries, rowIndex) => {
      if (entries.length !== columns) {
        problem(
          childContext(atW, rowIndex, entries),
          entries,
          `expected ${columns} numbers (as many as row 0), got ${entries.length}`,
        )
      }
    })
    const shape = `${layer.W.length}×${columns}`
    if (ragged) {
      width = layer.b.length
    } else if (layer.W.length !== width) {
      problem(
        atW,
        layer.W,
        `expected ${width}×${layer.b.length} (rows = ${previous}), got ${shape}`,
      )
      width = layer.b.length
    } else if (layer.b.length !== columns) {
      problem(
        childContext(here, 'b', layer.b),
        layer.b,
        `expected ${columns} numbers (one per column of W, ${shape}), got ${layer.b.length}`,
      )
      width = columns
    } else {
      const W = linalg.fromRows(layer.W)
      const b = linalg.rowVector(layer.b)
      if (E.isLeft(W) || E.isLeft(b)) {
        problem(here, layer, 'expected W and b of finite numbers')
        return
      }
      specs.push(
        Object.freeze({
          kind: 'dense',
          inputs: width,
          outputs: columns,
          activation: layer.activation,
        }),
      )
      parameters.push(Object.freeze({ W: W.right, b: b.right }))
      width = columns
    }
  })
  if (errors.length > 0) return t.failures(errors)
  return t.success(
    Object.freeze({
      inputSize: model.inputSize,
      layers: Object.freeze(specs),
      parameters: Object.freeze({ layers: Object.freeze(parameters) }),
    }),
  )
}

/** The metadata's fields of a decoded model, frozen, without the keys it does not have. */
const metadataOf = (model: ModelShape): ModelMetadata =>
  Object.freeze({
    ...(model.input === undefined ? {} : { input: model.input }),
    ...(model.output === undefined ? {} : { output: model.output }),
  })

/**
 * model.json's decoder: a value that does not say `"format": "gradfold-model"` is one problem
 * (some other file), else the structure, then every layer's sizes against the one before.
 */
const modelDecoder: JsonDecoder<SavedModel> = jsonDecoder('a gradfold model', (input, context) => {
  if (isJsonObject(input) && input.format !== 'gradfold-model') {
    return t.failure(
      input.format,
      childContext(context, 'format', input.format),
      `expected "gradfold-model", got ${describeValue(input.format)}: not a gradfold model file`,
    )
  }
  const shaped = modelShape.validate(input, context)
  if (E.isLeft(shaped)) return shaped
  return E.map((built: Network): SavedModel =>
    Object.freeze({ network: built, metadata: metadataOf(shaped.right) }),
  )(toNetwork(shaped.right, context))
})

/**
 * A saved model from model.json's parsed value: the network and its metadata (`input`,
 * `output`; `{}` when the file has none), or every problem as one line naming its path, as
 * `decodeModel` reports them, plus the metadata's sizes against the network
 * (`input.standardize.mean: expected 64 numbers (the input size), got 63`). A JSON value that is
 * not a gradfold model at all is one line (`format: expected "gradfold-model", got nothing: not a
 * gradfold model file`).
 *
 * @category Model files
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { network, random } from 'gradfold'
 * const net = network.mlp([2, 3], { hidden: 'relu', output: 'softmax', key: random.key(1) })
 * assert.ok(E.isRight(net))
 * const metadata = {
 *   input: { features: ['x', 'y'], standardize: { mean: [1, 2], scale: [0.5, 4] } },
 *   output: { target: 'classes', classes: ['a', 'b', 'c'], loss: 'softmaxCrossEntropy', label: 'kind' },
 * } as const
 * const text = JSON.stringify(network.encodeModel(net.right, metadata))
 * const saved = network.decodeSavedModel(JSON.parse(text))
 * assert.ok(E.isRight(saved))
 * assert.deepStrictEqual(saved.right.metadata, metadata)
 * const short = network.decodeSavedModel({ ...JSON.parse(text), input: { features: ['x'] } })
 * assert.ok(E.isLeft(short))
 * assert.deepStrictEqual(short.left.problems, ['input.features: expected 2 names (the input size), got 1'])
 * const foreign = network.decodeSavedModel({ name: 'a config' })
 * assert.ok(E.isLeft(foreign))
 * assert.deepStrictEqual(foreign.left.problems, ['format: expected "gradfold-model", got nothing: not a gradfold model file'])
 */
export const decodeSavedModel = (json: unknown): E.Either<ModelError, SavedModel> => {
  const decoded = modelDecoder.decode(json)
  if (E.isLeft(decoded)) return E.left(modelError(problemLines(decoded.left)))
  const { network, metadata } = decoded.right
  const problems = metadataProblems(metadata, network.inputSize, network.layers)
  return problems.length > 0 ? E.left(modelError(problems)) : E.right(decoded.right)
}

/**
 * A network from model.json's parsed value (its metadata checked, then left out: see
 * `decodeSavedModel`), or every problem as one line naming its path: a
 * wrong shape (`layers[1].W: expected 16×8 (rows = the previous layer's width 16), got 8×16`), a
 * bias of the wrong length, a version this code cannot read (`version: expected 1, got 2`), an
 * unknown activation, a number that is not finite (`layers[0].W[3][1]: expected a finite number,
 * got null`, since JSON writes NaN as null), an unknown key.
 *
 * @category Model files
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { linalg, network, random } from 'gradfold'
 * const net = network.mlp([2, 3, 1], { hidden: 'relu', output: 'sigmoid', key: random.key(1) })
 * assert.ok(E.isRight(net))
 * const text = JSON.stringify(network.encodeModel(net.right))
 * const back = network.decodeModel(JSON.parse(text))
 * assert.ok(E.isRight(back))
 * assert.deepStrictEqual(network.predict(back.right, linalg.ones(1, 2)), network.predict(net.right, linalg.ones(1, 2)))
 * const wrong = network.decodeModel({ ...JSON.parse(text), version: 2 })
 * assert.ok(E.isLeft(wrong))
 * assert.deepStrictEqual(wrong.left.problems, ['version: expected 1, got 2'])
 * assert.strictEqual(wrong.left.message, 'decodeModel: version: expected 1, got 2')
 */
export const decodeModel = (json: unknown): E.Either<ModelError, Network> =>
  E.map((saved: SavedModel) => saved.network)(decodeSavedModel(json))

/**
 * Why a model.json could not be read: every problem, one line each naming its path.
 *
 * @category Model files
 */
export interface ModelError {
  readonly _tag: 'InvalidModel'
  /** Each problem as one line: `layers[1].W: expected 16×8 …, got 8×16`. */
  readonly problems: readonly string[]
  /** All of them on one line: `decodeModel: version: expected 1, got 2`. */
  readonly message: string
}

const modelError = (problems: readonly string[]): ModelError =>
  Object.freeze({
    _tag: 'InvalidModel',
    problems: Object.freeze([...problems]),
    message: `decodeModel: ${problems.join('; ')}`,
  })
