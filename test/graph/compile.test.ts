// Compiling: one evaluation order (operands first, shared nodes once), shapes checked once with
// errors naming the node and both shapes, and declarations that must agree.

import { describe, expect, test } from 'vitest'
import { graph } from '../../src/index.js'
import { left, right } from '../support/either.js'

describe('compile', () => {
  test('orders operands before their operations and visits a shared node once', () => {
    const a = graph.scalarParameter('a')
    const b = graph.named(graph.add(a, a), 'b')
    const c = graph.named(graph.mul(b, b), 'c')
    const plan = right(graph.compile(c))
    expect(plan.labels).toStrictEqual(['a', 'b', 'c'])
    expect(plan.operandPositions).toStrictEqual([[], [0, 0], [1, 1]])
  })

  test('computes every shape: a dense layer X·W + b', () => {
    const z = graph.addRowVector(
      graph.matmul(graph.input('X', 240, 2), graph.parameter('W1', 2, 16)),
      graph.parameter('b1', 1, 16),
    )
    const plan = right(graph.compile(z))
    expect(plan.shapes.at(-1)).toStrictEqual({ rows: 240, cols: 16 })
    expect([...plan.inputs.keys()]).toStrictEqual(['X'])
    expect([...plan.parameters.keys()]).toStrictEqual(['W1', 'b1'])
  })

  test('a shape mismatch names the node, the primitive and both shapes', () => {
    const z = graph.named(graph.matmul(graph.input('X', 1, 3), graph.parameter('W1', 2, 3)), 'z1')
    expect(left(graph.compile(z))).toMatchObject({
      _tag: 'GraphShapeError',
      node: 'z1 (matmul)',
      message: 'compile: node z1 (matmul): 1×3 · 2×3 — inner sizes 3 and 2 differ',
    })
    const unnamed = graph.add(graph.input('A', 2, 2), graph.input('B', 2, 3))
    expect(left(graph.compile(unnamed)).message).toBe(
      'compile: node #2 (add): operands are 2×2 and 2×3 — shapes differ',
    )
  })

  test('an input or parameter declared with two shapes is an error', () => {
    const twice = graph.add(graph.input('X', 2, 2), graph.input('X', 2, 3))
    expect(left(graph.compile(twice)).message).toBe(
      'compile: node X (input): input X is declared both 2×2 and 2×3',
    )
    const parameters = graph.add(graph.parameter('W', 1, 2), graph.parameter('W', 2, 1))
    expect(left(graph.compile(parameters)).message).toBe(
      'compile: node W (parameter): parameter W is declared both 1×2 and 2×1',
    )
  })

  test('a deep chain compiles without exhausting the call stack', () => {
    let value: graph.Expression<'scalar'> = graph.scalarParameter('x')
    for (let index = 0; index < 50_000; index++) value = graph.scale(value, 1)
    expect(right(graph.compile(value)).order).toHaveLength(50_001)
  })
})
