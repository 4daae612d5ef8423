// Forward evaluation of compiled plans: the output's value, and named errors instead of NaN — a
// missing, unknown or mis-shaped binding, a value that overflows at the node that produced it —
// evaluation deterministic and the bindings untouched; a scalar is refused where a matrix is due.

import { test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { graph, linalg } from '../../src/index.js'
import { left, right } from '../support/either.js'
import { compiled, composition, parameterValues, steps, valueAt } from './support.js'

const one = (value: number): linalg.Matrix => linalg.fill(1, 1, value)

describe('evaluate', () => {
  test('gives the output’s value: (3x + 2)² at x = 2 is 64', () => {
    const x = graph.scalarInput('x')
    const plan = compiled(graph.square(graph.add(graph.scale(x, 3), graph.constant(2))))
    expect(linalg.toRows(right(graph.evaluate(plan, { inputs: { x: one(2) } })))).toStrictEqual([
      [64],
    ])
  })

  propertyTest.prop([steps, parameterValues])(
    'is deterministic and leaves the bindings as they were',
    (program, parameters) => {
      const plan = compiled(composition(program))
      const before = (['P', 'Q', 'c'] as const).map((name) => linalg.toFlat(parameters[name]))
      const first = right(graph.evaluate(plan, { parameters }))
      const second = right(graph.evaluate(plan, { parameters }))
      expect(second).toStrictEqual(first)
      expect(
        (['P', 'Q', 'c'] as const).map((name) => linalg.toFlat(parameters[name])),
      ).toStrictEqual(before)
    },
  )
})

describe('errors are named values', () => {
  const plan = compiled(
    graph.named(
      graph.sum(graph.matmul(graph.input('X', 1, 2), graph.parameter('W', 2, 1))),
      'loss',
    ),
  )

  test('a missing input, an unknown input and a missing parameter', () => {
    expect(left(graph.evaluate(plan, { parameters: { W: linalg.ones(2, 1) } })).message).toBe(
      'bindings: X: input is missing',
    )
    expect(
      left(
        graph.evaluate(plan, {
          inputs: { X: linalg.ones(1, 2), Y: linalg.ones(1, 1) },
          parameters: { W: linalg.ones(2, 1) },
        }),
      ).message,
    ).toBe('bindings: Y: unknown input (the expression has X)')
    expect(
      left(
        graph.evaluate(plan, {
          inputs: { X: linalg.ones(1, 2) },
          parameters: { V: linalg.ones(2, 1) },
        }),
      ).message,
    ).toBe('bindings: W: parameter is missing (W is missing)')
  })

  test('a binding of the wrong shape names both shapes', () => {
    expect(
      left(
        graph.evaluate(plan, {
          inputs: { X: linalg.ones(1, 2) },
          parameters: { W: linalg.ones(1, 2) },
        }),
      ).message,
    ).toBe('bindings: W: expected 2×1, got 1×2')
  })

  test('a value that overflows is reported at the node that produced it, not returned', () => {
    const x = graph.scalarInput('x')
    const blowUp = compiled(graph.named(graph.square(graph.named(graph.square(x), 'x²')), 'x⁴'))
    const error = left(graph.evaluate(blowUp, { inputs: { x: one(1e100) } }))
    expect(error).toMatchObject({ _tag: 'NonFiniteResult', node: 'x⁴ (square)' })
    expect(error.message).toBe('evaluate: node x⁴ (square) produced Infinity at [0, 0] from x²')
  })
})

describe('types', () => {
  test('a scalar cannot be used where a matrix is required', () => {
    const loss = graph.sum(graph.input('X', 2, 2))
    // @ts-expect-error — matmul takes matrices; a scalar loss is rejected by the type checker.
    const misuse = (): unknown => graph.matmul(loss, graph.parameter('W', 1, 1))
    expect(typeof misuse).toBe('function')
    expect(
      valueAt(compiled(graph.sum(graph.parameter('P', 1, 1))), { P: linalg.fill(1, 1, 7) }),
    ).toBe(7)
  })
})
