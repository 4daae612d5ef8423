// The configuration of a training run (`gradfold train config.json`): decodes JSON into a
// RunConfig with every default made explicit (config-normalise.ts), checking facts that span
// sections (config-cross-checks.ts), or into every problem at once, one line each
// (`optimizer.learningRate: expected a positive number, got -1`); encodes it back
// (config-encode.ts). Laws: decoding never throws and never mutates its input;
// decodeConfig(encodeConfig(c)) equals c.

import * as E from 'fp-ts/lib/Either.js'
import { network } from 'gradfold'
import type { RunConfig } from './config-schema.js'
import { configShape } from './config-decoders.js'
import { crossProblems, partsOf } from './config-cross-checks.js'
import { normalise } from './config-normalise.js'

export * from './config-schema.js'
export { classCount, featureCount, outputCount } from './config-cross-checks.js'
export { encodeConfig } from './config-encode.js'
export { sampleCount, totalUpdates, trainingExamples } from './config-normalise.js'

const { problemLines } = network.jsonDecoders

/** The value frozen all the way down: a decoded configuration nobody can change. */
const deepFreeze = <A>(value: A): A => {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const entry of Object.values(value)) deepFreeze(entry)
    Object.freeze(value)
  }
  return value
}

/**
 * The run configuration in JSON, decoded and normalised, or every problem, one line each:
 * `path: expected …, got …` (`(root)` for the whole value), unknown keys included (`optimiser:
 * unknown key (did you mean optimizer?)`), then the facts across fields — `model.layers` starts
 * with the dataset's feature count and ends with the outputs the loss and classes need, a logit
 * loss has a sigmoid/softmax or linear output, the split leaves examples on both sides, a cosine
 * schedule's minimum is at most the learning rate.
 *
 * Data read from files (`csv`, `idx`, `digits`, `fashion-mnist`) is sized only once read, so its
 * widths are checked by `prepareExperiment`; here a split beside a source's own test set is
 * refused, and a cosine schedule over csv, idx or fashion-mnist data must give its `steps`.
 *
 * Required: `data.name` and `model.layers` (and a CSV's `path` and `label`, an idx source's
 * `images` and `labels`). Defaults: seed 42, rng "key", standardize false; csv features null
 * (every column but the label), target "classes"; idx test null; fashion-mnist directory
 * /usr/share/datasets/fashion-mnist; data samples 300, noise
 * 0 (none), shuffle true, circles factor 0.8, spirals turns 1.5, blobs centers 3, features 2,
 * clusterStd 1, centerBox [−10, 10], `data.seed` and `split.seed` the run's seed; split null (no
 * test set); model hidden relu, output sigmoid, init he-normal, dropout none; loss mse; l2 0;
 * optimizer sgd; learning rates 0.1 for sgd, momentum and nesterov, 0.01 for adagrad, 0.001 for
 * rmsprop, adam and adamw; beta 0.9, beta1 0.9, beta2 0.999, epsilon 1e-8, rmsprop decay 0.9,
 * adamw weightDecay 0.01; schedule constant (step: factor 0.5; exponential: every 1; cosine:
 * steps = every update of the run, minimum 0); clipNorm null; epochs 1000; batchSize null (the
 * whole set); workers 1. Loss and activation names may also be written in kebab case
 * (`softmax-cross-entropy`, `leaky-relu`), initialisers in camel case (`heNormal`);
 * checkpointEvery null (no checkpoints); earlyStopping null (none; its minDelta 0).
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeConfig } from './config.js'
 * const config = decodeConfig({ data: { name: 'moons' }, model: { layers: [2, 8, 1] } })
 * assert.ok(E.isRight(config))
 * assert.deepStrictEqual([config.right.seed, config.right.optimizer, config.right.model.init], [42, { name: 'sgd', learningRate: 0.1 }, 'he-normal'])
 * const bad = decodeConfig({ data: { name: 'moons' }, model: { layers: [2, 8, 1] }, epochs: 'ten' })
 * assert.deepStrictEqual(bad, E.left(['epochs: expected a non-negative integer, got "ten"']))
 */
export const decodeConfig = (json: unknown): E.Either<readonly string[], RunConfig> => {
  const shaped = configShape.decode(json)
  if (E.isLeft(shaped)) {
    return E.left([...problemLines(shaped.left), ...crossProblems(partsOf(json))])
  }
  const normalised = normalise(shaped.right)
  if (E.isLeft(normalised)) return E.left([...normalised.left, ...crossProblems(partsOf(json))])
  const config = normalised.right
  const cross = crossProblems({
    data: config.data,
    model: config.model,
    loss: config.loss,
    split: config.split,
    optimizer: config.optimizer,
    ...(shaped.right.schedule === undefined ? {} : { schedule: shaped.right.schedule }),
  })
  return cross.length > 0 ? E.left(cross) : E.right(deepFreeze(config))
}

/**
 * The configuration from JSON text: `config: not valid JSON (…)` when it does not parse, else
 * what `decodeConfig` says.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { parseConfig } from './config.js'
 * const bad = parseConfig('{ "seed": 1,')
 * assert.ok(E.isLeft(bad) && bad.left.length === 1 && bad.left[0]?.startsWith('config: not valid JSON ('))
 * assert.ok(E.isRight(parseConfig('{ "data": { "name": "xor" }, "model": { "layers": [2, 4, 1] } }')))
 */
export const parseConfig = (text: string): E.Either<readonly string[], RunConfig> => {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error)
    return E.left([`config: not valid JSON (${reason.replace(/\s*\n\s*/g, ' ')})`])
  }
  return decodeConfig(json)
}
