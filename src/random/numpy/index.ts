// numpy's legacy `np.random` stream (MT19937 RandomState) as pure state passing: `seed` makes a
// state, every draw returns its values with the next state. Law: same state, same draws, as numpy.
//
// The Gaussian draws use a correctly rounded `log` (./log.ts) instead of V8's `Math.log`, so they
// match numpy's (glibc's `log`) to the last bit except where glibc itself misrounds, about 0.1%
// of calls; there a value differs by an ulp or two, well below 1e-15 (V8's Math.log would miss
// about 7% of calls: 268 of numpy's 280 randn(10, 7) values from four seeds, against all 280).

export {
  normal,
  permutation,
  randn,
  randomInterval,
  randomSample,
  shuffle,
  standardNormals,
} from './draws.js'
export {
  getState,
  isRandomState,
  RandomState,
  seed,
  type RandomStateSnapshot,
} from './random-state.js'
