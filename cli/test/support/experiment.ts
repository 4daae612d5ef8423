// A config's experiment as the CLI builds it, for tests: its data loaded through an in-memory
// world (generated data reads nothing), then prepared. Left with the first problem's line.

import * as E from 'fp-ts/lib/Either.js'
import type { RunConfig } from '../../src/config.js'
import { loadData } from '../../src/data-sources.js'
import { prepareExperiment, type Experiment } from '../../src/experiment.js'
import { memoryWorld, type MemoryWorldOptions } from './memory-world.js'

/** `prepareExperiment(config, loadData(world, config.data, …))`, in a world of `files`. */
export const experimentFrom = (
  config: RunConfig,
  files: MemoryWorldOptions = {},
): E.Either<string, Experiment> => {
  const loaded = loadData(memoryWorld(files), '.', config.data, config.rng)
  return E.isLeft(loaded) ? E.left(loaded.left.join('\n')) : prepareExperiment(config, loaded.right)
}
