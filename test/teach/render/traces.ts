// Traces the renderer tests draw: the notebook's two examples, a small matrix network, a gradient
// that adds up over two paths, and labels that text formats must escape.

import * as E from 'fp-ts/lib/Either.js'
import { graph, linalg } from '../../../src/index.js'
import { right } from '../../support/either.js'

const one = (value: number): linalg.Matrix => linalg.fill(1, 1, value)

const traceOf = (output: graph.Expression<'scalar'>, bindings: graph.Bindings): graph.Trace =>
  right(
    E.chain((plan: graph.Plan<'scalar'>) => graph.traceGradients(plan, bindings))(
      graph.compile(output),
    ),
  ).trace

/** f = (3x + 2)² at x = 2, with u = 3x + 2 named as in the notebook. */
export const chainRuleTrace = (): graph.Trace => {
  const x = graph.scalarInput('x')
  const u = graph.named(graph.add(graph.scale(x, 3), graph.constant(2)), 'u')
  return traceOf(graph.named(graph.square(u), 'f'), { inputs: { x: one(2) } })
}

/** L = (x·w + b)² at x = 2, w = 3, b = 1: the notebook's computational-graph figure. */
export const lossTrace = (): graph.Trace => {
  const x = graph.scalarInput('x')
  const xw = graph.named(graph.mul(x, graph.scalarParameter('w')), 'xw')
  const z = graph.named(graph.add(xw, graph.scalarParameter('b')), 'z')
  return traceOf(graph.named(graph.square(z), 'L'), {
    inputs: { x: one(2) },
    parameters: { w: one(3), b: one(1) },
  })
}

/**
 * loss = Σ (X·W)² with X = [[1, 2]] and W = [[1, 0, −1], [2, 1, 0]]. By hand: Z = [[5, 2, −1]],
 * loss = 30, dloss/dZ = 2Z = [[10, 4, −2]], dloss/dX = G·Wᵀ = [[12, 24]],
 * dloss/dW = Xᵀ·G = [[10, 4, −2], [20, 8, −4]].
 */
export const matrixTrace = (): graph.Trace => {
  const Z = graph.named(graph.matmul(graph.input('X', 1, 2), graph.parameter('W', 2, 3)), 'Z')
  return traceOf(graph.named(graph.sum(graph.square(Z)), 'loss'), {
    inputs: { X: right(linalg.fromRows([[1, 2]])) },
    parameters: {
      W: right(
        linalg.fromRows([
          [1, 0, -1],
          [2, 1, 0],
        ]),
      ),
    },
  })
}

/** L = a·a + a at a = 5: a receives three contributions, 1 + 5 + 5 = 2a + 1 = 11. */
export const sharedTrace = (): graph.Trace => {
  const a = graph.scalarParameter('a')
  const y = graph.named(graph.mul(a, a), 'y')
  return traceOf(graph.named(graph.add(y, a), 'L'), { parameters: { a: one(5) } })
}

/** The label text formats must escape: quotes, a backslash, a line break, TeX's # and _. */
export const awkwardLabel = 'a "quoted" \\ x_1\n#2'

/** L = 2·v² where v is the input x under an awkward label, at x = 3. */
export const awkwardTrace = (): graph.Trace => {
  const v = graph.named(graph.scalarInput('x'), awkwardLabel)
  return traceOf(graph.named(graph.scale(graph.square(v), 2), 'L'), { inputs: { x: one(3) } })
}

/** Σ X over an 8×8 input of ones: large enough for elided printing. */
export const largeTrace = (): graph.Trace =>
  traceOf(graph.named(graph.sum(graph.input('X', 8, 8)), 'S'), {
    inputs: { X: linalg.fill(8, 8, 1) },
  })
