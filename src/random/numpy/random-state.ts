// numpy's legacy RandomState as an immutable value: the MT19937 key, its position and the cached
// Gaussian, kept in private fields that no public API returns or writes. Law: a RandomState never
// changes; every draw copies it once into a private stream and hands back a new state.

import { initByArray, initGenrand, stateSize, type Mt19937 } from './mt19937.js'

/**
 * A private, mutable copy of a RandomState that one draw function works in: the generator plus
 * numpy's `has_gauss` / `gauss` cache. Internal; it never leaves the call that opened it.
 */
export interface Stream extends Mt19937 {
  hasGauss: boolean
  gauss: number
}

/** A plain copy of everything a RandomState holds, in the spirit of numpy's `get_state()`. */
export interface RandomStateSnapshot {
  /** The 624 words of the MT19937 key. */
  readonly key: readonly number[]
  /** Index of the next key word to temper; 624 means the key is twisted before the next draw. */
  readonly position: number
  /** True when a Gaussian is cached for the next normal draw (numpy's `has_gauss`). */
  readonly hasGauss: boolean
  /** The cached Gaussian, or 0 when there is none (numpy's `cached_gaussian`). */
  readonly gauss: number
}

const constructing = Symbol('RandomState')

let openStream: (state: RandomState) => Stream
let closeStream: (stream: Stream) => RandomState
let snapshotOf: (state: RandomState) => RandomStateSnapshot

/**
 * The immutable state of numpy's legacy `np.random.RandomState`: the MT19937 key, the position
 * in it and the cached Gaussian. Make one with `seed`; every draw function takes a state and
 * returns its values together with the next state, leaving the one it was given unchanged.
 *
 * @example
 * import { random } from 'gradfold'
 * import assert from 'node:assert'
 * const state = random.numpy.seed(42)
 * assert.ok(random.numpy.isRandomState(state))
 * assert.ok(Object.isFrozen(state))
 * assert.strictEqual(String(state), 'RandomState(MT19937, position 624)')
 */
export class RandomState {
  readonly #key: Uint32Array
  readonly #position: number
  readonly #hasGauss: boolean
  readonly #gauss: number

  private constructor(
    token: symbol,
    key: Uint32Array,
    position: number,
    hasGauss: boolean,
    gauss: number,
  ) {
    if (token !== constructing) throw new TypeError('RandomState: make one with seed(…)')
    this.#key = key
    this.#position = position
    this.#hasGauss = hasGauss
    this.#gauss = gauss
    Object.freeze(this)
  }

  static {
    openStream = (state) => ({
      key: state.#key.slice(),
      position: state.#position,
      hasGauss: state.#hasGauss,
      gauss: state.#gauss,
    })
    closeStream = (stream) =>
      new RandomState(constructing, stream.key, stream.position, stream.hasGauss, stream.gauss)
    snapshotOf = (state) => ({
      key: Array.from(state.#key),
      position: state.#position,
      hasGauss: state.#hasGauss,
      gauss: state.#gauss,
    })
  }

  /** JSON form: the snapshot, so `JSON.stringify` shows the whole state. */
  toJSON(): RandomStateSnapshot {
    return getState(this)
  }

  /** A short description for string contexts, e.g. `RandomState(MT19937, position 624)`. */
  toString(): string {
    return `RandomState(MT19937, position ${this.#position})`
  }
}

/**
 * Runs `draw` on a private copy of `state` (the 624-word key is copied once, whatever the number
 * of values drawn) and returns its result with the state the copy ended in. Internal: `draw` may
 * write only the stream it is handed, which nobody writes after this returns.
 */
export const run = <Result>(
  state: RandomState,
  draw: (stream: Stream) => Result,
): readonly [Result, RandomState] => {
  const stream = openStream(state)
  const result = draw(stream)
  return [result, closeStream(stream)]
}

const maxSeed = 0xffffffff

const requireSeedWord = (value: number, what: string): void => {
  if (!Number.isInteger(value) || value < 0 || value > maxSeed) {
    throw new RangeError(`seed: ${what} is ${value}, expected an integer from 0 to ${maxSeed}`)
  }
}

/**
 * The state of `np.random.seed(s)` / `np.random.RandomState(s)`, with no cached Gaussian.
 * An integer seed (0..2^32−1) uses init_genrand; a non-empty array of such integers uses
 * init_by_array, as numpy does. A seed outside that range is the caller's bug: RangeError.
 *
 * @example
 * import { random } from 'gradfold'
 * import assert from 'node:assert'
 * assert.deepStrictEqual(random.numpy.getState(random.numpy.seed(42)).key.slice(0, 3), [
 *   42, 3107752595, 1895908407,
 * ])
 * assert.strictEqual(random.numpy.getState(random.numpy.seed([1, 2, 3])).key[0], 2147483648)
 * assert.throws(() => random.numpy.seed(-1), RangeError)
 */
export const seed = (seedValue: number | readonly number[]): RandomState => {
  const stream: Stream = {
    key: new Uint32Array(stateSize),
    position: stateSize,
    hasGauss: false,
    gauss: 0,
  }
  if (typeof seedValue === 'number') {
    requireSeedWord(seedValue, 'seed')
    initGenrand(stream.key, seedValue)
  } else {
    if (seedValue.length === 0) {
      throw new RangeError('seed: the seed array is empty, expected at least one integer')
    }
    seedValue.forEach((word, index) => {
      requireSeedWord(word, `seed[${index}]`)
    })
    initByArray(stream.key, seedValue)
  }
  return closeStream(stream)
}

/**
 * True when `value` is a numpy-stream RandomState.
 *
 * @example
 * import { random } from 'gradfold'
 * import assert from 'node:assert'
 * assert.ok(random.numpy.isRandomState(random.numpy.seed(0)))
 * assert.ok(!random.numpy.isRandomState({ key: [], position: 624 }))
 */
export const isRandomState = (value: unknown): value is RandomState => value instanceof RandomState

/**
 * A fresh plain copy of what `state` holds: key, position and cached Gaussian, for tests,
 * teaching and comparison with numpy's `get_state()`. Changing the copy changes nothing else.
 *
 * @example
 * import { random } from 'gradfold'
 * import assert from 'node:assert'
 * const [, state] = random.numpy.standardNormals(random.numpy.seed(7), 3)
 * const { position, hasGauss, gauss } = random.numpy.getState(state)
 * assert.strictEqual(position, 12)
 * assert.ok(hasGauss && Math.abs(gauss) > 0)
 */
export const getState = (state: RandomState): RandomStateSnapshot => snapshotOf(state)
