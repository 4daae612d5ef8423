// Compiling: one array of steps in evaluation order (operands first, shared nodes once, the output
// last), each step's shape given by its primitive's rule, labels by name or position, shape errors
// naming the node and both shapes, and declarations that must agree.

import { fc, test as propertyTest } from '@fast-check/vitest'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import { graph, network } from '../../src/index.js'
import * as check from '../../src/check/index.js'
import { stepAt } from '../../src/graph/compile.js'
import { left, right } from '../support/either.js'
import { compiled, composition, steps } from './support.js'

/** Random compositions of the graph's operations, some of their values named (names may clash). */
const namedCompositions: fc.Arbitrary<graph.Expression<'scalar'>> = fc
  .tuple(
    steps,
    fc.array(
      fc.option(fc.oneof(fc.constantFrom('u', 'z1', '#0', '#3', ''), fc.string()), {
        nil: undefined,
      }),
      { maxLength: 6 },
    ),
  )
  .map(([program, names]) => composition(program, names))

/** The compiled loss of a random dense network (check.networkCase): many primitives and shapes. */
const networkPlans: fc.Arbitrary<graph.Plan<'scalar'>> = check
  .networkCase()
  .map(({ network: net, loss, batch }) => right(network.objective(net, batch, { loss })).plan)

const plans: fc.Arbitrary<graph.Plan> = fc.oneof(namedCompositions.map(compiled), networkPlans)

/** The shape a step's node has by itself (a leaf) or by its primitive's rule (an operation). */
const expectedShape = (plan: graph.Plan, step: graph.PlanStep): E.Either<string, unknown> => {
  const { node } = step
  switch (node.tag) {
    case 'input':
    case 'parameter':
      return E.right(node.shape)
    case 'constant':
      return E.right(node.value.shape)
    case 'operation':
      return node.primitive.shape(step.operands.map((at) => stepAt(plan, at).shape))
  }
}

describe('compile', () => {
  test('orders operands before their operations and visits a shared node once', () => {
    const a = graph.scalarParameter('a')
    const b = graph.named(graph.add(a, a), 'b')
    const c = graph.named(graph.mul(b, b), 'c')
    const plan = right(graph.compile(c))
    expect(plan.steps.map((step) => step.label)).toStrictEqual(['a', 'b', 'c'])
    expect(plan.steps.map((step) => step.operands)).toStrictEqual([[], [0, 0], [1, 1]])
    expect(plan.steps.map((step) => step.node)).toStrictEqual([a, b, c])
  })

  test('computes every shape: a dense layer X·W + b', () => {
    const z = graph.addRowVector(
      graph.matmul(graph.input('X', 240, 2), graph.parameter('W1', 2, 16)),
      graph.parameter('b1', 1, 16),
    )
    const plan = right(graph.compile(z))
    expect(plan.steps.map((step) => step.shape)).toStrictEqual([
      { rows: 240, cols: 2 },
      { rows: 2, cols: 16 },
      { rows: 240, cols: 16 },
      { rows: 1, cols: 16 },
      { rows: 240, cols: 16 },
    ])
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
    expect(right(graph.compile(value)).steps).toHaveLength(50_001)
  })

  test('a position the plan never handed out is an internal error naming it, not a default', () => {
    const plan = right(graph.compile(graph.square(graph.scalarInput('x'))))
    expect(stepAt(plan, 1).label).toBe('#1')
    expect(() => stepAt(plan, 2)).toThrow(
      'gradfold internal error: plan step 2 does not exist (the plan has 2)',
    )
  })
})

describe('laws of a plan', () => {
  propertyTest.prop([plans], { numRuns: 100 })(
    "every step's operands are its node's operands, at earlier positions",
    (plan) => {
      for (const [position, { node, operands }] of plan.steps.entries()) {
        for (const at of operands) {
          expect(at).toBeGreaterThanOrEqual(0)
          expect(at).toBeLessThan(position)
        }
        const expected = node.tag === 'operation' ? node.operands : []
        expect(operands.map((at) => stepAt(plan, at).node)).toStrictEqual(expected)
      }
    },
  )

  propertyTest.prop([plans], { numRuns: 100 })(
    "every step's shape is what its primitive's shape rule gives for its operands' shapes",
    (plan) => {
      for (const step of plan.steps) {
        expect(expectedShape(plan, step)).toStrictEqual(E.right(step.shape))
      }
    },
  )

  propertyTest.prop([plans], { numRuns: 100 })(
    'the output is the last step, and every node has exactly one step',
    (plan) => {
      expect(plan.steps.at(-1)?.node).toBe(plan.output)
      expect(new Set(plan.steps.map((step) => step.node)).size).toBe(plan.steps.length)
    },
  )

  propertyTest.prop([plans], { numRuns: 100 })(
    "every step's label is its node's name, or `#position` when it has none",
    (plan) => {
      for (const [position, { node, label }] of plan.steps.entries()) {
        expect(label).toBe(node.label ?? `#${position}`)
      }
    },
  )
})
