// Forward mode on compiled plans: J·v is the adjoint of reverse mode's Jᵀ·u on random
// compositions, a missing tangent counts as zero, and a mis-shaped tangent is a named error.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { graph, linalg } from '../../src/index.js'
import { left, right } from '../support/either.js'
import { compiled, composition, parameterValues, steps, type Parameters } from './support.js'

const one = (value: number): linalg.Matrix => linalg.fill(1, 1, value)

describe('jvp', () => {
  propertyTest.prop(
    [steps, parameterValues, parameterValues, fc.double({ min: -2, max: 2, noNaN: true })],
    { numRuns: 200 },
  )(
    'adjointness: ⟨u, J·v⟩ = ⟨Jᵀ·u, v⟩ for the composition before the final sum',
    (program, parameters, tangents, cotangent) => {
      const expression = composition(program)
      if (expression.tag !== 'operation') return
      const matrixOutput = expression.operands[0] as graph.Expression<'matrix'>
      const plan = compiled(matrixOutput)
      const u = linalg.fill(2, 2, cotangent)
      const forward = right(graph.jvp(plan, { parameters }, { parameters: tangents }))
      const reverse = right(graph.vjp(plan, { parameters }, u)).gradients.parameters as Parameters
      const left = right(linalg.dot(u, forward.tangent))
      const rightSide = (['P', 'Q', 'c'] as const).reduce(
        (total, name) => total + right(linalg.dot(reverse[name], tangents[name])),
        0,
      )
      expect(Math.abs(left - rightSide)).toBeLessThanOrEqual(
        1e-10 * Math.max(1, Math.abs(left), Math.abs(rightSide)),
      )
    },
  )

  test('a missing tangent is zero: d(x·w)/dx along x alone is w', () => {
    const plan = compiled(graph.mul(graph.scalarInput('x'), graph.scalarParameter('w')))
    const result = right(
      graph.jvp(
        plan,
        { inputs: { x: one(2) }, parameters: { w: one(3) } },
        { inputs: { x: one(1) } },
      ),
    )
    expect(linalg.get(result.value, 0, 0)).toBe(6)
    expect(linalg.get(result.tangent, 0, 0)).toBe(3)
  })

  test('a tangent shaped unlike its node is named', () => {
    const plan = compiled(graph.matmul(graph.input('X', 1, 2), graph.parameter('W', 2, 3)))
    const bindings = { inputs: { X: linalg.ones(1, 2) }, parameters: { W: linalg.ones(2, 3) } }
    expect(left(graph.jvp(plan, bindings, { inputs: { X: linalg.ones(2, 1) } })).message).toBe(
      'bindings: tangent of X: expected 1×2, got 2×1',
    )
  })
})
