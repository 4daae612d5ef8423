// Traced evaluation: the trace records every forward step and every chain-rule step with its
// local derivative, its gradients are valueAndGradients', and a hand-built primitive with fewer
// local derivatives than operands is a bug that throws.

import { describe, expect, test } from 'vitest'
import { operation } from '../../src/graph/expression.js'
import { graph, linalg } from '../../src/index.js'
import { right } from '../support/either.js'
import { compiled } from './support.js'

const one = (value: number): linalg.Matrix => linalg.fill(1, 1, value)

describe('traceGradients', () => {
  test('records each forward step and each chain-rule step of L = (x·w)²', () => {
    const product = graph.named(graph.mul(graph.scalarInput('x'), graph.scalarParameter('w')), 'xw')
    const plan = compiled(graph.named(graph.square(product), 'L'))
    const bindings = { inputs: { x: one(2) }, parameters: { w: one(3) } }
    const traced = right(graph.traceGradients(plan, bindings))
    expect(traced.trace.forward.map((step) => step.node)).toStrictEqual(['x', 'w', 'xw', 'L'])
    expect(
      traced.trace.backward.map((step) => [step.node, step.operand, step.localDerivative.text]),
    ).toStrictEqual([
      ['L', 'xw', '2·xw'],
      ['xw', 'x', 'w'],
      ['xw', 'w', 'x'],
    ])
    const plain = right(graph.valueAndGradients(plan, bindings))
    expect(traced.value).toBe(plain.value)
    expect(traced.gradients).toStrictEqual(plain.gradients)
  })

  test('a hand-built primitive with fewer local derivatives than operands is a bug, and throws', () => {
    // definePrimitive gives one per operand; a record built by hand may not — the trace does not
    // print `?` for the missing one, it says which primitive is wrong
    const { mul } = graph.primitives
    const short: graph.Primitive = {
      ...mul,
      derivatives: (args) => mul.derivatives(args, 'y').slice(0, 1),
    }
    const x = graph.scalarInput('x')
    const plan = compiled(operation('scalar', short, [x, x]))
    expect(() => graph.traceGradients(plan, { inputs: { x: one(2) } })).toThrow(
      'gradfold: primitive mul gives 1 local derivatives for its 2 operands',
    )
  })
})
