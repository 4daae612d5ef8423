// Checks the orchestration of the laws: checkPrimitive passes on correct primitives and throws —
// naming the law — on deliberately wrong ones (a flipped VJP, a JVP that is not the adjoint, a
// wrong derivative, a forward that writes its operand, a shape rule that lies); lawViolations
// lists each broken law of one case.

import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import { graph, linalg } from '../../src/index.js'
import * as check from '../../src/check/index.js'
import { bufferOf } from '../../src/linalg/matrix.js'
import {
  cube,
  cubeWith,
  failureOf,
  hypot,
  matrix,
  oneOperand,
  timesSquare,
  twoOfOneShape,
} from './support.js'

const { primitives } = graph

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
