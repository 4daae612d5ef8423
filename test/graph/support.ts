// Shared helpers for the graph tests: random compositions of the graph's operations over two
// parameters, and central differences computed independently of the reverse-mode code.

import { fc } from '@fast-check/vitest'
import * as E from 'fp-ts/lib/Either.js'
import { graph, linalg } from '../../src/index.js'
import { right } from '../support/either.js'

/** One step of a random composition: which operation, applied to which earlier values. */
export interface Step {
  readonly operation: 'add' | 'sub' | 'mul' | 'scale' | 'square' | 'neg' | 'matmul' | 'bias'
  readonly left: number
  readonly right: number
  readonly factor: number
}

export const steps: fc.Arbitrary<readonly Step[]> = fc.array(
  fc.record({
    operation: fc.constantFrom('add', 'sub', 'mul', 'scale', 'square', 'neg', 'matmul', 'bias'),
    left: fc.nat(),
    right: fc.nat(),
    factor: fc.double({ min: -2, max: 2, noNaN: true }),
  }),
  { minLength: 1, maxLength: 6 },
)

/**
 * Builds Σ(last value) from the steps over parameters P (2×2), Q (2×2) and bias row c (1×2);
 * step i's value is named `names[i]` when that is given.
 */
export const composition = (
  program: readonly Step[],
  names: readonly (string | undefined)[] = [],
): graph.Expression<'scalar'> => {
  const values: graph.Expression<'matrix'>[] = [
    graph.parameter('P', 2, 2),
    graph.parameter('Q', 2, 2),
  ]
  const bias = graph.parameter('c', 1, 2)
  for (const [index, step] of program.entries()) {
    const a = values[step.left % values.length] ?? values[0]
    const b = values[step.right % values.length] ?? values[0]
    if (a === undefined || b === undefined) break
    const next =
      step.operation === 'add'
        ? graph.add(a, b)
        : step.operation === 'sub'
          ? graph.sub(a, b)
          : step.operation === 'mul'
            ? graph.mul(a, b)
            : step.operation === 'scale'
              ? graph.scale(a, step.factor)
              : step.operation === 'square'
                ? graph.square(a)
                : step.operation === 'neg'
                  ? graph.neg(a)
                  : step.operation === 'matmul'
                    ? graph.matmul(a, b)
                    : graph.addRowVector(a, bias)
    const name = names[index]
    values.push(name === undefined ? next : graph.named(next, name))
  }
  return graph.sum(values[values.length - 1] ?? graph.parameter('P', 2, 2))
}

/** Parameter values for `composition`, entries in [−1, 1]. */
export const parameterValues = fc
  .tuple(
    ...[4, 4, 2].map((length) =>
      fc.array(fc.double({ min: -1, max: 1, noNaN: true }), {
        minLength: length,
        maxLength: length,
      }),
    ),
  )
  .map(([p = [], q = [], c = []]) => ({
    P: right(linalg.fromFlat(2, 2, p)),
    Q: right(linalg.fromFlat(2, 2, q)),
    c: right(linalg.fromFlat(1, 2, c)),
  }))

// A type alias, not an interface: only aliases are assignable to the index-signature Tree type.
// eslint-disable-next-line @typescript-eslint/consistent-type-definitions
export type Parameters = {
  readonly P: linalg.Matrix
  readonly Q: linalg.Matrix
  readonly c: linalg.Matrix
}

/** The scalar value of a compiled plan at these parameters. */
export const valueAt = (plan: graph.Plan<'scalar'>, parameters: graph.Tree): number =>
  linalg.get(right(graph.evaluate(plan, { parameters })), 0, 0)

/** Central differences of the plan's value in every entry of every parameter, step ε. */
export const centralDifferences = (
  plan: graph.Plan<'scalar'>,
  parameters: Parameters,
  epsilon = 1e-6,
): Parameters => {
  const nudged = (name: 'P' | 'Q' | 'c', index: number, delta: number): Parameters => {
    const matrix = parameters[name]
    const moved = right(
      linalg.fromFlat(
        matrix.rows,
        matrix.cols,
        linalg.toFlat(matrix).map((value, at) => (at === index ? value + delta : value)),
      ),
    )
    return { ...parameters, [name]: moved }
  }
  const differences = (name: 'P' | 'Q' | 'c'): linalg.Matrix => {
    const matrix = parameters[name]
    const entries = linalg
      .toFlat(matrix)
      .map(
        (_, index) =>
          (valueAt(plan, nudged(name, index, epsilon)) -
            valueAt(plan, nudged(name, index, -epsilon))) /
          (2 * epsilon),
      )
    return right(linalg.fromFlat(matrix.rows, matrix.cols, entries))
  }
  return { P: differences('P'), Q: differences('Q'), c: differences('c') }
}

/** The compiled plan of an expression (fails the test on a compile error). */
export const compiled = <Kind extends graph.ValueKind>(
  expression: graph.Expression<Kind>,
): graph.Plan<Kind> => right(graph.compile(expression))

/** The Right value of an Either of gradients. */
export const gradientsOf = (plan: graph.Plan<'scalar'>, parameters: Parameters): Parameters =>
  E.getOrElseW((error: graph.GraphError) => {
    throw new Error(error.message)
  })(graph.valueAndGradients(plan, { parameters })).gradients.parameters as Parameters
