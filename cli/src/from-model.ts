// `gradfold train --from MODEL.json`: a saved model's weights as the run's starting network, once
// its dense layers agree with the config's model — the same widths and activations, in order
// (dropout layers carry no weights and come from the config). Law: a model saved from a config's
// network always matches it, and a mismatch is one line per problem naming the model's path.

import * as E from 'fp-ts/lib/Either.js'
import { network } from 'gradfold'
import { sha256Hex, type StartedFrom } from './run-files.js'
import type { World } from './world.js'

type Network = network.Network
type DenseSpec = Extract<network.LayerSpec, { readonly kind: 'dense' }>

/** The dense layers of a network with their index among all its layers (model.json's index). */
const denseLayers = (net: Network): readonly (readonly [number, DenseSpec])[] =>
  net.layers.flatMap((layer, index): (readonly [number, DenseSpec])[] =>
    layer.kind === 'dense' ? [[index, layer]] : [],
  )

/**
 * The config's network with the saved model's weights, or every disagreement, one line each
 * (`layers[1].W: expected 16×8 (the config's model), got 8×16`, the path as in model.json).
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { network, random } from 'gradfold'
 * import { matchModel } from './from-model.js'
 * const config = network.mlp([2, 16, 8, 1], { hidden: 'relu', output: 'sigmoid', key: random.key(0) })
 * const saved = network.mlp([2, 8, 16, 1], { hidden: 'relu', output: 'sigmoid', key: random.key(1) })
 * assert.ok(E.isRight(config) && E.isRight(saved))
 * assert.deepStrictEqual(matchModel(config.right, saved.right), E.left([
 *   "layers[0].W: expected 2×16 (the config's model), got 2×8",
 *   "layers[1].W: expected 16×8 (the config's model), got 8×16",
 *   "layers[2].W: expected 8×1 (the config's model), got 16×1",
 * ]))
 * const same = matchModel(config.right, config.right)
 * assert.ok(E.isRight(same))
 * assert.deepStrictEqual(same.right.parameters, config.right.parameters)
 */
export const matchModel = (
  configured: Network,
  saved: Network,
): E.Either<readonly string[], Network> => {
  const expected = denseLayers(configured)
  const got = denseLayers(saved)
  if (saved.inputSize !== configured.inputSize) {
    return E.left([
      `inputSize: expected ${configured.inputSize} (the config's model), got ${saved.inputSize}`,
    ])
  }
  if (got.length !== expected.length) {
    return E.left([
      `layers: expected ${expected.length} dense layers (the config's model), got ${got.length}`,
    ])
  }
  const problems = got.flatMap(([index, layer], position): string[] => {
    const wanted = expected[position]?.[1]
    if (wanted === undefined) return []
    return [
      ...(layer.inputs === wanted.inputs && layer.outputs === wanted.outputs
        ? []
        : [
            `layers[${index}].W: expected ${wanted.inputs}×${wanted.outputs} (the config's model), got ${layer.inputs}×${layer.outputs}`,
          ]),
      ...(layer.activation === wanted.activation
        ? []
        : [
            `layers[${index}].activation: expected ${wanted.activation} (the config's model), got ${layer.activation}`,
          ]),
    ]
  })
  if (problems.length > 0) return E.left(problems)
  // the saved weights into the config's layers, dropout layers (no weights) from the config
  const weights = got.map(([index]) => saved.parameters.layers[index])
  let dense = 0
  const parameters = configured.layers.map((layer): network.LayerParameters => {
    if (layer.kind !== 'dense') return Object.freeze({})
    const taken = weights[dense]
    dense++
    if (taken === undefined) throw new Error(`matchModel: dense layer ${dense} has no weights`)
    return taken
  })
  return E.right(
    Object.freeze({
      ...configured,
      parameters: Object.freeze({ layers: Object.freeze(parameters) }),
    }),
  )
}

/** A run's starting network from --from, and what history.json records of it. */
export interface StartingModel {
  readonly network: Network
  readonly from: StartedFrom
}

/**
 * Reads MODEL.json through `world`, decodes it (`network.decodeModel`) and matches it against
 * the config's network: the network to start from and the file's SHA-256, or every problem as a
 * line starting `--from PATH: `.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { network, random } from 'gradfold'
 * import { loadStartingModel } from './from-model.js'
 * const net = network.mlp([2, 3, 1], { hidden: 'tanh', output: 'sigmoid', key: random.key(0) })
 * assert.ok(E.isRight(net))
 * const text = JSON.stringify(network.encodeModel(net.right))
 * const world = {
 *   print: () => {}, warn: () => {}, isTerminal: false, columns: 80,
 *   readText: (path: string) => (path === 'm.json' ? E.right(text) : E.left(`cannot read '${path}'`)),
 *   readBytes: () => E.left('none'), listDirectory: () => E.right(undefined),
 *   writeText: () => E.right(undefined), writeBytes: () => E.right(undefined),
 *   joinPath: (...parts: readonly string[]) => parts.join('/'),
 * }
 * const loaded = loadStartingModel(world, 'm.json', net.right)
 * assert.ok(E.isRight(loaded) && loaded.right.from.model === 'm.json')
 * assert.deepStrictEqual(loadStartingModel(world, 'x.json', net.right), E.left(["--from x.json: cannot read 'x.json'"]))
 */
export const loadStartingModel = (
  world: World,
  path: string,
  configured: Network,
): E.Either<readonly string[], StartingModel> => {
  const fail = (problems: readonly string[]): E.Either<readonly string[], never> =>
    E.left(problems.map((problem) => `--from ${path}: ${problem}`))
  const text = world.readText(path)
  if (E.isLeft(text)) return fail([text.left])
  let json: unknown
  try {
    json = JSON.parse(text.right)
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error)
    return fail([`not valid JSON (${reason.replace(/\s*\n\s*/g, ' ')})`])
  }
  if (!network.jsonDecoders.isJsonObject(json) || json.format !== 'gradfold-model') {
    return fail(['not a gradfold model (expected "format": "gradfold-model", as model.json has)'])
  }
  const saved = network.decodeModel(json)
  if (E.isLeft(saved)) return fail(saved.left.problems)
  const matched = matchModel(configured, saved.right)
  if (E.isLeft(matched)) return fail(matched.left)
  return E.right({
    network: matched.right,
    from: { model: path, sha256: sha256Hex(text.right) },
  })
}
