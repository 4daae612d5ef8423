// numpy's `linspace`, reproduced operation for operation so generated datasets match
// scikit-learn's bit for bit: y[i] = i · step + start, and with an endpoint the last is `stop`.

/**
 * `count` evenly spaced numbers from `start` to `stop` (included unless `endpoint` is false),
 * computed exactly as numpy computes them.
 *
 * @example
 * import assert from 'node:assert'
 * import { linspace } from './linspace.js'
 * assert.deepStrictEqual(linspace(0, 1, 5), [0, 0.25, 0.5, 0.75, 1])
 * assert.deepStrictEqual(linspace(0, 1, 4, false), [0, 0.25, 0.5, 0.75])
 */
export const linspace = (start: number, stop: number, count: number, endpoint = true): number[] => {
  const divisions = endpoint ? count - 1 : count
  if (divisions <= 0) return count === 1 ? [start] : []
  const step = (stop - start) / divisions
  const values = Array.from({ length: count }, (_, index) => index * step + start)
  if (endpoint && count > 1) values[count - 1] = stop
  return values
}
