// Fused losses: binary cross-entropy on logits and softmax cross-entropy, each taking logits and
// targets of one shape and returning their mean loss as a 1×1 matrix. Fusing the log with the
// sigmoid or softmax keeps them stable: no exponential overflows and no log of 0 is taken, so
// logits of ±1000 give finite values and gradients; each sits beside its typed builder. Laws: both
// are linear in the targets; the gradient with respect to the logits is (probabilities − targets)
// / count for targets that are probabilities (rows summing to 1, for the softmax).

import * as E from 'fp-ts/lib/Either.js'
import { rowMax, rowSums, sum as sumAll, type Matrix, type Shape } from '../../linalg/index.js'
import { unchecked } from '../../linalg/internal.js'
import { operation, type Expression } from '../expression.js'
import * as f from '../formula.js'
import { definePrimitive, plain, type Primitive } from '../primitive.js'
import { sigma, sigmoidPrimitive, softplusPrimitive } from './activations.js'
import { sameShapes } from './shapes.js'

/** The loss shape rule: both operands one shape, the result 1×1. */
const lossShape = (inputs: readonly [Shape, Shape]): E.Either<string, Shape> =>
  E.map(() => ({ rows: 1, cols: 1 }))(sameShapes(inputs))

/** n, the number of entries of the logits: the divisor of a mean over entries. */
const entries = f.count('entries', 'n')

/** m, the number of rows of the logits: the divisor of a mean over rows. */
const rows = f.count('rows', 'm')

/** log inside a formula, written before its argument: `log softmax(z)`, `\\log`. */
const logarithm: f.ScalarFunction = {
  at: Math.log,
  entry: (a) => plain(`log ${a.text}`, `\\log ${a.tex}`),
  array: (a) => plain(`log(${a.text})`, `\\log ${a.tex}`),
}

/** How many entries a matrix has. */
const countOf = (a: Matrix): number => a.rows * a.cols

/**
 * The mean over entries of the binary cross-entropy of sigmoid(z) against targets y, on logits z:
 * ℓ = max(z, 0) − z·y + log(1 + e^−|z|), which equals −[y log σ(z) + (1 − y) log(1 − σ(z))] but
 * never overflows (z = 1000 with y = 1 gives 0, with y = 0 gives 1000). Operands z and y share a
 * shape (m×1 typically), n entries; the value is 1×1. The VJP is g·(σ(z) − y)/n for z, with σ
 * computed stably, and −g·z/n for y; the JVP is Σ[(σ(z) − y) ⊙ t_z − z ⊙ t_y]/n.
 */
export const binaryCrossEntropyWithLogitsPrimitive: Primitive = definePrimitive({
  name: 'binaryCrossEntropyWithLogits',
  arity: 2,
  shape: lossShape,
  forward: ([z, y]) => {
    // softplus(z) = max(z, 0) + log1p(e^−|z|), computed stably by its own record
    const losses = unchecked.sub(softplusPrimitive.forward([z]), unchecked.mul(z, y))
    return unchecked.scalar(sumAll(losses) / countOf(z))
  },
  vjp: ([z, y], _output, cotangent) => {
    const share = unchecked.scalarOf(cotangent) / countOf(z)
    const residual = unchecked.sub(sigmoidPrimitive.forward([z]), y)
    return [unchecked.scale(residual, share), unchecked.scale(z, -share)]
  },
  jvp: ([z, y], _output, [dz, dy]) => {
    const residual = unchecked.sub(sigmoidPrimitive.forward([z]), y)
    const moved = unchecked.sub(unchecked.mul(residual, dz), unchecked.mul(z, dy))
    return unchecked.scalar(sumAll(moved) / countOf(z))
  },
  formula: ([z, y]) =>
    plain(
      `mean(max(${z}, 0) − ${z}·${y} + log(1 + exp(−|${z}|)))`,
      `\\overline{\\max(${z}, 0) - ${z} \\odot ${y} + \\log(1 + e^{-|${z}|})}`,
    ),
  // n the entries of z: (σ(z) − y)/n and −z/n
  derivativeTerms: [
    f.over(f.minus(f.apply(sigma, f.x), f.operand(1)), entries),
    f.negate(f.over(f.x, entries)),
  ],
})

/**
 * The mean binary cross-entropy of sigmoid(logits) against targets in [0, 1] (one shape, m×1
 * typically), computed on the logits as max(z, 0) − z·y + log(1 + e^−|z|): finite for logits of
 * ±1000. The gradient with respect to the logits is (σ(z) − y)/n.
 *
 * @category Operations
 * @example
 * import assert from 'node:assert'
 * import { graph, linalg } from 'gradfold'
 * const loss = graph.binaryCrossEntropyWithLogits(graph.input('Z', 4, 1), graph.input('Y', 4, 1))
 * assert.ok(loss.tag === 'operation' && loss.valueKind === 'scalar')
 * const value = loss.primitive.forward([linalg.fill(1, 1, 0), linalg.fill(1, 1, 1)])
 * assert.strictEqual(linalg.get(value, 0, 0), Math.LN2)
 */
export const binaryCrossEntropyWithLogits = (
  logits: Expression<'matrix'>,
  targets: Expression<'matrix'>,
): Expression<'scalar'> =>
  operation('scalar', binaryCrossEntropyWithLogitsPrimitive, [logits, targets])

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
export const softmaxCrossEntropyPrimitive: Primitive = definePrimitive({
  name: 'softmaxCrossEntropy',
  arity: 2,
  shape: lossShape,
  forward: ([z, y]) => {
    const { surprisals } = logSoftmaxOf(z)
    return unchecked.scalar(sumAll(unchecked.mul(y, surprisals)) / z.rows)
  },
  vjp: ([z, y], _output, cotangent) => {
    const share = unchecked.scalarOf(cotangent) / z.rows
    const { probabilities, surprisals } = logSoftmaxOf(z)
    const weighted = unchecked.mul(probabilities, unchecked.broadcast(rowSums(y), z.rows, z.cols))
    return [unchecked.scale(unchecked.sub(weighted, y), share), unchecked.scale(surprisals, share)]
  },
  jvp: ([z, y], _output, [dz, dy]) => {
    const { probabilities, surprisals } = logSoftmaxOf(z)
    const weighted = unchecked.mul(probabilities, unchecked.broadcast(rowSums(y), z.rows, z.cols))
    const moved = unchecked.add(
      unchecked.mul(unchecked.sub(weighted, y), dz),
      unchecked.mul(surprisals, dy),
    )
    return unchecked.scalar(sumAll(moved) / z.rows)
  },
  formula: ([z, y]) =>
    plain(
      `mean over rows of −Σⱼ ${y}·log softmax(${z})`,
      `-\\tfrac{1}{m} \\sum_{i,j} ${y}_{ij} \\log \\operatorname{softmax}(${z})_{ij}`,
    ),
  // m the rows of z: (softmax(z)·Σⱼ y − y)/m and −log softmax(z)/m
  derivativeTerms: [
    f.eachRow(f.over(f.minus(f.times(f.softmax(f.x), f.rowSum(f.operand(1))), f.operand(1)), rows)),
    f.negate(f.over(f.apply(logarithm, f.softmax(f.x)), rows)),
  ],
})

/**
 * The mean over rows of the cross-entropy −Σⱼ yᵢⱼ log softmax(z)ᵢⱼ of logits (m×k) against
 * targets (m×k, one-hot or probability rows), computed stably: logits [[1000, 0]] against
 * [[0, 1]] give 1000. The gradient with respect to the logits is (softmax(z) − y)/m for
 * probability rows.
 *
 * @category Operations
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph, linalg } from 'gradfold'
 * const loss = graph.softmaxCrossEntropy(graph.input('Z', 4, 3), graph.input('Y', 4, 3))
 * assert.ok(loss.tag === 'operation' && loss.primitive.name === 'softmaxCrossEntropy')
 * const z = linalg.fromRows([[1000, 0]])
 * const y = linalg.fromRows([[0, 1]])
 * assert.ok(E.isRight(z) && E.isRight(y))
 * assert.strictEqual(linalg.get(loss.primitive.forward([z.right, y.right]), 0, 0), 1000)
 */
export const softmaxCrossEntropy = (
  logits: Expression<'matrix'>,
  targets: Expression<'matrix'>,
): Expression<'scalar'> => operation('scalar', softmaxCrossEntropyPrimitive, [logits, targets])
