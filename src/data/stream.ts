// Where a generator's randomness comes from, as a pure value: numpy's legacy stream (to replay
// scikit-learn exactly) or a gradfold key (split once per draw). Every draw returns the next
// stream, so generators thread it explicitly. Law: the same options give the same draws.

import * as E from 'fp-ts/lib/Either.js'
import * as linalg from '../linalg/index.js'
import type { Matrix } from '../linalg/index.js'
import * as random from '../random/index.js'
import type { Key } from '../random/index.js'
import { invalidOption, type DataError } from './errors.js'

/**
 * Randomness for a generator or split: a seed and which stream it seeds, or a key directly.
 *
 * @category Generators
 */
export type RandomOptions =
  | {
      /** An integer seed: 0 to 2³²−1 for numpy's stream, any safe integer for gradfold keys. */
      readonly seed: number
      /** `'numpy'` replays numpy/scikit-learn exactly; `'gradfold'` (default) uses keys. */
      readonly rng?: 'numpy' | 'gradfold'
    }
  | { readonly key: Key }

/** A source of draws; each draw returns its values and the stream for the next draw. */
export interface Stream {
  /** A permutation of 0..n−1 (numpy: `shuffle(arange(n))`). */
  readonly permutation: (n: number) => readonly [readonly number[], Stream]
  /** A rows×cols matrix of N(0, scale²) draws, row-major. */
  readonly normal: (rows: number, cols: number, scale: number) => readonly [Matrix, Stream]
  /** A rows×cols matrix of U[low, high) draws, row-major (numpy: `low + (high−low)·u`). */
  readonly uniform: (
    rows: number,
    cols: number,
    low: number,
    high: number,
  ) => readonly [Matrix, Stream]
}

const numpyStream = (state: random.numpy.RandomState): Stream => ({
  permutation: (n) => {
    const [order, next] = random.numpy.permutation(state, n)
    return [order, numpyStream(next)]
  },
  normal: (rows, cols, scale) => {
    const [values, next] = random.numpy.normal(state, rows, cols, 0, scale)
    return [values, numpyStream(next)]
  },
  uniform: (rows, cols, low, high) => {
    const [samples, next] = random.numpy.randomSample(state, rows * cols)
    const scaled = samples.map((sample) => low + (high - low) * sample)
    const values = E.getOrElse(() => linalg.zeros(rows, cols))(linalg.fromFlat(rows, cols, scaled))
    return [values, numpyStream(next)]
  },
})

const keyStream = (key: Key): Stream => {
  const draw = <Value>(sample: (subkey: Key) => Value): readonly [Value, Stream] => {
    const [next = key, subkey = key] = random.split(key, 2)
    return [sample(subkey), keyStream(next)]
  }
  return {
    permutation: (n) => draw((subkey) => random.permutation(subkey, n)),
    normal: (rows, cols, scale) =>
      draw((subkey) => random.normal(subkey, rows, cols, { std: scale })),
    uniform: (rows, cols, low, high) =>
      draw((subkey) => random.uniform(subkey, rows, cols, { min: low, max: high })),
  }
}

const largestNumpySeed = 2 ** 32 - 1

/** Opens the stream the options describe, or names the option that is wrong. */
export const openStream = (
  operation: string,
  options: RandomOptions,
): E.Either<DataError, Stream> => {
  if ('key' in options) return E.right(keyStream(options.key))
  const { seed } = options
  // Typed as unknown: options may come from untyped JSON, where any value can stand here.
  const rng: unknown = options.rng ?? 'gradfold'
  if (rng === 'numpy') {
    return Number.isInteger(seed) && seed >= 0 && seed <= largestNumpySeed
      ? E.right(numpyStream(random.numpy.seed(seed)))
      : E.left(
          invalidOption(
            operation,
            'seed',
            seed,
            `an integer from 0 to ${largestNumpySeed} for numpy's stream`,
          ),
        )
  }
  if (rng !== 'gradfold') {
    return E.left(invalidOption(operation, 'rng', rng, "'numpy' or 'gradfold'"))
  }
  return Number.isSafeInteger(seed)
    ? E.right(keyStream(random.key(seed)))
    : E.left(invalidOption(operation, 'seed', seed, 'a safe integer'))
}
