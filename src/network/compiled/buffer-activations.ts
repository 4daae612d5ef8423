// The activations on raw buffers, for compiled plans: a = f(z) forward and dz = da ⊙ f′(z, a)
// backward, each loop calling the value and slope functions the graph primitives that `activate`
// builds declare (so a plan reproduces the interpreter's numbers, and no derivative is written
// twice). Law: equal to `activate`'s graph entry by entry (test/network/compiled checks it).

import * as primitives from '../../graph/internal.js'
import { kernels } from '../../linalg/internal.js'
import * as declared from '../activations.js'
import type { ActivationName } from '../activations.js'

// Module-local names for the primitives' value and slope functions and `activate`'s constants: an
// imported binding is read through its module cell (with a check that it is initialised) on every
// entry of a hot loop, a module's own constant is not. Same functions, same values, same speed as
// loops with the maths written out.
const {
  clampSlope,
  clampValue,
  eluSlope,
  eluValue,
  leakyReluSlope,
  leakyReluValue,
  logistic,
  rectify,
  reluSlope,
  sigmoidSlope,
  softplusValue,
  tanhSlope,
} = primitives
const { ELU_ALPHA, LEAKY_RELU_SLOPE, SIGMOID_CLIP } = declared

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
 * Each activation's loops are written out, calling the primitives' named functions, not built
 * from shared closures: a call through a closure per entry would box every result (a heap number
 * per entry and step), where a named function is inlined.
 */
const sigmoid: BufferActivation = {
  forward: (z, a, length) => {
    for (let index = 0; index < length; index++) {
      a[index] = logistic(clampValue(z[index]!, -SIGMOID_CLIP, SIGMOID_CLIP))
    }
  },
  backward: (da, z, a, dz, length) => {
    for (let index = 0; index < length; index++) {
      dz[index] =
        da[index]! * sigmoidSlope(a[index]!) * clampSlope(z[index]!, -SIGMOID_CLIP, SIGMOID_CLIP)
    }
  },
}

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
      for (let index = 0; index < length; index++) dz[index] = da[index]! * tanhSlope(a[index]!)
    },
  },
  relu: {
    forward: (z, a, length) => {
      for (let index = 0; index < length; index++) a[index] = rectify(z[index]!)
    },
    backward: (da, z, _a, dz, length) => {
      for (let index = 0; index < length; index++) dz[index] = da[index]! * reluSlope(z[index]!)
    },
  },
  leakyRelu: {
    forward: (z, a, length) => {
      for (let index = 0; index < length; index++)
        a[index] = leakyReluValue(z[index]!, LEAKY_RELU_SLOPE)
    },
    backward: (da, z, _a, dz, length) => {
      for (let index = 0; index < length; index++) {
        dz[index] = da[index]! * leakyReluSlope(z[index]!, LEAKY_RELU_SLOPE)
      }
    },
  },
  elu: {
    forward: (z, a, length) => {
      for (let index = 0; index < length; index++) a[index] = eluValue(z[index]!, ELU_ALPHA)
    },
    backward: (da, z, _a, dz, length) => {
      for (let index = 0; index < length; index++) {
        dz[index] = da[index]! * eluSlope(z[index]!, ELU_ALPHA)
      }
    },
  },
  softplus: {
    forward: (z, a, length) => {
      for (let index = 0; index < length; index++) a[index] = softplusValue(z[index]!)
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
