// The public surface of gradfold's randomness layer: splittable Threefry keys with samplers that
// take a key (`random.key`, `random.split`, `random.uniform`, ...), and numpy's legacy
// MT19937 stream as pure state passing (`random.numpy.seed`, `random.numpy.randn`, ...).

export { randomBits } from './bits.js'
export { foldIn, isKey, key, split, Key } from './key.js'
export {
  bernoulli,
  choice,
  normal,
  normalQuantile,
  permutation,
  uniform,
  type NormalOptions,
  type UniformOptions,
} from './samplers.js'
/**
 * numpy's legacy `RandomState` stream as an immutable value, replayed draw for draw.
 *
 * @category numpy stream
 */
export * as numpy from './numpy/index.js'
