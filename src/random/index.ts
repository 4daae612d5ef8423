// The public surface of gradfold's randomness layer: splittable Threefry keys with samplers that
// take a key (`random.key`, `random.split`, `random.uniform`, ...), and numpy's legacy
// MT19937 stream as pure state passing (`random.numpy.seed`, `random.numpy.randn`, ...).

export { foldIn, key, split, type Key } from './key.js'
export { bernoulli, choice, normal, permutation, uniform } from './samplers.js'
export * as numpy from './numpy/index.js'
