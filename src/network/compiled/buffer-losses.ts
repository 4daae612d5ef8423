// The losses on raw buffers, for compiled plans: the value of a loss of predictions P against
// targets T (rows×cols, row-major) and its cotangent dL/dP, each repeating the graph that
// `lossExpression` builds operation for operation (sums in linalg's pairwise order, shares
// computed as the primitives compute them). Law: equal to the interpreter's loss and gradient.

import { logistic } from '../../graph/internal.js'
import { kernels } from '../../linalg/internal.js'
import { BCE_EPSILON, type LossName } from '../losses.js'

/** A loss's two loops; `scratch` holds rows×cols entries (the terms summed for the value). */
export interface BufferLoss {
  /**
   * L(P, T) over the first `rows` rows, its means taken over `total` rows: a shard of a batch
   * (total = the batch's rows) gives its share of the batch's loss, and the shares add up.
   */
  readonly value: (
    prediction: Float64Array,
    target: Float64Array,
    rows: number,
    cols: number,
    total: number,
  ) => number
  /** dL/dP into `out` (which may not alias P or T), for the same rows and total. */
  readonly cotangent: (
    prediction: Float64Array,
    target: Float64Array,
    out: Float64Array,
    rows: number,
    cols: number,
    total: number,
  ) => void
}

/** Σ of the first `length` entries in linalg's order, plus numpy's starting 0 (`linalg.sum`). */
const sumOf = (values: Float64Array, length: number): number =>
  0 + kernels.sum(values, 0, length, 1)

/** mean((P − T)²): the notebook's `np.mean((y_pred − y)**2)`; its cotangent (1/n)·(2·(P − T)). */
const meanSquaredError = (scratch: Float64Array): BufferLoss => ({
  value: (prediction, target, rows, cols, total) => {
    const count = rows * cols
    for (let i = 0; i < count; i++) {
      const difference = prediction[i]! - target[i]!
      scratch[i] = difference * difference
    }
    return sumOf(scratch, count) / (total * cols)
  },
  cotangent: (prediction, target, out, rows, cols, total) => {
    const count = rows * cols
    const share = 1 / (total * cols)
    for (let i = 0; i < count; i++) out[i] = share * (2 * (prediction[i]! - target[i]!))
  },
})

/** (1/(2m))·Σ(P − T)² over m rows; its cotangent (1/(2m))·(2·(P − T)). */
const halfMeanSquaredError = (scratch: Float64Array): BufferLoss => ({
  value: (prediction, target, rows, cols, total) => {
    const count = rows * cols
    for (let i = 0; i < count; i++) {
      const difference = prediction[i]! - target[i]!
      scratch[i] = difference * difference
    }
    return (1 / (2 * total)) * sumOf(scratch, count)
  },
  cotangent: (prediction, target, out, rows, cols, total) => {
    const count = rows * cols
    const factor = 1 / (2 * total)
    for (let i = 0; i < count; i++) out[i] = factor * (2 * (prediction[i]! - target[i]!))
  },
})

/** P clamped to [ε, 1 − ε], as binary cross-entropy reads it. */
const clampProbability = (p: number): number => Math.min(Math.max(p, BCE_EPSILON), 1 - BCE_EPSILON)

/**
 * −mean(T·log p + (1 − T)·log(1 − p)) with p = clamp(P, ε, 1 − ε); its cotangent runs the
 * graph's chain: share = −1/n, through the two logs and the clamp's 1 inside [ε, 1 − ε].
 */
const binaryCrossEntropy = (scratch: Float64Array): BufferLoss => ({
  value: (prediction, target, rows, cols, total) => {
    const count = rows * cols
    for (let i = 0; i < count; i++) {
      const p = clampProbability(prediction[i]!)
      const t = target[i]!
      scratch[i] = t * Math.log(p) + (1 - t) * Math.log(1 - p)
    }
    return -(sumOf(scratch, count) / (total * cols))
  },
  cotangent: (prediction, target, out, rows, cols, total) => {
    const count = rows * cols
    const share = -1 / (total * cols)
    for (let i = 0; i < count; i++) {
      const x = prediction[i]!
      const p = clampProbability(x)
      const t = target[i]!
      const throughLog = share * t * (1 / p)
      const throughComplement = share * (1 - t) * (1 / (1 - p)) * -1
      out[i] = (throughLog + throughComplement) * (x >= BCE_EPSILON && x <= 1 - BCE_EPSILON ? 1 : 0)
    }
  },
})

/** mean(softplus(z) − z·T) on logits z; its cotangent (σ(z) − T)·(1/n). */
const binaryCrossEntropyWithLogits = (scratch: Float64Array): BufferLoss => ({
  value: (logits, target, rows, cols, total) => {
    const count = rows * cols
    for (let i = 0; i < count; i++) {
      const z = logits[i]!
      scratch[i] = Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - z * target[i]!
    }
    return sumOf(scratch, count) / (total * cols)
  },
  cotangent: (logits, target, out, rows, cols, total) => {
    const count = rows * cols
    const share = 1 / (total * cols)
    for (let i = 0; i < count; i++) out[i] = share * (logistic(logits[i]!) - target[i]!)
  },
})

/**
 * mean over rows of −Σⱼ T·log softmax(z), by the stable log-softmax (rowMax shift, log of the
 * row's Σ exp); its cotangent (softmax(z)·ΣⱼT − T)·(1/m). `row` is a scratch row of `cols`.
 */
const softmaxCrossEntropy = (scratch: Float64Array, row: Float64Array): BufferLoss => {
  /** For row `start`: its maximum and Σ exp(z − max), the exponentials left in `row`. */
  const shiftedSum = (logits: Float64Array, start: number, cols: number): number => {
    let maximum = logits[start]!
    for (let col = 1; col < cols; col++) {
      const value = logits[start + col]!
      if (value > maximum) maximum = value
    }
    for (let col = 0; col < cols; col++) row[col] = Math.exp(logits[start + col]! - maximum)
    lastMaximum = maximum
    return 0 + kernels.sum(row, 0, cols, 1)
  }
  let lastMaximum = 0
  return {
    value: (logits, target, rows, cols, total) => {
      for (let start = 0; start < rows * cols; start += cols) {
        const sum = shiftedSum(logits, start, cols)
        const logSum = Math.log(sum)
        for (let col = 0; col < cols; col++) {
          const shifted = logits[start + col]! - lastMaximum
          scratch[start + col] = target[start + col]! * (logSum - shifted)
        }
      }
      return sumOf(scratch, rows * cols) / total
    },
    cotangent: (logits, target, out, rows, cols, total) => {
      const share = 1 / total
      for (let start = 0; start < rows * cols; start += cols) {
        const sum = shiftedSum(logits, start, cols)
        const targetSum = 0 + kernels.sum(target, start, cols, 1)
        for (let col = 0; col < cols; col++) {
          const probability = row[col]! / sum
          out[start + col] = share * (probability * targetSum - target[start + col]!)
        }
      }
    },
  }
}

/**
 * The loss's loops, with scratch for `capacity` entries (rows×cols at most) and one row of
 * `cols`. Each plan asks for its own (the loops keep their scratch).
 */
export const bufferLoss = (name: LossName, capacity: number, cols: number): BufferLoss => {
  const scratch = new Float64Array(capacity)
  switch (name) {
    case 'mse':
      return meanSquaredError(scratch)
    case 'halfMse':
      return halfMeanSquaredError(scratch)
    case 'binaryCrossEntropy':
      return binaryCrossEntropy(scratch)
    case 'binaryCrossEntropyWithLogits':
      return binaryCrossEntropyWithLogits(scratch)
    case 'softmaxCrossEntropy':
      return softmaxCrossEntropy(scratch, new Float64Array(cols))
  }
}
