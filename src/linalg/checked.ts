// Checked reads for indices that are in range unless gradfold's own code is wrong: a slip throws a
// RangeError naming the place and the index instead of reading `undefined` and going on with a
// made-up number. Public as `linalg.checked`, for gradfold's own layers and its CLI. Laws: a reader returns items[i] for every index that holds
// a value and throws for every other; it costs what `items[i] ?? fallback` costs. One reader per
// element type, so that each stays monomorphic (fast) where V8 inlines it; a hot loop binds its
// reader to a const of its own module (`const readWord = uint32At`), which V8 folds, where an
// imported binding is loaded again on every call.

import type { ReadonlyFloat64Array } from './buffer.js'

/** Any element type but `undefined`, which the readers take to mean "no element there". */
type Defined = string | number | bigint | boolean | symbol | object | null

/**
 * The error of a read that found no element: the index came from gradfold's own code (or from a
 * value gradfold made that was corrupted since), never from an option a user can get wrong.
 */
const missing = (where: string, index: number, length: number): RangeError =>
  new RangeError(`${where}: no entry at index ${index} of ${length}`)

/**
 * The element at `index`, which the calling code knows to be there; throws a RangeError naming
 * `where` and the index when it is not (out of range, fractional, or a hole). Meant for indices
 * computed by the code itself — input is checked and reported as a Left before it gets here.
 *
 * @example
 * import assert from 'node:assert'
 * import { at } from './checked.js'
 * assert.strictEqual(at(['a', 'b', 'c'], 2, 'letters'), 'c')
 * assert.throws(() => at(['a', 'b', 'c'], 3, 'letters'), /^RangeError: letters: no entry at index 3 of 3/)
 */
export const at = <T extends Defined>(items: ArrayLike<T>, index: number, where: string): T => {
  const item = items[index]
  if (item === undefined) throw missing(where, index, items.length)
  return item
}

/**
 * `at` for a Float64Array (a matrix's buffer): the entry at `index`, or a RangeError naming
 * `where` and the index.
 *
 * @example
 * import assert from 'node:assert'
 * import { float64At } from './checked.js'
 * assert.strictEqual(float64At(Float64Array.of(0.5, 1.5), 1, 'weights'), 1.5)
 * assert.throws(() => float64At(Float64Array.of(0.5), -1, 'weights'), /weights: no entry at index -1 of 1/)
 */
export const float64At = (items: ReadonlyFloat64Array, index: number, where: string): number => {
  const item = items[index]
  if (item === undefined) throw missing(where, index, items.length)
  return item
}

/**
 * `at` for a Uint32Array (random words, colours): the word at `index`, or a RangeError naming
 * `where` and the index.
 *
 * @example
 * import assert from 'node:assert'
 * import { uint32At } from './checked.js'
 * assert.strictEqual(uint32At(Uint32Array.of(7, 9), 0, 'words'), 7)
 * assert.throws(() => uint32At(Uint32Array.of(7, 9), 2, 'words'), /words: no entry at index 2 of 2/)
 */
export const uint32At = (items: Uint32Array, index: number, where: string): number => {
  const item = items[index]
  if (item === undefined) throw missing(where, index, items.length)
  return item
}

/**
 * `at` for a Uint16Array: the entry at `index`, or a RangeError naming `where` and the index.
 *
 * @example
 * import assert from 'node:assert'
 * import { uint16At } from './checked.js'
 * assert.strictEqual(uint16At(Uint16Array.of(300), 0, 'codes'), 300)
 * assert.throws(() => uint16At(Uint16Array.of(300), 0.5, 'codes'), /codes: no entry at index 0.5 of 1/)
 */
export const uint16At = (items: Uint16Array, index: number, where: string): number => {
  const item = items[index]
  if (item === undefined) throw missing(where, index, items.length)
  return item
}

/**
 * `at` for a Uint8Array (bytes, palette indices): the byte at `index`, or a RangeError naming
 * `where` and the index.
 *
 * @example
 * import assert from 'node:assert'
 * import { uint8At } from './checked.js'
 * assert.strictEqual(uint8At(Uint8Array.of(1, 255), 1, 'pixels'), 255)
 * assert.throws(() => uint8At(new Uint8Array(0), 0, 'pixels'), /pixels: no entry at index 0 of 0/)
 */
export const uint8At = (items: Uint8Array, index: number, where: string): number => {
  const item = items[index]
  if (item === undefined) throw missing(where, index, items.length)
  return item
}
