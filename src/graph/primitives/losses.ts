// Fused losses: binary cross-entropy on logits and softmax cross-entropy, each taking logits and
// targets of one shape and returning their mean loss as a 1×1 matrix. Fusing the log with the
// sigmoid or softmax keeps them stable: no exponential overflows and no log of 0 is taken, so
// logits of ±1000 give finite values and gradients. Laws: both are linear in the targets; the
// gradient with respect to the logits is (probabilities − targets) / count for targets that are
// probabilities (rows summing to 1, for the softmax).

import * as E from 'fp-ts/lib/Either.js'
import { rowMax, rowSums, sum as sumAll, type Matrix } from '../../linalg/index.js'
import * as unchecked from '../../linalg/unchecked.js'
import { definePrimitive, plain, type Primitive } from '../primitive.js'
import { sigmoid, softplus } from './activations.js'
import { argumentAt, operand } from './elementwise.js'
import { sameShapes } from './shapes.js'

/** The loss shape rule: both operands one shape, the result 1×1. */
const lossShape: Primitive['shape'] = (inputs) =>
  E.map(() => ({ rows: 1, cols: 1 }))(sameShapes(inputs))

/** How many entries a matrix has. */
const countOf = (a: Matrix): number => a.rows * a.cols

/**
 * The mean over entries of the binary cross-entropy of sigmoid(z) against targets y, on logits z:
 * ℓ = max(z, 0) − z·y + log(1 + e^−|z|), which equals −[y log σ(z) + (1 − y) log(1 − σ(z))] but
 * never overflows (z = 1000 with y = 1 gives 0, with y = 0 gives 1000). Operands z and y share a
 * shape (m×1 typically), n entries; the value is 1×1. The VJP is g·(σ(z) − y)/n for z, with σ
 * computed stably, and −g·z/n for y; the JVP is Σ[(σ(z) − y) ⊙ t_z − z ⊙ t_y]/n.
 */
export const binaryCrossEntropyWithLogits: Primitive = definePrimitive({
  name: 'binaryCrossEntropyWithLogits',
  arity: 2,
  shape: lossShape,
  forward: (inputs) => {
    const z = operand(inputs, 0)
    const y = operand(inputs, 1)
    // softplus(z) = max(z, 0) + log1p(e^−|z|), computed stably by its own record
    const losses = unchecked.sub(softplus.forward([z]), unchecked.mul(z, y))
    return unchecked.scalar(sumAll(losses) / countOf(z))
  },
  vjp: (inputs, _output, cotangent) => {
    const z = operand(inputs, 0)
    const y = operand(inputs, 1)
    const share = unchecked.scalarOf(cotangent) / countOf(z)
    const residual = unchecked.sub(sigmoid.forward([z]), y)
    return [unchecked.scale(residual, share), unchecked.scale(z, -share)]
  },
  jvp: (inputs, _output, tangents) => {
    const z = operand(inputs, 0)
    const y = operand(inputs, 1)
    const residual = unchecked.sub(sigmoid.forward([z]), y)
    const moved = unchecked.sub(
      unchecked.mul(residual, operand(tangents, 0)),
      unchecked.mul(z, operand(tangents, 1)),
    )
    return unchecked.scalar(sumAll(moved) / countOf(z))
  },
  formula: (args) => {
    const z = argumentAt(args, 0)
    const y = argumentAt(args, 1)
    return plain(
      `mean(max(${z}, 0) − ${z}·${y} + log(1 + exp(−|${z}|)))`,
      `\\overline{\\max(${z}, 0) - ${z} \\odot ${y} + \\log(1 + e^{-|${z}|})}`,
    )
  },
  derivatives: (args) => {
    const z = argumentAt(args, 0)
    const y = argumentAt(args, 1)
    return [
      plain(`(σ(${z}) − ${y})/n`, `\\tfrac{1}{n}(\\sigma(${z}) - ${y})`),
      plain(`−${z}/n`, `-\\tfrac{1}{n}${z}`),
    ]
  },
})

/** The pieces of a stable row-wise log-softmax of z. */
interface LogSoftmax {
  /** softmax(z), each row. */
  readonly probabilities: Matrix
  /** −log softmax(z) = (rowMax − z) + log Σ exp(z − rowMax), each entry; ≥ 0 and finite. */
  readonly surprisals: Matrix
}

const logSoftmaxOf = (z: Matrix): LogSoftmax => {
  const shifted = unchecked.sub(z, unchecked.broadcast(rowMax(z), z.rows, z.cols))
  const exponentials = unchecked.map(shifted, Math.exp)
  const sums = rowSums(exponentials)
  return {
    probabilities: unchecked.div(exponentials, unchecked.broadcast(sums, z.rows, z.cols)),
    surprisals: unchecked.sub(
      unchecked.broadcast(unchecked.map(sums, Math.log), z.rows, z.cols),
      shifted,
    ),
  }
}

/**
 * The mean over the m rows of the cross-entropy −Σⱼ yᵢⱼ log softmax(z)ᵢⱼ of logits z against
 * targets y (both m×k; y one-hot or any probability rows), as 1×1. Each −log softmax(z)ᵢⱼ is
 * computed as (maxᵢ − zᵢⱼ) + log Σₖ exp(zᵢₖ − maxᵢ), so logits [[1000, 0]] against [[0, 1]] give
 * 1000, finite. For rows of y summing to 1 the value is logSumExp(zᵢ) − Σⱼ yᵢⱼ zᵢⱼ averaged; for
 * general y it stays −Σ y log softmax(z) / m, linear in y. The VJP is
 * g·(softmax(z) ⊙ rowSum(y) − y)/m for z — (softmax(z) − y)/m for probability rows — and
 * −g·log softmax(z)/m for y; the JVP applies the same Jacobian to the tangents.
 */
export const softmaxCrossEntropy: Primitive = definePrimitive({
  name: 'softmaxCrossEntropy',
  arity: 2,
  shape: lossShape,
  forward: (inputs) => {
    const z = operand(inputs, 0)
    const y = operand(inputs, 1)
    const { surprisals } = logSoftmaxOf(z)
    return unchecked.scalar(sumAll(unchecked.mul(y, surprisals)) / z.rows)
  },
  vjp: (inputs, _output, cotangent) => {
    const z = operand(inputs, 0)
    const y = operand(inputs, 1)
    const share = unchecked.scalarOf(cotangent) / z.rows
    const { probabilities, surprisals } = logSoftmaxOf(z)
    const weighted = unchecked.mul(probabilities, unchecked.broadcast(rowSums(y), z.rows, z.cols))
    return [unchecked.scale(unchecked.sub(weighted, y), share), unchecked.scale(surprisals, share)]
  },
  jvp: (inputs, _output, tangents) => {
    const z = operand(inputs, 0)
    const y = operand(inputs, 1)
    const { probabilities, surprisals } = logSoftmaxOf(z)
    const weighted = unchecked.mul(probabilities, unchecked.broadcast(rowSums(y), z.rows, z.cols))
    const moved = unchecked.add(
      unchecked.mul(unchecked.sub(weighted, y), operand(tangents, 0)),
      unchecked.mul(surprisals, operand(tangents, 1)),
    )
    return unchecked.scalar(sumAll(moved) / z.rows)
  },
  formula: (args) => {
    const z = argumentAt(args, 0)
    const y = argumentAt(args, 1)
    return plain(
      `mean over rows of −Σⱼ ${y}·log softmax(${z})`,
      `-\\tfrac{1}{m} \\sum_{i,j} ${y}_{ij} \\log \\operatorname{softmax}(${z})_{ij}`,
    )
  },
  derivatives: (args) => {
    const z = argumentAt(args, 0)
    const y = argumentAt(args, 1)
    return [
      plain(
        `(softmax(${z})·Σⱼ ${y} − ${y})/m (each row)`,
        `\\tfrac{1}{m}(\\operatorname{softmax}(${z}) \\textstyle\\sum_j ${y}_{ij} - ${y})`,
      ),
      plain(`−log softmax(${z})/m`, `-\\tfrac{1}{m}\\log \\operatorname{softmax}(${z})`),
    ]
  },
})
