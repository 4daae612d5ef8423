// The Network record: a static architecture (dense and dropout layers) and a parameter tree
// `{ layers: [{ W, b }, {}, …] }` with W inputs×outputs and b a 1×outputs row, as in the notebook.
// Laws: networks are frozen and never mutated; each layer's inputs equal the previous outputs.

import * as E from 'fp-ts/lib/Either.js'
import { formatShape, type Matrix } from '../linalg/index.js'
import * as random from '../random/index.js'
import { parseActivation, type ActivationName } from './activations.js'
import { checkFinite, networkError, type NetworkError } from './errors.js'
import { heNormal, zerosBias, type Initializer, type Source } from './initializers.js'

/**
 * A fully connected layer: a = activation(x·W + b).
 *
 * @category Networks
 */
export interface DenseSpec {
  readonly kind: 'dense'
  readonly inputs: number
  readonly outputs: number
  readonly activation: ActivationName
}

/**
 * Inverted dropout: at training time each unit survives with probability 1 − rate.
 *
 * @category Networks
 */
export interface DropoutSpec {
  readonly kind: 'dropout'
  readonly inputs: number
  readonly outputs: number
  readonly rate: number
}

/**
 * One layer of the static architecture.
 *
 * @category Networks
 */
export type LayerSpec = DenseSpec | DropoutSpec

/**
 * The parameters of one layer: W and b for dense layers, nothing for dropout.
 *
 * @category Networks
 */
export type LayerParameters =
  { readonly W: Matrix; readonly b: Matrix } | Readonly<Record<string, never>>

/**
 * An immutable network: architecture plus parameters (`parameters.layers[i]` for `layers[i]`).
 *
 * @category Networks
 */
export interface Network {
  readonly inputSize: number
  readonly layers: readonly LayerSpec[]
  readonly parameters: { readonly layers: readonly LayerParameters[] }
}

/**
 * A layer as `sequential` takes it: its input width comes from the layer before.
 *
 * @category Networks
 */
export type LayerInput =
  | { readonly kind: 'dense'; readonly outputs: number; readonly activation: string }
  | { readonly kind: 'dropout'; readonly rate: number }

/**
 * How to draw the weights: an initialiser (He normal unless given) and a key or numpy state.
 *
 * @category Networks
 */
export type InitOptions = { readonly init?: Initializer } & (
  { readonly key: random.Key } | { readonly rng: random.numpy.RandomState }
)

/**
 * The layer as error messages name it: `layer 1 (dense 16→8)`, `layer 2 (dropout 0.5)`.
 *
 * @category Networks
 * @example
 * import assert from 'node:assert'
 * import { network } from 'gradfold'
 * const spec = { kind: 'dense', inputs: 16, outputs: 8, activation: 'relu' } as const
 * assert.strictEqual(network.describeLayer(spec, 1), 'layer 1 (dense 16→8)')
 */
export const describeLayer = (layer: LayerSpec, index: number): string =>
  layer.kind === 'dense'
    ? `layer ${index} (dense ${layer.inputs}→${layer.outputs})`
    : `layer ${index} (dropout ${layer.rate})`

const positiveInteger = (
  where: string,
  what: string,
  size: number,
): E.Either<NetworkError, number> =>
  Number.isSafeInteger(size) && size > 0
    ? E.right(size)
    : E.left(
        networkError(
          'InvalidArchitecture',
          `${where}: ${what} is ${size}, expected a positive integer`,
        ),
      )

const specsOf = (
  where: string,
  inputSize: number,
  layers: readonly LayerInput[],
): E.Either<NetworkError, readonly LayerSpec[]> => {
  const checkedInput = positiveInteger(where, 'inputSize', inputSize)
  if (E.isLeft(checkedInput)) return checkedInput
  if (layers.length === 0) {
    return E.left(networkError('InvalidArchitecture', `${where}: no layers, expected at least one`))
  }
  const specs: LayerSpec[] = []
  let width = inputSize
  for (const [index, layer] of layers.entries()) {
    if (layer.kind === 'dense') {
      const outputs = positiveInteger(where, `layer ${index} outputs`, layer.outputs)
      if (E.isLeft(outputs)) return outputs
      const activation = parseActivation(layer.activation, `${where}: layer ${index}`)
      if (E.isLeft(activation)) return activation
      specs.push(
        Object.freeze({
          kind: 'dense',
          inputs: width,
          outputs: outputs.right,
          activation: activation.right,
        }),
      )
      width = outputs.right
    } else {
      if (!(Number.isFinite(layer.rate) && layer.rate >= 0 && layer.rate < 1)) {
        return E.left(
          networkError(
            'InvalidArchitecture',
            `${where}: layer ${index} (dropout) rate is ${layer.rate}, expected a number in [0, 1)`,
          ),
        )
      }
      specs.push(
        Object.freeze({ kind: 'dropout', inputs: width, outputs: width, rate: layer.rate }),
      )
    }
  }
  return E.right(Object.freeze(specs))
}

/**
 * Fresh parameters for these layers, drawn in order — W of each dense layer with `init` (its draw
 * takes from the source), b zeros (no draw) — with the source that is left, so numpy's stream
 * continues where the notebook's would.
 *
 * @category Networks
 * @example
 * import assert from 'node:assert'
 * import { graph, network, random } from 'gradfold'
 * const layers = [{ kind: 'dense', inputs: 2, outputs: 3, activation: 'sigmoid' }] as const
 * const [parameters] = network.initParameters(layers, network.scaledNormal(0.5), random.numpy.seed(42))
 * assert.deepStrictEqual(graph.leaves(parameters).map(([path]) => graph.formatPath(path)), ['layers[0].W', 'layers[0].b'])
 */
export const initParameters = (
  layers: readonly LayerSpec[],
  init: Initializer,
  source: Source,
): readonly [Network['parameters'], Source] => {
  let current = source
  const parameters: LayerParameters[] = []
  for (const layer of layers) {
    if (layer.kind === 'dense') {
      const [W, next] = init.draw(current, layer.inputs, layer.outputs)
      current = next
      parameters.push(Object.freeze({ W, b: zerosBias(layer.outputs) }))
    } else {
      parameters.push(Object.freeze({}))
    }
  }
  return [Object.freeze({ layers: Object.freeze(parameters) }), current]
}

/**
 * A network of mixed layers on inputs of width `inputSize`, with freshly drawn parameters; Left
 * naming the layer for a size that is not a positive integer, an unknown activation or a dropout
 * rate outside [0, 1).
 *
 * @category Networks
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { network, random } from 'gradfold'
 * const net = network.sequential(2, [
 *   { kind: 'dense', outputs: 4, activation: 'relu' },
 *   { kind: 'dropout', rate: 0.5 },
 *   { kind: 'dense', outputs: 1, activation: 'sigmoid' },
 * ], { key: random.key(0) })
 * assert.ok(E.isRight(net))
 * assert.deepStrictEqual(net.right.layers.map((layer) => layer.kind), ['dense', 'dropout', 'dense'])
 */
export const sequential = (
  inputSize: number,
  layers: readonly LayerInput[],
  options: InitOptions,
): E.Either<NetworkError, Network> =>
  E.map((specs: readonly LayerSpec[]): Network => {
    const source = 'key' in options ? options.key : options.rng
    const [parameters] = initParameters(specs, options.init ?? heNormal, source)
    return Object.freeze({ inputSize, layers: specs, parameters })
  })(specsOf('sequential', inputSize, layers))

/**
 * A layer given with its parameters, as `fromLayers` takes it.
 *
 * @category Networks
 */
export type GivenLayer =
  | {
      readonly kind: 'dense'
      /** inputs × outputs. */
      readonly W: Matrix
      /** 1 × outputs. */
      readonly b: Matrix
      readonly activation: string
    }
  | { readonly kind: 'dropout'; readonly rate: number }

const shapeError = (message: string): E.Either<NetworkError, never> =>
  E.left(networkError('ShapeMismatch', `fromLayers: ${message}`))

/**
 * A network from given weights: each dense layer's W (inputs × outputs) and b (1 × outputs), the
 * input width being the first dense layer's W rows. Left naming the layer for a W whose rows are
 * not the previous layer's outputs, a b that is not one row as wide as W, a non-finite entry, an
 * unknown activation, a dropout rate outside [0, 1), or no dense layer. The matrices are kept as
 * given (matrices are immutable).
 *
 * @category Networks
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { linalg, network } from 'gradfold'
 * const net = network.fromLayers([
 *   { kind: 'dense', W: linalg.fill(3, 2, 0.5), b: linalg.zeros(1, 2), activation: 'relu' },
 *   { kind: 'dense', W: linalg.fill(2, 1, 1), b: linalg.zeros(1, 1), activation: 'linear' },
 * ])
 * assert.ok(E.isRight(net) && net.right.inputSize === 3)
 * const swapped = network.fromLayers([
 *   { kind: 'dense', W: linalg.fill(3, 2, 0.5), b: linalg.zeros(1, 2), activation: 'relu' },
 *   { kind: 'dense', W: linalg.fill(1, 2, 1), b: linalg.zeros(1, 1), activation: 'linear' },
 * ])
 * assert.ok(E.isLeft(swapped) && swapped.left.message === 'fromLayers: layers[1].W: expected 2×2, got 1×2')
 */
export const fromLayers = (layers: readonly GivenLayer[]): E.Either<NetworkError, Network> => {
  const firstDense = layers.find((layer) => layer.kind === 'dense')
  if (firstDense === undefined) {
    return E.left(
      networkError('InvalidArchitecture', 'fromLayers: no dense layer, expected at least one'),
    )
  }
  const inputSize = firstDense.W.rows
  let width = inputSize
  for (const [index, layer] of layers.entries()) {
    if (layer.kind === 'dropout') continue
    const { W, b } = layer
    if (W.rows !== width) {
      return shapeError(`layers[${index}].W: expected ${width}×${W.cols}, got ${formatShape(W)}`)
    }
    if (b.rows !== 1 || b.cols !== W.cols) {
      return shapeError(`layers[${index}].b: expected 1×${W.cols}, got ${formatShape(b)}`)
    }
    for (const [name, matrix] of [
      ['W', W],
      ['b', b],
    ] as const) {
      const finite = checkFinite('fromLayers', `layers[${index}].${name}`, matrix)
      if (E.isLeft(finite)) return finite
    }
    width = W.cols
  }
  const inputs: readonly LayerInput[] = layers.map((layer): LayerInput =>
    layer.kind === 'dense'
      ? { kind: 'dense', outputs: layer.W.cols, activation: layer.activation }
      : layer,
  )
  return E.map((specs: readonly LayerSpec[]): Network =>
    Object.freeze({
      inputSize,
      layers: specs,
      parameters: Object.freeze({
        layers: Object.freeze(
          layers.map((layer): LayerParameters =>
            layer.kind === 'dense' ? Object.freeze({ W: layer.W, b: layer.b }) : Object.freeze({}),
          ),
        ),
      }),
    }),
  )(specsOf('fromLayers', inputSize, inputs))
}

/**
 * Activations of an mlp: one for every hidden layer, one for the output layer.
 *
 * @category Networks
 */
export interface MlpOptions {
  readonly hidden: string
  readonly output: string
}

/**
 * A multilayer perceptron with layer widths `sizes` (inputs first, outputs last): dense layers
 * with the `hidden` activation and an `output` one. Left for fewer than two sizes, a size that is
 * not a positive integer (`mlp: sizes[2] is 0, expected a positive integer`) or an unknown name.
 *
 * @category Networks
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { linalg, network, random } from 'gradfold'
 * const net = network.mlp([2, 3, 1], { hidden: 'sigmoid', output: 'sigmoid', init: network.scaledNormal(0.5), rng: random.numpy.seed(42) })
 * assert.ok(E.isRight(net))
 * const first = net.right.parameters.layers[0]
 * assert.ok(first !== undefined && 'W' in first)
 * assert.strictEqual(linalg.get(first.W, 0, 0), 0.24835707650561634) // the notebook's W1[0, 0]
 * const bad = network.mlp([2, 16, 0, 1], { hidden: 'relu', output: 'sigmoid', key: random.key(0) })
 * assert.ok(E.isLeft(bad) && bad.left.message === 'mlp: sizes[2] is 0, expected a positive integer')
 */
export const mlp = (
  sizes: readonly number[],
  options: MlpOptions & InitOptions,
): E.Either<NetworkError, Network> => {
  const [inputSize, ...outputSizes] = sizes
  if (inputSize === undefined || outputSizes.length === 0) {
    return E.left(
      networkError(
        'InvalidArchitecture',
        `mlp: sizes has ${sizes.length} entries, expected at least 2 (inputs and outputs)`,
      ),
    )
  }
  for (const [index, size] of sizes.entries()) {
    const checked = positiveInteger('mlp', `sizes[${index}]`, size)
    if (E.isLeft(checked)) return checked
  }
  for (const [role, name] of [
    ['hidden', options.hidden],
    ['output', options.output],
  ] as const) {
    const parsed = parseActivation(name, `mlp: ${role}`)
    if (E.isLeft(parsed)) return parsed
  }
  const layers = outputSizes.map((outputs, index): LayerInput => ({
    kind: 'dense',
    outputs,
    activation: index === outputSizes.length - 1 ? options.output : options.hidden,
  }))
  return E.mapLeft((error: NetworkError) =>
    networkError(error._tag, error.message.replace(/^sequential/, 'mlp')),
  )(sequential(inputSize, layers, options))
}
