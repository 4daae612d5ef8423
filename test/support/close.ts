// Comparing numbers computed two ways (a fast path against its reference): every entry within
// 1e-12 relative (absolute below 1), the first one that is not named in the failure.

import { expect } from 'vitest'
import { graph, linalg } from '../../src/index.js'

/** Every entry of every leaf of a parameter tree, in the tree's order. */
export const flatLeaves = (tree: graph.Tree): number[] =>
  graph.leaves(tree).flatMap(([, leaf]) => linalg.toFlat(leaf))

/** |actual − expected| ≤ 1e-12·max(1, |expected|) entry by entry, and the same length. */
export const expectClose = (
  actual: readonly number[],
  expected: readonly number[],
  what: string,
): void => {
  expect(actual.length, what).toBe(expected.length)
  actual.forEach((value, index) => {
    const reference = expected[index]
    if (
      reference === undefined ||
      !(Math.abs(value - reference) <= 1e-12 * Math.max(1, Math.abs(reference)))
    ) {
      expect.fail(`${what}[${index}]: ${value}, expected ${String(reference)} to 1e-12`)
    }
  })
}
