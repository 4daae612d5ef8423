// The kernel seam: one record of whole-buffer numeric routines that every linalg operation calls.
// Two backends implement it — the portable TypeScript kernels and the WebAssembly SIMD kernels
// (wasm/) — and `backend.ts` chooses one; callers never change. Laws: a kernel reads its inputs,
// writes only `out` (which never aliases an input, except that an element-wise kernel's `out`
// may be exactly one of its inputs), computes what its naive loop below the signature says, and
// every backend gives the portable kernel's result bit for bit.

import type { ReadonlyFloat64Array } from '../buffer.js'

/** Row-major dense kernels on raw buffers. Shapes are the caller's precondition. */
export interface Kernels {
  /** out[m×n] = a[m×k] · b[k×n]. */
  readonly matmul: (
    a: ReadonlyFloat64Array,
    b: ReadonlyFloat64Array,
    out: Float64Array,
    m: number,
    k: number,
    n: number,
  ) => void
  /** out[m×n] = aᵀ · b where a is k×m and b is k×n (the weight gradient Xᵀ·δ). */
  readonly matmulTransposeA: (
    a: ReadonlyFloat64Array,
    b: ReadonlyFloat64Array,
    out: Float64Array,
    m: number,
    k: number,
    n: number,
  ) => void
  /** out[m×n] = a · bᵀ where a is m×k and b is n×k (the back-propagated error δ·Wᵀ). */
  readonly matmulTransposeB: (
    a: ReadonlyFloat64Array,
    b: ReadonlyFloat64Array,
    out: Float64Array,
    m: number,
    k: number,
    n: number,
  ) => void
  /** out[cols×rows] = aᵀ for a of shape rows×cols. */
  readonly transpose: (
    a: ReadonlyFloat64Array,
    out: Float64Array,
    rows: number,
    cols: number,
  ) => void
  /** out[i] = a[i] + b[i]. */
  readonly add: (a: ReadonlyFloat64Array, b: ReadonlyFloat64Array, out: Float64Array) => void
  /** out[i] = a[i] − b[i]. */
  readonly sub: (a: ReadonlyFloat64Array, b: ReadonlyFloat64Array, out: Float64Array) => void
  /** out[i] = a[i] · b[i]. */
  readonly mul: (a: ReadonlyFloat64Array, b: ReadonlyFloat64Array, out: Float64Array) => void
  /** out[i] = a[i] / b[i]. */
  readonly div: (a: ReadonlyFloat64Array, b: ReadonlyFloat64Array, out: Float64Array) => void
  /** out[i] = factor · a[i]. */
  readonly scale: (a: ReadonlyFloat64Array, factor: number, out: Float64Array) => void
  /** out[r, c] = a[r, c] + row[c] for a of shape rows×cols. */
  readonly addRowVector: (
    a: ReadonlyFloat64Array,
    row: ReadonlyFloat64Array,
    out: Float64Array,
    rows: number,
    cols: number,
  ) => void
  /** Σ a[start + i·stride] for i < length, by numpy's pairwise summation. */
  readonly sum: (a: ReadonlyFloat64Array, start: number, length: number, stride: number) => number
  /** out[c] = Σ_r a[r, c], accumulated row after row (numpy's order for axis=0). */
  readonly columnSums: (
    a: ReadonlyFloat64Array,
    out: Float64Array,
    rows: number,
    cols: number,
  ) => void
  /** Σ a[i]·b[i] accumulated in index order. */
  readonly dot: (a: ReadonlyFloat64Array, b: ReadonlyFloat64Array) => number
}
