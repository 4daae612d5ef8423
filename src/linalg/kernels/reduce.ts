// Portable reduction kernels that sum the way numpy does, so totals agree with the notebook's:
// pairwise summation (8 accumulators, blocks of 128) along a contiguous or strided run, and
// row-after-row accumulation for column sums (numpy's order for `sum(axis=0)`).
// Law: each equals the exact sum up to rounding error O(log n · ε · Σ|a|) for pairwise.

import type { ReadonlyFloat64Array } from '../buffer.js'

const blockSize = 128

/** One block of numpy's pairwise sum: a plain loop below 8 terms, else eight accumulators. */
const blockSum = (
  a: ReadonlyFloat64Array,
  start: number,
  length: number,
  stride: number,
): number => {
  if (length < 8) {
    let total = 0
    for (let i = 0; i < length; i++) total += a[start + i * stride]!
    return total
  }
  let r0 = a[start]!
  let r1 = a[start + stride]!
  let r2 = a[start + 2 * stride]!
  let r3 = a[start + 3 * stride]!
  let r4 = a[start + 4 * stride]!
  let r5 = a[start + 5 * stride]!
  let r6 = a[start + 6 * stride]!
  let r7 = a[start + 7 * stride]!
  const whole = length - (length % 8)
  let i = 8
  for (; i < whole; i += 8) {
    const base = start + i * stride
    r0 += a[base]!
    r1 += a[base + stride]!
    r2 += a[base + 2 * stride]!
    r3 += a[base + 3 * stride]!
    r4 += a[base + 4 * stride]!
    r5 += a[base + 5 * stride]!
    r6 += a[base + 6 * stride]!
    r7 += a[base + 7 * stride]!
  }
  let total = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7))
  for (; i < length; i++) total += a[start + i * stride]!
  return total
}

/** Deepest split: each halves the run, so 64 levels cover any length a buffer can have. */
const MAXIMUM_DEPTH = 64
// The pairwise tree walked with explicit stacks instead of recursion (a recursive call returns
// its double boxed, one heap number per block: 1 600 of them for a 784×128 gradient). Kernels
// are synchronous and never re-entered, so one set of stacks serves every call.
const pendingStarts = new Float64Array(MAXIMUM_DEPTH)
const pendingLengths = new Float64Array(MAXIMUM_DEPTH)
const pendingPhases = new Int32Array(MAXIMUM_DEPTH)
const partialSums = new Float64Array(MAXIMUM_DEPTH)

/**
 * Σ a[start + i·stride] for i < length, by numpy's `pairwise_sum`: below 8 terms a plain loop;
 * up to 128 terms eight interleaved accumulators combined as a tree; above, split in two halves
 * at a multiple of 8, each summed the same way, and the two added.
 */
export const sum = (
  a: ReadonlyFloat64Array,
  start: number,
  length: number,
  stride: number,
): number => {
  if (length <= blockSize) return blockSum(a, start, length, stride)
  let depth = 1
  let sums = 0
  pendingStarts[0] = start
  pendingLengths[0] = length
  pendingPhases[0] = 0
  while (depth > 0) {
    const top = depth - 1
    const nodeStart = pendingStarts[top]!
    const nodeLength = pendingLengths[top]!
    if (nodeLength <= blockSize) {
      partialSums[sums++] = blockSum(a, nodeStart, nodeLength, stride)
      depth--
      continue
    }
    let half = Math.floor(nodeLength / 2)
    half -= half % 8
    const phase = pendingPhases[top]!
    if (phase === 0) {
      // the first half
      pendingPhases[top] = 1
      pendingStarts[depth] = nodeStart
      pendingLengths[depth] = half
      pendingPhases[depth] = 0
      depth++
    } else if (phase === 1) {
      // the second half
      pendingPhases[top] = 2
      pendingStarts[depth] = nodeStart + half * stride
      pendingLengths[depth] = nodeLength - half
      pendingPhases[depth] = 0
      depth++
    } else {
      // both halves are summed: first + second
      const second = partialSums[--sums]!
      const first = partialSums[--sums]!
      partialSums[sums++] = first + second
      depth--
    }
  }
  return partialSums[0]!
}

/** out[c] = 0 + Σ_r a[r, c], adding one row after another (numpy's order for `sum(axis=0)`). */
export const columnSums = (
  a: ReadonlyFloat64Array,
  out: Float64Array,
  rows: number,
  cols: number,
): void => {
  out.fill(0)
  for (let r = 0; r < rows; r++) {
    const offset = r * cols
    for (let c = 0; c < cols; c++) out[c] = out[c]! + a[offset + c]!
  }
}

/** Σ a[i]·b[i] accumulated in index order. */
export const dot = (a: ReadonlyFloat64Array, b: ReadonlyFloat64Array): number => {
  let total = 0
  for (let index = 0; index < a.length; index++) total += a[index]! * b[index]!
  return total
}

/**
 * Each row's largest entry and its column, for a of shape rows×cols (cols ≥ 1): maxima[r] and
 * columns[r]. Ties go to the first column, as numpy's argmax; a NaN wins only in column 0 (no
 * entry compares greater than it, and it compares greater than none).
 *
 * @example
 * import assert from 'node:assert'
 * import { rowArgmax } from './reduce.js'
 * const columns = new Float64Array(2)
 * const maxima = new Float64Array(2)
 * rowArgmax(Float64Array.from([1, 5, 5, 7, -3, -2]), 2, 3, columns, maxima)
 * assert.deepStrictEqual([Array.from(columns), Array.from(maxima)], [[1, 0], [5, 7]])
 */
export const rowArgmax = (
  a: ReadonlyFloat64Array,
  rows: number,
  cols: number,
  columns: Float64Array,
  maxima: Float64Array,
): void => {
  for (let r = 0; r < rows; r++) {
    const offset = r * cols
    let best = 0
    let bestValue = a[offset]!
    for (let c = 1; c < cols; c++) {
      const value = a[offset + c]!
      if (value > bestValue) {
        best = c
        bestValue = value
      }
    }
    columns[r] = best
    maxima[r] = bestValue
  }
}
