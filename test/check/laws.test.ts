// Checks the laws helpers: checkPrimitive passes on correct primitives and throws — naming the
// law — on deliberately wrong ones (a flipped VJP, a JVP that is not the adjoint, a wrong
// derivative, a derivative term that says something else than the VJP, a fast loop that drifted
// from its declared rule, a forward that writes its operand, a shape rule that lies); the plain
// error functions; and the operand arbitraries.

import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { graph, linalg } from '../../src/index.js'
import * as check from '../../src/check/index.js'
import { entryIn } from '../../src/check/laws.js'
import { bufferOf } from '../../src/linalg/matrix.js'
import { right } from '../support/either.js'

const { primitives } = graph

const matrix = (rows: number[][]): linalg.Matrix => right(linalg.fromRows(rows))

/** √(a² + b²) entry by entry: a correct two-operand primitive written from scratch. */
const hypot: graph.Primitive = graph.definePrimitive({
  name: 'hypot',
  arity: 2,
  shape: primitives.sameShapes,
  forward: ([a, b]) => right(linalg.zipWith(a, b, (x, y) => Math.hypot(x, y))),
  vjp: ([a, b], h, g) => [
    right(linalg.mul(g, right(linalg.div(a, h)))),
    right(linalg.mul(g, right(linalg.div(b, h)))),
  ],
  jvp: ([a, b], h, [da, db]) =>
    right(linalg.div(right(linalg.add(right(linalg.mul(a, da)), right(linalg.mul(b, db)))), h)),
  formula: ([a, b]) => graph.plain(`hypot(${a}, ${b})`),
  derivatives: ([a, b], h) => [graph.plain(`${a}/${h}`), graph.plain(`${b}/${h}`)],
})

const { formula } = graph

/** c·x², the term of a derivative c·x² (3x² for the cube). */
const timesSquare = (c: number): graph.formula.Term =>
  formula.times(formula.number(c), formula.squared(formula.x))

/** x³ through the element-wise builder, with the derivative given (and the term it shows). */
const cubeWith = (
  derivative: (x: number) => number,
  derivativeFormula: graph.formula.Term = timesSquare(3),
): graph.Primitive =>
  primitives.elementwise({
    name: 'cube',
    apply: (x) => x * x * x,
    derivative,
    formula: (a) => graph.plain(`${a}³`),
    derivativeFormula,
  })

const cube = cubeWith((x) => 3 * x * x)

const twoOfOneShape = check.sizedOperands(
  2,
  ([rows, cols]) => [
    { rows, cols },
    { rows, cols },
  ],
  { avoid: [0], margin: 0.1 },
)
const oneOperand = check.sizedOperands(2, ([rows, cols]) => [{ rows, cols }])

/** The message checkPrimitive throws (failing the test when it does not throw). */
const failureOf = (primitive: graph.Primitive, operands = oneOperand, seed = 42): string => {
  try {
    check.checkPrimitive(primitive, operands, { numRuns: 50, seed })
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
  throw new Error(`checkPrimitive accepted ${primitive.name}`)
}

describe('checkPrimitive passes on correct primitives', () => {
  test('a two-operand primitive written from scratch', () => {
    check.checkPrimitive(hypot, twoOfOneShape)
  })

  test('an element-wise primitive from the builder', () => {
    check.checkPrimitive(cube, oneOperand)
  })

  test('a primitive whose value ignores an operand (its gradient there is exactly 0)', () => {
    // 7·a ignores b. Nudging b moves no output, so the numeric derivative must be exactly 0 — not
    // the stencil's rounding of 7a − 56a + 56a − 7a, which would read as a relative error of 1.
    const firstTimesSeven = graph.definePrimitive({
      name: 'firstTimesSeven',
      arity: 2,
      shape: ([first]) => E.right(first),
      forward: ([a]) => linalg.scale(a, 7),
      vjp: ([, b], _output, cotangent) => [
        linalg.scale(cotangent, 7),
        linalg.zeros(b.rows, b.cols),
      ],
      jvp: (_inputs, _output, [da]) => linalg.scale(da, 7),
      formula: ([a]) => graph.plain(`7·${a}`),
      derivatives: () => [graph.plain('7'), graph.plain('0')],
    })
    check.checkPrimitive(firstTimesSeven, twoOfOneShape)
  })

  test('runs 200 cases unless told otherwise, each calling the VJP three times', () => {
    let calls = 0
    const counted: graph.Primitive = {
      ...cube,
      vjp: (inputs, output, cotangent) => {
        calls++
        return cube.vjp(inputs, output, cotangent)
      },
    }
    check.checkPrimitive(counted, oneOperand)
    expect(calls).toBe(3 * 200)
    calls = 0
    check.checkPrimitive(counted, oneOperand, { numRuns: 7 })
    expect(calls).toBe(3 * 7)
  })
})

describe('checkPrimitive fails on wrong primitives, naming the law', () => {
  test('a VJP with the wrong sign breaks the finite-difference law (and adjointness)', () => {
    const flipped: graph.Primitive = {
      ...hypot,
      vjp: (inputs, output, g) => hypot.vjp(inputs, output, linalg.negate(g)),
    }
    expect(failureOf(flipped, twoOfOneShape)).toMatch(
      /hypot: the VJP for operand 0 disagrees with central finite differences/,
    )
    // fast-check shrinks to tangents of 0, where adjointness holds trivially; with others it fails
    const [a, b, u] = [matrix([[3, -1]]), matrix([[4, 2]]), matrix([[1, 0.5]])]
    const problems = check.lawViolations(flipped, [a, b], u, [u, u])
    expect(problems).toHaveLength(3)
    expect(problems[2]).toMatch(/hypot: the VJP and the JVP are not adjoint/)
  })

  test('a JVP twice too large breaks its finite differences and adjointness, not the VJP’s', () => {
    const doubled: graph.Primitive = {
      ...hypot,
      jvp: (inputs, output, tangents) => linalg.scale(hypot.jvp(inputs, output, tangents), 2),
    }
    const message = failureOf(doubled, twoOfOneShape)
    expect(message).toMatch(
      /hypot: the JVP disagrees with central finite differences along the tangents/,
    )
    expect(message).not.toMatch(/the VJP for operand/)
    const [a, b, u] = [matrix([[3, -1]]), matrix([[4, 2]]), matrix([[1, 0.5]])]
    expect(check.lawViolations(doubled, [a, b], u, [u, u])).toStrictEqual([
      expect.stringMatching(/hypot: the JVP disagrees with central finite differences/),
      expect.stringMatching(/hypot: the VJP and the JVP are not adjoint/),
    ])
  })

  test('a JVP that forgets one operand disagrees with finite differences along the tangents', () => {
    const partial: graph.Primitive = {
      ...hypot,
      jvp: (inputs, output, [da = output]) =>
        hypot.jvp(inputs, output, [da, linalg.zeros(da.rows, da.cols)]),
    }
    expect(failureOf(partial, twoOfOneShape)).toMatch(
      /hypot: the JVP disagrees with central finite differences/,
    )
    // and at a case where the forgotten operand moves, it is not the adjoint either
    const [a, b] = [matrix([[3, -1]]), matrix([[4, 2]])]
    expect(check.lawViolations(partial, [a, b], matrix([[1, 1]]), [a, b])).toContainEqual(
      expect.stringMatching(/not adjoint/),
    )
  })

  test('a wrong derivative shared by VJP, JVP and term keeps adjointness but fails finite differences', () => {
    const message = failureOf(cubeWith((x) => 2 * x * x, timesSquare(2)))
    expect(message).toMatch(/cube: the (VJP for operand 0|JVP) disagrees with central finite/)
    expect(message).not.toMatch(/adjoint|derivative terms/)
  })

  test('a derivative term that is not what the VJP computes breaks the formula law', () => {
    // code right, formula wrong: the finite differences pass, the shown formula lies
    const message = failureOf(cubeWith((x) => 3 * x * x, timesSquare(2)))
    expect(message).toMatch(/cube: its derivative terms \(2·x0²\) disagree with its VJP/)
    expect(message).not.toMatch(/finite differences/)
    // code wrong, formula right: the formula law catches it even where finite differences cannot
    expect(failureOf(cubeWith((x) => 2 * x * x))).toMatch(/cube: its derivative terms \(3·x0²\)/)
  })

  test('a fast loop that drifted from its declared derivative breaks the fast-path law', () => {
    const { sigmoid } = primitives
    // sigmoid's record, its VJP replaced by loops computing g ⊙ 42y: its declared rule says y(1 − y)
    const drifted: graph.Primitive = {
      ...sigmoid,
      vjp: (_inputs, y, g) => [right(linalg.mul(g, linalg.scale(y, 42)))],
    }
    const message = failureOf(drifted, check.operandsOf([{ rows: 2, cols: 2 }]))
    expect(message).toMatch(/sigmoid: the fast VJP for operand 0 differs from its declared rule/)
    expect(message).toMatch(/sigmoid: the VJP for operand 0 disagrees with central finite/)
  })

  test('a forward that writes to its operand is caught', () => {
    const writer: graph.Primitive = {
      ...cube,
      forward: (inputs) => {
        const [x = linalg.zeros(1, 1)] = inputs
        const result = cube.forward(inputs)
        ;(bufferOf(x) as Float64Array)[0] = Number.NaN
        return result
      },
    }
    expect(failureOf(writer)).toMatch(/cube: forward wrote to its operand 0/)
  })

  test('a VJP that writes to its cotangent is caught', () => {
    const writer: graph.Primitive = {
      ...cube,
      vjp: (inputs, output, cotangent) => {
        const result = cube.vjp(inputs, output, cotangent)
        ;(bufferOf(cotangent) as Float64Array)[0] = 12345
        return result
      },
    }
    expect(failureOf(writer)).toMatch(/cube: the VJP wrote to its cotangent/)
  })

  test('a shape rule that disagrees with forward is caught', () => {
    const liar: graph.Primitive = { ...cube, shape: () => E.right({ rows: 1, cols: 1 }) }
    const message = failureOf(liar, check.operandsOf([{ rows: 2, cols: 3 }]))
    expect(message).toMatch(/cube: the shape rule promises 1×1 for 2×3, forward returned 2×3/)
  })

  test('a VJP that returns the wrong shape is caught', () => {
    const transposed: graph.Primitive = {
      ...cube,
      vjp: (inputs, output, cotangent) => cube.vjp(inputs, output, cotangent).map(linalg.transpose),
    }
    const message = failureOf(transposed, check.operandsOf([{ rows: 2, cols: 3 }]))
    expect(message).toMatch(/cube: the VJP returned 3×2 for operands 2×3/)
  })

  test('a shape rule that rejects the operands is reported', () => {
    expect(
      failureOf(
        primitives.matmul,
        check.operandsOf([
          { rows: 2, cols: 3 },
          { rows: 2, cols: 3 },
        ]),
      ),
    ).toMatch(
      /matmul: the shape rule rejects operands 2×3, 2×3: 2×3 · 2×3 — inner sizes 3 and 2 differ/,
    )
  })

  test('operands outside the domain are reported as such', () => {
    const message = failureOf(
      primitives.log,
      check.operandsOf([{ rows: 1, cols: 2, min: -2, max: -1 }]),
    )
    expect(message).toMatch(/log: forward gave NaN — draw operands inside the primitive's domain/)
  })

  test('the report carries fast-check’s seed and the case, and replays with that seed', () => {
    const flipped = cubeWith((x) => -3 * x * x)
    const first = failureOf(flipped, oneOperand, 1234)
    expect(first).toMatch(/seed: 1234/)
    expect(first).toMatch(/operands \[\[\[/)
    expect(failureOf(flipped, oneOperand, 1234)).toBe(first)
  })
})

describe('finiteDifferenceError', () => {
  const x = matrix([
    [0.5, -1.25],
    [2, 0.75],
  ])
  const u = matrix([
    [1, -0.5],
    [0.25, 2],
  ])

  test('is tiny for correct primitives and of order 1 for a wrong one', () => {
    expect(check.finiteDifferenceError(primitives.sigmoid, [x], u)).toBeLessThan(1e-8)
    expect(check.finiteDifferenceError(hypot, [x, u], u)).toBeLessThan(1e-8)
    expect(
      check.finiteDifferenceError(
        cubeWith((v) => 2 * v * v),
        [x],
        u,
      ),
    ).toBeGreaterThan(0.1)
  })

  test('a vanishing gradient probed by a cancelling cotangent is measured against rounding noise', () => {
    // ⟨1, softmax(x)⟩ = 1 for every x: the exact gradient is 0, the difference quotient is rounding.
    const ones = linalg.ones(2, 2)
    expect(check.finiteDifferenceError(primitives.softmaxRows, [x], ones)).toBeLessThan(1e-6)
    // but a flipped VJP that is not 0 is still caught
    const flipped: graph.Primitive = {
      ...primitives.softmaxRows,
      vjp: (inputs, output, g) => [
        linalg.negate(primitives.softmaxRows.vjp(inputs, output, g)[0] ?? g),
      ],
    }
    expect(check.finiteDifferenceError(flipped, [x], u)).toBeGreaterThan(0.1)
  })

  test('a VJP result of the wrong shape gives ∞; a wrong cotangent shape is a RangeError', () => {
    const transposed: graph.Primitive = {
      ...cube,
      vjp: (inputs, output, g) => cube.vjp(inputs, output, g).map(linalg.transpose),
    }
    expect(check.finiteDifferenceError(transposed, [matrix([[1, 2]])], matrix([[1, 1]]))).toBe(
      Infinity,
    )
    expect(() => check.finiteDifferenceError(cube, [x], linalg.ones(1, 2))).toThrow(RangeError)
    expect(() => check.finiteDifferenceError(cube, [x], u, { step: 0 })).toThrow(RangeError)
  })

  test('is NaN when a probe leaves the domain', () => {
    expect(check.finiteDifferenceError(primitives.log, [matrix([[0]])], matrix([[1]]))).toBeNaN()
  })
})

describe('adjointnessError', () => {
  const a = matrix([
    [1, 2, -1],
    [0.5, -3, 2],
  ])
  const b = matrix([[0.25, -1, 2]])

  test('is at rounding level for correct primitives', () => {
    const u = matrix([
      [1, -1, 0.5],
      [2, 0.5, -0.25],
    ])
    expect(check.adjointnessError(primitives.addRowVector, [a, b], u, [u, b])).toBeLessThan(1e-15)
    expect(check.adjointnessError(primitives.softmaxRows, [a], u, [a])).toBeLessThan(1e-14)
  })

  test('is of order 1 when the JVP is not the adjoint', () => {
    const doubled: graph.Primitive = {
      ...primitives.tanh,
      jvp: (inputs, output, t) => linalg.scale(primitives.tanh.jvp(inputs, output, t), 2),
    }
    expect(check.adjointnessError(doubled, [a], a, [a])).toBeGreaterThan(0.1)
  })

  test('is 0 when every product is exactly 0, and a RangeError for mis-shaped directions', () => {
    const zero = linalg.zeros(2, 3)
    expect(check.adjointnessError(primitives.relu, [linalg.fill(2, 3, -1)], a, [a])).toBe(0)
    expect(check.adjointnessError(primitives.tanh, [a], zero, [zero])).toBe(0)
    expect(() => check.adjointnessError(primitives.tanh, [a], a, [])).toThrow(RangeError)
    expect(() => check.adjointnessError(primitives.tanh, [a], b, [a])).toThrow(RangeError)
  })
})

describe('lawViolations', () => {
  test('is empty for a correct primitive and lists each broken law otherwise', () => {
    const x = matrix([[0.5, -2]])
    const u = matrix([[1, 0.25]])
    expect(check.lawViolations(cube, [x], u, [u])).toStrictEqual([])
    expect(check.lawViolations(cube, [x, x], u, [u])).toStrictEqual([
      'cube: given 2 operands, but its arity is 1',
    ])
    const flipped = check.lawViolations(
      cubeWith((v) => -3 * v * v, timesSquare(-3)),
      [x],
      u,
      [u],
    )
    expect(flipped).toHaveLength(2)
    expect(flipped[0]).toMatch(
      /VJP for operand 0 disagrees with central finite differences \(relative error 1(\.0+\d)?, tolerance 0\.000001\)/,
    )
    expect(flipped[1]).toMatch(/the JVP disagrees with central finite differences/)
    // the same code showing the right formula breaks the formula law too
    expect(
      check.lawViolations(
        cubeWith((v) => -3 * v * v),
        [x],
        u,
        [u],
      ),
    ).toHaveLength(3)
    // a record whose local derivatives do not come one per operand
    const short: graph.Primitive = { ...cube, derivatives: () => [] }
    expect(check.lawViolations(short, [x], u, [u])).toStrictEqual([
      'cube: 0 local derivatives and 1 derivative terms for 1 operands',
    ])
  })
})

describe('operand arbitraries', () => {
  test('entryIn keeps within [min, max] and away from avoided points', () => {
    fc.assert(
      fc.property(
        entryIn({ min: -2, max: 1, avoid: [0, -1], margin: 0.05 }),
        (x) => x >= -2 && x <= 1 && Math.abs(x) >= 0.05 && Math.abs(x + 1) >= 0.05,
      ),
      { numRuns: 500 },
    )
  })

  test('operandsOf gives the shapes asked for, each with its own constraints', () => {
    fc.assert(
      fc.property(
        check.operandsOf(
          [
            { rows: 2, cols: 3 },
            { rows: 3, cols: 1, min: 0.5, max: 0.75 },
          ],
          {
            min: -1,
            max: 1,
          },
        ),
        ([a, b]) =>
          a !== undefined &&
          b !== undefined &&
          a.rows === 2 &&
          a.cols === 3 &&
          b.rows === 3 &&
          b.cols === 1 &&
          linalg.toFlat(a).every((x) => Math.abs(x) <= 1) &&
          linalg.toFlat(b).every((x) => x >= 0.5 && x <= 0.75),
      ),
    )
  })

  test('sizedOperands draws sizes from 1 to maxSize and reaches them all', () => {
    const shapes = fc
      .sample(
        check.sizedOperands(2, ([rows, cols]) => [{ rows, cols }], { maxSize: 3 }),
        { numRuns: 300, seed: 5 },
      )
      .map(([m]) => (m === undefined ? '' : linalg.formatShape(m)))
    expect(new Set(shapes).size).toBe(9)
  })

  test('impossible constraints are RangeErrors', () => {
    expect(() => entryIn({ min: 1, max: 1 })).toThrow(/expected min < max/)
    expect(() => entryIn({ min: 0, max: 1, avoid: [0.5], margin: 1 })).toThrow(
      /no entries in \[0, 1\]/,
    )
    expect(() => entryIn({ margin: -1 })).toThrow(RangeError)
    expect(() => check.operandsOf([{ rows: 0, cols: 2 }])).toThrow(RangeError)
    expect(() => {
      check.checkPrimitive(cube, oneOperand, { numRuns: 0 })
    }).toThrow(RangeError)
  })
})
