// Test-wide setup: fast-check's global settings (FC_SEED and FC_NUM_RUNS reproduce or deepen a
// run; a failing property prints its seed and path) and matrix equality for expect().toEqual.

import fc from 'fast-check'
import { expect } from 'vitest'
import { linalg } from '../src/index.js'

const seed = process.env.FC_SEED
const numRuns = process.env.FC_NUM_RUNS

fc.configureGlobal({
  numRuns: numRuns === undefined ? 100 : Number(numRuns),
  ...(seed === undefined ? {} : { seed: Number(seed) }),
})

expect.addEqualityTesters([
  (left: unknown, right: unknown): boolean | undefined =>
    linalg.isMatrix(left) && linalg.isMatrix(right) ? linalg.equals(left, right) : undefined,
])
