// The compiled losses' loops held to the graph: on random predictions and targets, each loss's
// value and cotangent dL/dP equal what the graph `lossExpression` builds computes, bit for bit; and
// softmax cross-entropy's cotangent loop — (softmax(z)·Σⱼ y − y)/m written out — equals the gradient
// the primitive's own derivative term gives (formula.gradientOf), so the loop cannot drift from
// the formula the primitive shows.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { graph, linalg, network } from '../../../src/index.js'
import { bufferLoss, type BufferLoss } from '../../../src/network/compiled/buffer-losses.js'
import { right } from '../../support/either.js'

interface LossCase {
  readonly name: network.LossName
  readonly rows: number
  readonly cols: number
  readonly prediction: Float64Array
  readonly target: Float64Array
}

const matrixOf = (rows: number, cols: number, entries: Float64Array): linalg.Matrix =>
  right(linalg.fromFlat(rows, cols, entries))

/** Entries for a loss's predictions: probabilities for binary cross-entropy, logits otherwise. */
const predictionEntry = (name: network.LossName): fc.Arbitrary<number> =>
  name === 'binaryCrossEntropy'
    ? fc.double({ min: 0.01, max: 0.99, noNaN: true })
    : fc.double({ min: -8, max: 8, noNaN: true })

const lossCases: fc.Arbitrary<LossCase> = fc
  .record({
    name: fc.constantFrom(...network.lossNames),
    rows: fc.integer({ min: 1, max: 5 }),
    cols: fc.integer({ min: 1, max: 4 }),
  })
  .chain(({ name, rows, cols }) =>
    fc.record({
      name: fc.constant(name),
      rows: fc.constant(rows),
      cols: fc.constant(cols),
      prediction: fc
        .array(predictionEntry(name), { minLength: rows * cols, maxLength: rows * cols })
        .map((values) => Float64Array.from(values)),
      target: fc
        .array(fc.double({ min: 0, max: 1, noNaN: true }), {
          minLength: rows * cols,
          maxLength: rows * cols,
        })
        .map((values) => Float64Array.from(values)),
    }),
  )

/** The loops' value and cotangent for one case, its mean over all its rows. */
const runLoops = (
  loops: BufferLoss,
  { rows, cols, prediction, target }: LossCase,
): { readonly value: number; readonly cotangent: Float64Array } => {
  const cotangent = new Float64Array(rows * cols)
  const value = loops.value(prediction, target, rows, cols, rows)
  loops.cotangent(prediction, target, cotangent, rows, cols, rows)
  return { value, cotangent }
}

describe('the compiled losses against lossExpression', () => {
  propertyTest.prop([lossCases], { numRuns: 300 })(
    'value and cotangent equal the graph’s, bit for bit',
    (lossCase) => {
      const { name, rows, cols, prediction, target } = lossCase
      const P = matrixOf(rows, cols, prediction)
      const Y = matrixOf(rows, cols, target)
      const expression = network.lossExpression(
        name,
        graph.input('P', rows, cols),
        graph.input('Y', rows, cols),
        { rows, cols },
      )
      const plan = right(graph.compile(expression))
      const { value, gradients } = right(graph.valueAndGradients(plan, { inputs: { P, Y } }))
      const loops = runLoops(bufferLoss(name, rows * cols, cols), lossCase)
      expect(loops.value).toBe(value)
      const { P: expected } = gradients.inputs
      if (expected === undefined) throw new Error('valueAndGradients gave no gradient for P')
      expect([...loops.cotangent]).toStrictEqual(linalg.toFlat(expected))
    },
  )
})

describe('softmax cross-entropy: the cotangent loop against its derivative term', () => {
  const { softmaxCrossEntropy } = graph.primitives
  const [logitsTerm] = softmaxCrossEntropy.derivativeTerms ?? []

  /** The gradient the primitive's term gives the logits, for an incoming gradient of 1. */
  const fromTerm = (rows: number, cols: number, logits: Float64Array, targets: Float64Array) => {
    if (logitsTerm === undefined) throw new Error('softmaxCrossEntropy has no derivative terms')
    const operands = [matrixOf(rows, cols, logits), matrixOf(rows, cols, targets)]
    return graph.formula.gradientOf(logitsTerm, {
      operands,
      output: softmaxCrossEntropy.forward(operands),
      incoming: linalg.ones(1, 1),
      operand: 0,
    })
  }

  propertyTest.prop([lossCases.filter(({ name }) => name === 'softmaxCrossEntropy')], {
    numRuns: 100,
  })('the loop’s dL/dz is (softmax(z)·Σⱼ y − y)/m to rounding', (lossCase) => {
    const { rows, cols, prediction, target } = lossCase
    const { cotangent } = runLoops(bufferLoss('softmaxCrossEntropy', rows * cols, cols), lossCase)
    const term = linalg.toFlat(right(fromTerm(rows, cols, prediction, target)))
    cotangent.forEach((value, index) => {
      const expected = linalg.checked.at(term, index, 'the term’s gradient')
      expect(Math.abs(value - expected)).toBeLessThanOrEqual(1e-15 + 1e-12 * Math.abs(expected))
    })
  })

  test('a loop that forgets the targets’ row sums is caught by its term', () => {
    // (softmax(z) − y)/m: the loop as it would read for rows of y summing to 1 only
    const forgetful = (z: Float64Array, y: Float64Array, rows: number, cols: number): number[] => {
      const out: number[] = []
      for (let start = 0; start < rows * cols; start += cols) {
        const row = [...z.subarray(start, start + cols)]
        const largest = Math.max(...row)
        const exponentials = row.map((value) => Math.exp(value - largest))
        const total = exponentials.reduce((sum, value) => sum + value, 0)
        exponentials.forEach((value, col) => {
          out.push((value / total - linalg.checked.float64At(y, start + col, 'targets')) / rows)
        })
      }
      return out
    }
    const logits = Float64Array.of(0.5, -1, 2)
    const targets = Float64Array.of(0.5, 0.25, 0.75)
    const term = linalg.toFlat(right(fromTerm(1, 3, logits, targets)))
    const loop = runLoops(bufferLoss('softmaxCrossEntropy', 3, 3), {
      name: 'softmaxCrossEntropy',
      rows: 1,
      cols: 3,
      prediction: logits,
      target: targets,
    })
    const distance = (values: readonly number[]): number =>
      Math.max(
        ...values.map((value, index) => Math.abs(value - linalg.checked.at(term, index, 'term'))),
      )
    expect(distance([...loop.cotangent])).toBeLessThan(1e-15)
    expect(distance(forgetful(logits, targets, 1, 3))).toBeGreaterThan(0.1)
  })
})
