// model.json as the CLI writes and reads it: the metadata `gradfold train` stores beside the
// network (feature names, standardisation, class names or regression, label column, loss), and a
// model file read back through the world for predict and evaluate. Laws: what train writes, the
// reader accepts; every problem is one line naming the file and the field; nothing throws.

import * as E from 'fp-ts/lib/Either.js'
import { linalg, network } from 'gradfold'
import type { Experiment } from './experiment.js'
import type { World } from './world.js'

/**
 * The metadata `gradfold train` writes into model.json: the data's feature names and the
 * standardisation fitted on the training rows (when the config asks for one), the class names
 * (or `regression`), the CSV's label column when there is one, and the loss.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeConfig } from './config.js'
 * import { generatedData } from './data-sources.js'
 * import { prepareExperiment } from './experiment.js'
 * import { modelMetadata } from './saved-model.js'
 * const config = decodeConfig({ data: { name: 'moons', samples: 20 }, model: { layers: [2, 4, 1] } })
 * assert.ok(E.isRight(config) && config.right.data.name === 'moons')
 * const loaded = generatedData(config.right.data, config.right.rng)
 * assert.ok(E.isRight(loaded))
 * const experiment = prepareExperiment(config.right, loaded.right)
 * assert.ok(E.isRight(experiment))
 * assert.deepStrictEqual(modelMetadata(experiment.right), {
 *   input: { features: ['x1', 'x2'] },
 *   output: { target: 'classes', classes: ['0', '1'], loss: 'mse' },
 * })
 */
export const modelMetadata = (experiment: Experiment): network.ModelMetadata => {
  const { loaded, standardizer, config } = experiment
  const source: unknown = config.data
  const labelColumn =
    typeof source === 'object' &&
    source !== null &&
    'label' in source &&
    typeof source.label === 'string'
      ? { label: source.label }
      : {}
  const standardize =
    standardizer === null
      ? {}
      : {
          standardize: {
            mean: linalg.toFlat(standardizer.mean),
            scale: linalg.toFlat(standardizer.scale),
          },
        }
  return {
    input: { features: loaded.featureNames, ...standardize },
    output:
      loaded.classNames === null
        ? { target: 'regression', loss: config.loss, ...labelColumn }
        : {
            target: 'classes',
            classes: loaded.classNames,
            loss: config.loss,
            ...labelColumn,
          },
  }
}

/** A model file read back with the metadata predict and evaluate need. */
export interface ReadModel {
  readonly network: network.Network
  readonly input: network.InputMetadata
  readonly output: network.OutputMetadata
}

/**
 * Reads and decodes MODEL.json through `world`: Left with one line per problem, each naming the
 * file (`runs/iris/model.json: input.features: expected 4 names (the input size), got 3`); a
 * model without the `input` and `output` that `gradfold train` writes is refused by name.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { readModel } from './saved-model.js'
 * const world = {
 *   print: () => {}, warn: () => {}, isTerminal: false, columns: 80,
 *   readText: () => E.right('{ "epochs": 3 }'), readBytes: () => E.left('none'), listDirectory: () => E.right(undefined),
 *   writeText: () => E.right(undefined), writeBytes: () => E.right(undefined),
 *   joinPath: (...parts: readonly string[]) => parts.join('/'),
 * }
 * assert.deepStrictEqual(readModel(world, 'config.json'), E.left([
 *   'config.json: format: expected "gradfold-model", got nothing: not a gradfold model file',
 * ]))
 */
export const readModel = (world: World, path: string): E.Either<readonly string[], ReadModel> => {
  const text = world.readText(path)
  if (E.isLeft(text)) return E.left([text.left])
  let json: unknown
  try {
    json = JSON.parse(text.right)
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error)
    return E.left([`${path}: not valid JSON (${reason.replace(/\s*\n\s*/g, ' ')})`])
  }
  const saved = network.decodeSavedModel(json)
  if (E.isLeft(saved)) return E.left(saved.left.problems.map((problem) => `${path}: ${problem}`))
  const { input, output } = saved.right.metadata
  const missing = [
    ...(input === undefined ? ['input'] : []),
    ...(output === undefined ? ['output'] : []),
  ].map(
    (field) =>
      `${path}: ${field}: missing (the metadata gradfold train writes; this model has none)`,
  )
  if (input === undefined || output === undefined) return E.left(missing)
  return E.right(Object.freeze({ network: saved.right.network, input, output }))
}
