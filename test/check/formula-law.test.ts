// Checks the formula law: the derivative terms a primitive shows evaluate to what its VJP computes
// — 0 for the library's primitives, of order 1 for a term or a VJP that says something else — and
// checkPrimitive names the law when the two disagree.

import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import { graph, linalg } from '../../src/index.js'
import * as check from '../../src/check/index.js'
import { right } from '../support/either.js'
import { cubeWith, failureOf, hypot, matrix, timesSquare } from './support.js'

const { primitives } = graph

describe('formulaError', () => {
  const x = matrix([
    [0.5, -1.25],
    [2, 0.75],
  ])
  const u = matrix([
    [1, -0.5],
    [0.25, 2],
  ])

  test('is 0 for a primitive whose terms are what its VJP computes', () => {
    expect(check.formulaError(primitives.sigmoid, [x], u)).toBe(0)
    expect(check.formulaError(primitives.mul, [x, u], u)).toBe(0)
  })

  test('is of order 1 for a term that says something else than the VJP', () => {
    // a sigmoid whose record shows the derivative of tanh, 1 − y²
    const { formula } = graph
    const mislabelled: graph.Primitive = {
      ...primitives.sigmoid,
      derivativeTerms: [formula.minus(formula.one, formula.squared(formula.y))],
    }
    expect(check.formulaError(mislabelled, [x], u)).toBeGreaterThan(0.1)
    expect(
      check.formulaError(
        cubeWith((v) => 3 * v * v, timesSquare(2)),
        [x],
        u,
      ),
    ).toBeGreaterThan(0.1)
  })

  test('is at rounding level for every matrix primitive: its terms are what its VJP computes', () => {
    const a = matrix([
      [0.5, -1.25, 3],
      [2, 0.75, -0.5],
    ])
    const b = matrix([
      [1, -2],
      [0.5, 0.25],
      [-1, 3],
    ])
    const row = matrix([[0.5, -1, 2]])
    const probabilities = matrix([
      [0.2, 0.3, 0.5],
      [0.6, 0.4, 0],
    ])
    const cases: readonly (readonly [graph.Primitive, readonly linalg.Matrix[]])[] = [
      [primitives.matmul, [a, b]],
      [primitives.addRowVector, [a, row]],
      [primitives.transpose, [a]],
      [primitives.sum, [a]],
      [primitives.sumRows, [a]],
      [primitives.sumColumns, [a]],
      [primitives.mean, [a]],
      [primitives.softmaxRows, [a]],
      [primitives.logSumExpRows, [a]],
      [primitives.binaryCrossEntropyWithLogits, [a, probabilities]],
      [primitives.softmaxCrossEntropy, [a, a]],
    ]
    for (const [primitive, operands] of cases) {
      const shape = right(E.mapLeft(String)(primitive.shape(operands)))
      const u = linalg.generate(shape.rows, shape.cols, (i, j) => 1 + i - 0.5 * j)
      const error = check.formulaError(primitive, operands, right(u))
      expect(error, primitive.name).toBeLessThan(1e-14)
    }
  })

  test('a matrix primitive whose VJP drifted from its term breaks the law, however little', () => {
    const a = matrix([
      [0.5, -1.25, 3],
      [2, 0.75, -0.5],
    ])
    const b = matrix([[1], [0.5], [-1]])
    const u = matrix([[1], [-2]])
    const { matmul } = primitives
    // dB = Aᵀ·G, 1 + 10⁻⁶ times too large: far beyond rounding, far below what plots would show
    const drifted: graph.Primitive = {
      ...matmul,
      vjp: (inputs, output, g) => {
        const [da = g, db = g] = matmul.vjp(inputs, output, g)
        return [da, linalg.scale(db, 1 + 1e-6)]
      },
    }
    expect(check.formulaError(drifted, [a, b], u)).toBeGreaterThan(1e-7)
    expect(check.lawViolations(drifted, [a, b], u, [a, b])).toContainEqual(
      expect.stringMatching(
        /^matmul: its derivative terms \(x1ᵀ \(on the right\), x0ᵀ \(on the left\)\) disagree with its VJP/,
      ),
    )
  })

  test('a matrix primitive that shows the wrong formula breaks the law', () => {
    const { formula } = graph
    const a = matrix([
      [0.5, -1.25, 3],
      [2, 0.75, -0.5],
    ])
    const ones = linalg.ones(1, 1)
    // a mean divided by the rows only
    const perRow: graph.Primitive = {
      ...primitives.mean,
      derivativeTerms: [formula.everyEntry(formula.over(formula.one, formula.count('rows', 'm')))],
    }
    expect(check.formulaError(perRow, [a], ones)).toBeGreaterThan(0.1)
    // row sums whose gradient claims to spread along columns: the shapes do not even fit
    const sideways: graph.Primitive = {
      ...primitives.sumRows,
      derivativeTerms: [formula.everyEntry(formula.one, 'column')],
    }
    expect(check.formulaError(sideways, [a], linalg.ones(2, 1))).toBe(Number.POSITIVE_INFINITY)
    expect(check.lawViolations(sideways, [a], linalg.ones(2, 1), [a])).toContainEqual(
      'sumRows: its derivative terms (1 (every entry of its column)) cannot be held to its VJP: operand 0: every entry of its column: the incoming gradient is 2×1, expected 1×3 for an operand of 2×3',
    )
    // softmax's Jacobian without its outer product
    const diagonalOnly: graph.Primitive = {
      ...primitives.softmaxRows,
      derivativeTerms: [formula.eachRow(formula.diag(formula.y))],
    }
    expect(check.formulaError(diagonalOnly, [a], a)).toBeGreaterThan(0.1)
    // softmax cross-entropy's logit gradient without the row sums of the targets, for targets
    // whose rows do not sum to 1
    const { softmaxCrossEntropy } = primitives
    const targetsTerm = softmaxCrossEntropy.derivativeTerms?.[1]
    if (targetsTerm === undefined)
      throw new Error('softmaxCrossEntropy has no term for its targets')
    const forgetful: graph.Primitive = {
      ...softmaxCrossEntropy,
      derivativeTerms: [
        formula.eachRow(
          formula.over(
            formula.minus(formula.softmax(formula.x), formula.operand(1)),
            formula.count('rows', 'm'),
          ),
        ),
        targetsTerm,
      ],
    }
    expect(check.formulaError(forgetful, [a, a], ones)).toBeGreaterThan(0.1)
  })

  test('is undefined for a primitive that writes its derivatives as text only', () => {
    expect(check.formulaError(hypot, [x, u], u)).toBeUndefined()
  })

  test('a cotangent of the wrong shape is a RangeError', () => {
    expect(() => check.formulaError(primitives.sigmoid, [x], linalg.ones(1, 2))).toThrow(RangeError)
  })
})

describe('checkPrimitive names the formula law', () => {
  test('for a matrix primitive: a mean that shows 1/m for 1/(m·n)', () => {
    const { formula } = graph
    const perRow: graph.Primitive = {
      ...primitives.mean,
      derivativeTerms: [formula.everyEntry(formula.over(formula.one, formula.count('rows', 'm')))],
    }
    const operands = check.sizedOperands(2, ([rows]) => [{ rows, cols: 2 }])
    expect(failureOf(perRow, operands)).toMatch(
      /mean: its derivative terms \(1\/m \(every entry\)\) disagree with its VJP/,
    )
  })

  test('a derivative term that is not what the VJP computes breaks the formula law', () => {
    // code right, formula wrong: the finite differences pass, the shown formula lies
    const message = failureOf(cubeWith((x) => 3 * x * x, timesSquare(2)))
    expect(message).toMatch(/cube: its derivative terms \(2·x0²\) disagree with its VJP/)
    expect(message).not.toMatch(/finite differences/)
    // code wrong, formula right: the formula law catches it even where finite differences cannot
    expect(failureOf(cubeWith((x) => 2 * x * x))).toMatch(/cube: its derivative terms \(3·x0²\)/)
  })
})
