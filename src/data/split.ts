// Splitting a dataset into train and test parts, scikit-learn's `train_test_split` (ShuffleSplit):
// n_test = ⌈testSize·n⌉, n_train = ⌊(1 − testSize)·n⌋, one permutation; the test part is its first
// n_test indices, the train part the next n_train. Law: the parts are disjoint and in numpy mode
// equal scikit-learn's for the same seed.

import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { selectExamples, type Dataset } from './dataset.js'
import { invalidOption, type DataError } from './errors.js'
import { openStream, type RandomOptions } from './stream.js'
import { openUnitInterval } from './validate.js'

/**
 * Options of `trainTestSplit`.
 *
 * @category Preprocessing
 */
export type SplitOptions = RandomOptions & {
  /** The fraction of examples held out for testing, strictly between 0 and 1. */
  readonly testSize: number
}

/**
 * The two parts of a split and which original rows went where.
 *
 * @category Preprocessing
 */
export interface Split {
  readonly train: Dataset
  readonly test: Dataset
  readonly trainIndices: readonly number[]
  readonly testIndices: readonly number[]
}

/**
 * Shuffles the examples and holds out ⌈testSize·n⌉ of them for testing.
 *
 * @category Preprocessing
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { pipe } from 'fp-ts/lib/function.js'
 * import { data } from 'gradfold'
 * const split = pipe(
 *   data.makeMoons({ samples: 300, noise: 0.2, seed: 42, rng: 'numpy' }),
 *   E.chain((moons) => data.trainTestSplit(moons, { testSize: 0.2, seed: 42, rng: 'numpy' })),
 * )
 * assert.ok(E.isRight(split))
 * assert.deepStrictEqual([split.right.train.X.rows, split.right.test.X.rows], [240, 60])
 * assert.deepStrictEqual(split.right.testIndices.slice(0, 3), [203, 266, 152])
 */
export const trainTestSplit = (
  source: Dataset,
  options: SplitOptions,
): E.Either<DataError, Split> => {
  const operation = 'trainTestSplit'
  const examples = source.X.rows
  return pipe(
    E.Do,
    E.bind('testSize', () => openUnitInterval(operation, 'testSize', options.testSize)),
    E.bind('counts', ({ testSize }) => {
      const testCount = Math.ceil(testSize * examples)
      const trainCount = Math.floor((1 - testSize) * examples)
      return trainCount >= 1 && testCount >= 1 && trainCount + testCount <= examples
        ? E.right({ testCount, trainCount })
        : E.left(
            invalidOption(
              operation,
              'testSize',
              testSize,
              `a fraction that leaves at least one example on each side of ${examples}`,
            ),
          )
    }),
    E.bind('stream', () => openStream(operation, options)),
    E.chain(({ counts, stream }) => {
      const [order] = stream.permutation(examples)
      const testIndices = order.slice(0, counts.testCount)
      const trainIndices = order.slice(counts.testCount, counts.testCount + counts.trainCount)
      return pipe(
        E.Do,
        E.bind('train', () => selectExamples(source, trainIndices)),
        E.bind('test', () => selectExamples(source, testIndices)),
        E.map(({ train, test }): Split =>
          Object.freeze({ train, test, trainIndices, testIndices }),
        ),
      )
    }),
  )
}
