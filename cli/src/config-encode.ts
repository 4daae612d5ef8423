// Encoding a training config back to JSON: every default written out, so the file a run saves
// says everything it used. Law: decodeConfig(encodeConfig(c)) equals c.

import type { DataConfig, RunConfig } from './config-schema.js'

/** A dataset section as JSON: fresh lists, never the config's own. */
const encodeData = (data: DataConfig): Record<string, unknown> => {
  switch (data.name) {
    case 'blobs':
      return {
        name: data.name,
        samples: data.samples,
        centers:
          typeof data.centers === 'number' ? data.centers : data.centers.map((row) => [...row]),
        features: data.features,
        clusterStd: data.clusterStd,
        centerBox: [...data.centerBox],
        shuffle: data.shuffle,
        seed: data.seed,
      }
    case 'csv':
      return { ...data, features: data.features === null ? null : [...data.features] }
    case 'idx':
      return { ...data, test: data.test === null ? null : { ...data.test } }
    default:
      return { ...data }
  }
}

/**
 * The configuration as a plain JSON value with every default written out; decoding it gives the
 * same configuration back.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeConfig } from './config.js'
 * import { encodeConfig } from './config-encode.js'
 * const config = decodeConfig({ data: { name: 'xor' }, model: { layers: [2, 4, 1] } })
 * assert.ok(E.isRight(config))
 * const json = encodeConfig(config.right) as { split: unknown; batchSize: unknown }
 * assert.deepStrictEqual([json.split, json.batchSize], [null, null])
 * assert.deepStrictEqual(decodeConfig(json), config)
 */
export const encodeConfig = (config: RunConfig): unknown => ({
  seed: config.seed,
  rng: config.rng,
  data: encodeData(config.data),
  standardize: config.standardize,
  split: config.split === null ? null : { ...config.split },
  model: {
    layers: [...config.model.layers],
    hidden: config.model.hidden,
    output: config.model.output,
    init: config.model.init,
    dropout: [...config.model.dropout],
  },
  loss: config.loss,
  l2: config.l2,
  optimizer: { ...config.optimizer },
  schedule: { ...config.schedule },
  clipNorm: config.clipNorm,
  epochs: config.epochs,
  batchSize: config.batchSize,
  workers: config.workers,
  checkpointEvery: config.checkpointEvery,
  earlyStopping: config.earlyStopping === null ? null : { ...config.earlyStopping },
})
