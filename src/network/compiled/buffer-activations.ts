// The activations on raw buffers, for compiled plans: a = f(z) forward and dz = da ⊙ f′(z, a)
// backward, each written to repeat the graph primitives that `activate` builds, operation for
// operation (so a plan reproduces the interpreter's numbers). Law: equal to `activate`'s graph
// entry by entry (test/network/compiled checks it bit for bit on random inputs).

import { logistic } from '../../graph/primitives/activations.js'
import { kernels } from '../../linalg/backend.js'
import { SIGMOID_CLIP, type ActivationName } from '../activations.js'

/** An activation's two loops over the first `length` entries of row-major buffers `cols` wide. */
export interface BufferActivation {
  /** a = f(z); softmax works row by row. `a` may be `z` only for 'linear'. */
  readonly forward: (z: Float64Array, a: Float64Array, length: number, cols: number) => void
  /** dz = da ⊙ f′ at (z, a), the VJP of `forward`; `dz` may be `da` (entry i reads only entry i, or its row). */
  readonly backward: (
    da: Float64Array,
    z: Float64Array,
    a: Float64Array,
    dz: Float64Array,
    length: number,
    cols: number,
  ) => void
}

/**
 * The notebook's sigmoid: σ(clamp(z, −500, 500)). Backward runs the two primitives' rules in the
 * interpreter's order: first σ′ = y(1 − y), then the clamp's 1 on [−500, 500] and 0 outside.
 * Each activation's loops are written out, not built from shared closures: a call through a
 * closure per entry would box every result (a heap number per entry and step).
 */
const sigmoid: BufferActivation = {
  forward: (z, a, length) => {
    for (let index = 0; index < length; index++) {
      a[index] = logistic(Math.min(Math.max(z[index]!, -SIGMOID_CLIP), SIGMOID_CLIP))
    }
  },
  backward: (da, z, a, dz, length) => {
    for (let index = 0; index < length; index++) {
      const x = z[index]!
      const y = a[index]!
      dz[index] = da[index]! * (y * (1 - y)) * (x >= -SIGMOID_CLIP && x <= SIGMOID_CLIP ? 1 : 0)
    }
  },
}

/** Leaky ReLU's slope for a ≤ 0, as `activate` builds it. */
const LEAKY_SLOPE = 0.01
/** ELU's α, as `activate` builds it. */
const ELU_ALPHA = 1

/** Row-wise softmax; `scratch` (at least one row wide) holds a row's products w ⊙ y. */
const softmax = (scratch: Float64Array): BufferActivation => ({
  // e = exp(z − rowMax(z)), then e / rowSum(e), each row summed as linalg.rowSums sums (pairwise
  // for long rows is numpy's order; rows here are a layer's width, summed the same way)
  forward: (z, a, length, cols) => {
    for (let start = 0; start < length; start += cols) {
      let maximum = z[start]!
      for (let col = 1; col < cols; col++) {
        const value = z[start + col]!
        if (value > maximum) maximum = value
      }
      for (let col = 0; col < cols; col++) a[start + col] = Math.exp(z[start + col]! - maximum)
      const total = 0 + rowSum(a, start, cols)
      for (let col = 0; col < cols; col++) a[start + col] = a[start + col]! / total
    }
  },
  // y ⊙ (w − rowSum(w ⊙ y)), the products w ⊙ y gathered in the scratch row and summed as rowSums does
  backward: (da, _z, a, dz, length, cols) => {
    for (let start = 0; start < length; start += cols) {
      for (let col = 0; col < cols; col++) scratch[col] = da[start + col]! * a[start + col]!
      const total = 0 + rowSum(scratch, 0, cols)
      for (let col = 0; col < cols; col++) {
        dz[start + col] = a[start + col]! * (da[start + col]! - total)
      }
    }
  },
})

/** Σ of `length` consecutive entries from `start`, in linalg's pairwise order (`rowSums`'s). */
const rowSum = (values: Float64Array, start: number, length: number): number =>
  kernels.sum(values, start, length, 1)

/**
 * The activation's loops; `cols` is the layer's width (softmax keeps a scratch row of it, so
 * each plan asks for its own).
 */
export const bufferActivation = (name: ActivationName, cols: number): BufferActivation => {
  switch (name) {
    case 'sigmoid':
      return sigmoid
    case 'softmax':
      return softmax(new Float64Array(cols))
    default:
      return elementwiseActivations[name]
  }
}

const elementwiseActivations: Readonly<
  Record<Exclude<ActivationName, 'sigmoid' | 'softmax'>, BufferActivation>
> = {
  tanh: {
    forward: (z, a, length) => {
      for (let index = 0; index < length; index++) a[index] = Math.tanh(z[index]!)
    },
    backward: (da, _z, a, dz, length) => {
      for (let index = 0; index < length; index++) {
        const y = a[index]!
        dz[index] = da[index]! * (1 - y * y)
      }
    },
  },
  relu: {
    forward: (z, a, length) => {
      for (let index = 0; index < length; index++) a[index] = Math.max(z[index]!, 0)
    },
    backward: (da, z, _a, dz, length) => {
      for (let index = 0; index < length; index++) dz[index] = da[index]! * (z[index]! > 0 ? 1 : 0)
    },
  },
  leakyRelu: {
    forward: (z, a, length) => {
      for (let index = 0; index < length; index++) {
        const x = z[index]!
        a[index] = x > 0 ? x : LEAKY_SLOPE * x
      }
    },
    backward: (da, z, _a, dz, length) => {
      for (let index = 0; index < length; index++) {
        dz[index] = da[index]! * (z[index]! > 0 ? 1 : LEAKY_SLOPE)
      }
    },
  },
  elu: {
    forward: (z, a, length) => {
      for (let index = 0; index < length; index++) {
        const x = z[index]!
        a[index] = x > 0 ? x : ELU_ALPHA * Math.expm1(x)
      }
    },
    backward: (da, z, _a, dz, length) => {
      for (let index = 0; index < length; index++) {
        const x = z[index]!
        dz[index] = da[index]! * (x > 0 ? 1 : ELU_ALPHA * Math.exp(x))
      }
    },
  },
  softplus: {
    forward: (z, a, length) => {
      for (let index = 0; index < length; index++) {
        const x = z[index]!
        a[index] = Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)))
      }
    },
    backward: (da, z, _a, dz, length) => {
      for (let index = 0; index < length; index++) dz[index] = da[index]! * logistic(z[index]!)
    },
  },
  linear: {
    forward: (z, a, length) => {
      if (a !== z) a.set(z.subarray(0, length))
    },
    backward: (da, _z, _a, dz, length) => {
      if (dz !== da) dz.set(da.subarray(0, length))
    },
  },
}
