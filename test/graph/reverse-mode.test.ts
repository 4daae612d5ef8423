// Reverse mode on compiled plans: accumulation over shared nodes (micrograd's bugs #64 and #53 as
// tests), the chain rule and linearity on random compositions checked by independent central
// differences, gradients as a tree shaped like the parameters, dynamic graphs, a mis-shaped
// cotangent named, and parameterGradients equal to valueAndGradients bit for bit.

import { fc, test as propertyTest } from '@fast-check/vitest'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import { graph, linalg } from '../../src/index.js'
import { left, right } from '../support/either.js'
import {
  centralDifferences,
  compiled,
  composition,
  gradientsOf,
  parameterValues,
  steps,
} from './support.js'

const one = (value: number): linalg.Matrix => linalg.fill(1, 1, value)
const entry = (matrix: linalg.Matrix | undefined): number =>
  matrix === undefined ? Number.NaN : linalg.get(matrix, 0, 0)

const close = (actual: linalg.Matrix, expected: linalg.Matrix, relative: number): boolean =>
  linalg.equals(actual, expected, { absolute: relative, relative })

describe('accumulation over shared nodes', () => {
  test('b = a + a; c = b + b gives dc/da = 4 (micrograd PR #64)', () => {
    const a = graph.scalarParameter('a')
    const b = graph.add(a, a)
    const c = graph.add(b, b)
    const result = right(graph.valueAndGradients(compiled(c), { parameters: { a: one(-3) } }))
    expect(result.value).toBe(-12)
    expect(entry((result.gradients.parameters as { a?: linalg.Matrix }).a)).toBe(4)
  })

  test('a node used by several operations sums every path: d(a·a + a)/da = 2a + 1', () => {
    const a = graph.scalarParameter('a')
    const result = right(
      graph.valueAndGradients(compiled(graph.add(graph.mul(a, a), a)), {
        parameters: { a: one(5) },
      }),
    )
    expect(entry((result.gradients.parameters as { a?: linalg.Matrix }).a)).toBe(11)
  })

  test('differentiating twice gives the same answer, not double (micrograd #53)', () => {
    const plan = compiled(
      graph.square(graph.mul(graph.scalarInput('x'), graph.scalarParameter('w'))),
    )
    const bindings = { inputs: { x: one(2) }, parameters: { w: one(3) } }
    const first = right(graph.valueAndGradients(plan, bindings))
    const second = right(graph.valueAndGradients(plan, bindings))
    expect(entry((second.gradients.parameters as { w?: linalg.Matrix }).w)).toBe(24)
    expect(second).toEqual(first)
  })
})

describe('laws on random compositions', () => {
  propertyTest.prop([steps, parameterValues], { numRuns: 200 })(
    'the chain rule: gradients agree with central differences',
    (program, parameters) => {
      const plan = compiled(composition(program))
      const analytic = gradientsOf(plan, parameters)
      const numeric = centralDifferences(plan, parameters)
      for (const name of ['P', 'Q', 'c'] as const) {
        expect(
          close(analytic[name], numeric[name], 1e-5),
          `${name}: ${linalg.format(analytic[name])} vs ${linalg.format(numeric[name])}`,
        ).toBe(true)
      }
    },
  )

  propertyTest.prop(
    [
      steps,
      steps,
      parameterValues,
      fc.double({ min: -3, max: 3, noNaN: true }),
      fc.double({ min: -3, max: 3, noNaN: true }),
    ],
    { numRuns: 200 },
  )('linearity: ∇(α·f + β·g) = α·∇f + β·∇g', (first, second, parameters, alpha, beta) => {
    const f = composition(first)
    const g = composition(second)
    const combined = gradientsOf(
      compiled(graph.add(graph.scale(f, alpha), graph.scale(g, beta))),
      parameters,
    )
    const gradientF = gradientsOf(compiled(f), parameters)
    const gradientG = gradientsOf(compiled(g), parameters)
    for (const name of ['P', 'Q', 'c'] as const) {
      const expected = right(
        linalg.add(linalg.scale(gradientF[name], alpha), linalg.scale(gradientG[name], beta)),
      )
      expect(close(combined[name], expected, 1e-10)).toBe(true)
    }
  })

  propertyTest.prop([steps, parameterValues])(
    'evaluation is deterministic and leaves the bindings as they were',
    (program, parameters) => {
      const plan = compiled(composition(program))
      const before = (['P', 'Q', 'c'] as const).map((name) => linalg.toFlat(parameters[name]))
      const first = right(graph.valueAndGradients(plan, { parameters }))
      const second = right(graph.valueAndGradients(plan, { parameters }))
      expect(second).toEqual(first)
      expect(
        (['P', 'Q', 'c'] as const).map((name) => linalg.toFlat(parameters[name])),
      ).toStrictEqual(before)
    },
  )
})

describe('gradients', () => {
  test('are a tree shaped like the bound parameters, zeros where a parameter is not used', () => {
    const plan = compiled(
      graph.sum(graph.matmul(graph.input('X', 1, 2), graph.parameter('layers[0].W', 2, 1))),
    )
    const parameters = { layers: [{ W: linalg.ones(2, 1), b: linalg.ones(1, 1) }] }
    const result = right(
      graph.valueAndGradients(plan, { inputs: { X: linalg.fill(1, 2, 3) }, parameters }),
    )
    const [layer] = (
      result.gradients.parameters as { layers: { W: linalg.Matrix; b: linalg.Matrix }[] }
    ).layers
    expect(layer?.W).toEqual(linalg.fill(2, 1, 3))
    expect(layer?.b).toEqual(linalg.zeros(1, 1))
    expect(result.gradients.inputs.X).toEqual(linalg.ones(1, 2))
  })

  test('matmul gradients are Xᵀ·G and G·Wᵀ, checked by hand on a 1×2 · 2×1 product', () => {
    const plan = compiled(
      graph.sum(graph.matmul(graph.input('X', 1, 2), graph.parameter('W', 2, 1))),
    )
    const X = right(linalg.fromRows([[0.5, 0.3]]))
    const W = right(linalg.fromRows([[2], [-1]]))
    const result = right(graph.valueAndGradients(plan, { inputs: { X }, parameters: { W } }))
    expect(result.value).toBe(0.5 * 2 + 0.3 * -1)
    expect(linalg.toRows((result.gradients.parameters as { W: linalg.Matrix }).W)).toStrictEqual([
      [0.5],
      [0.3],
    ])
    expect(linalg.toRows(result.gradients.inputs.X ?? linalg.zeros(1, 1))).toStrictEqual([[2, -1]])
  })
})

describe('dynamic graphs (define-by-run)', () => {
  propertyTest.prop([
    fc.integer({ min: 0, max: 6 }),
    fc.boolean(),
    fc.double({ min: -2, max: 2, noNaN: true }),
  ])(
    'an expression built with loops and branches differentiates like its closed form',
    (repeats, branch, x) => {
      // y = x, then `repeats` times y = 2y (or y = −y), then y²: y = (±2)^repeats·x, dy²/dx = 2·c²·x.
      let y: graph.Expression<'scalar'> = graph.scalarParameter('x')
      for (let index = 0; index < repeats; index++) y = branch ? graph.scale(y, 2) : graph.neg(y)
      const result = right(
        graph.valueAndGradients(compiled(graph.square(y)), { parameters: { x: one(x) } }),
      )
      const factor = (branch ? 2 : -1) ** repeats
      expect(entry((result.gradients.parameters as { x?: linalg.Matrix }).x)).toBeCloseTo(
        2 * factor * factor * x,
        10,
      )
    },
  )
})

describe('vjp', () => {
  test('a cotangent of the wrong shape is named', () => {
    const matrixPlan = compiled(graph.matmul(graph.input('X', 1, 2), graph.parameter('W', 2, 3)))
    const bindings = { inputs: { X: linalg.ones(1, 2) }, parameters: { W: linalg.ones(2, 3) } }
    expect(left(graph.vjp(matrixPlan, bindings, linalg.ones(1, 2))).message).toBe(
      'bindings: cotangent: expected 1×3 like the output, got 1×2',
    )
    expect(E.isRight(graph.vjp(matrixPlan, bindings, linalg.ones(1, 3)))).toBe(true)
  })
})

describe('parameterGradients', () => {
  propertyTest.prop([steps, parameterValues], { numRuns: 100 })(
    'equals valueAndGradients on the parameters, bit for bit, and computes no input gradient',
    (program, parameters) => {
      // The composition scaled by an input x, so a VJP toward x exists and must be skipped.
      const x = graph.scalarInput('x')
      const body = composition(program)
      const plan = compiled(graph.mul(body, x))
      const bindings = { inputs: { x: one(1.5) }, parameters }
      const full = right(graph.valueAndGradients(plan, bindings))
      const only = right(graph.parameterGradients(plan, bindings, [body]))
      expect(only.value).toBe(full.value)
      expect(only.gradients.parameters).toStrictEqual(full.gradients.parameters)
      expect(only.gradients.inputs).toStrictEqual({})
      const [kept] = only.kept
      expect(kept).toStrictEqual(right(graph.evaluate(compiled(body), { parameters })))
    },
  )

  test('keeps undefined for a node that is not in the plan', () => {
    const w = graph.scalarParameter('w')
    const plan = compiled(graph.square(w))
    const result = right(
      graph.parameterGradients(plan, { parameters: { w: one(3) } }, [graph.neg(w)]),
    )
    expect(result.kept).toStrictEqual([undefined])
    expect(entry((result.gradients.parameters as { w?: linalg.Matrix }).w)).toBe(6)
  })

  test('names the node whose gradient is not finite', () => {
    const w = graph.scalarParameter('w')
    const plan = compiled(graph.named(graph.log(graph.named(graph.square(w), 'u')), 'f'))
    // u = w² = 1e-320 is finite and log u too, but d log u / du = 1/u overflows
    const error = left(graph.parameterGradients(plan, { parameters: { w: one(1e-160) } }))
    expect(error.message).toContain('received a gradient of')
  })
})
