// The portable backend: every kernel written in plain TypeScript, single-threaded.
// It is the reference every other backend must agree with.

import { add, addRowVector, div, mul, scale, sub } from './elementwise.js'
import type { Kernels } from './kernels.js'
import { matmul, matmulTransposeA, matmulTransposeB } from './matmul.js'
import { columnSums, dot, sum } from './reduce.js'
import { transpose } from './transpose.js'

/** The plain-TypeScript kernels. */
export const portableKernels: Kernels = {
  matmul,
  matmulTransposeA,
  matmulTransposeB,
  transpose,
  add,
  sub,
  mul,
  div,
  scale,
  addRowVector,
  sum,
  columnSums,
  dot,
}
