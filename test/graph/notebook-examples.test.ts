// The notebook's two worked examples, reproduced exactly with graph operations: the chain rule
// for f = (3x + 2)² at x = 2 (values, derivatives and its central-difference check, bit for bit
// against test/fixtures/chain_rule.json, copied from notebook_reference.json's `chain_rule`), and
// the computational graph of L = (x·w + b)² at x = 2, w = 3, b = 1 (its figure's numbers).

import { describe, expect, test } from 'vitest'
import { graph, linalg } from '../../src/index.js'
import { right } from '../support/either.js'
import { field, readFixture } from '../support/fixtures.js'

const one = (value: number): linalg.Matrix => linalg.fill(1, 1, value)
const entry = (matrix: linalg.Matrix | undefined): number =>
  matrix === undefined ? Number.NaN : linalg.get(matrix, 0, 0)

const fixture = readFixture('chain_rule.json')
const number = (key: string): number => {
  const value = field(fixture, key)
  if (typeof value !== 'number') throw new Error(`chain_rule.json: ${key} is not a number`)
  return value
}
const notebook = {
  x: number('x'),
  u: number('u'),
  f: number('f'),
  dfDu: number('df_du'),
  duDx: number('du_dx'),
  dfDx: number('df_dx'),
  epsilon: number('epsilon'),
  fPlus: number('f_plus'),
  fMinus: number('f_minus'),
  dfDxNumerical: number('df_dx_numerical'),
  absDiff: number('abs_diff'),
}

/** The leaf of a gradient tree at a top-level key. */
const leafAt = (tree: graph.Tree, key: string): linalg.Matrix | undefined =>
  graph.leaves(tree).find(([path]) => graph.formatPath(path) === key)?.[1]

/** The backward step from `node` to `operand`, failing the test when the trace has none. */
const stepOf = (trace: graph.Trace, node: string, operand: string): graph.BackwardStep => {
  const found = trace.backward.filter((step) => step.node === node && step.operand === operand)
  expect(found, `one backward step ${node} → ${operand}`).toHaveLength(1)
  const [step] = found
  if (step === undefined) throw new Error(`no backward step ${node} → ${operand}`)
  return step
}

const valueOf = (trace: graph.Trace, node: string): number =>
  entry(trace.forward.find((step) => step.node === node)?.value)

describe('f = (3x + 2)² at x = 2: the chain rule (notebook cell 2)', () => {
  const x = graph.scalarInput('x')
  const u = graph.named(graph.add(graph.scale(x, 3), graph.constant(2)), 'u')
  const f = graph.named(graph.square(u), 'f')
  const plan = right(graph.compile(f))
  const at = (value: number): graph.Bindings => ({ inputs: { x: one(value) } })
  const traced = right(graph.traceGradients(plan, at(notebook.x)))

  test('forward: u = 3x + 2 = 8, f = u² = 64', () => {
    expect(notebook).toMatchObject({ x: 2, u: 8, f: 64 })
    expect(valueOf(traced.trace, 'x')).toBe(notebook.x)
    expect(valueOf(traced.trace, 'u')).toBe(notebook.u)
    expect(valueOf(traced.trace, 'f')).toBe(notebook.f)
    expect(traced.value).toBe(notebook.f)
    expect(traced.trace.forward.map((step) => step.node)).toEqual(['x', '#1', '2', 'u', 'f'])
  })

  test('backward: df/du = 2u = 16 and du/dx = 3, read from the chain-rule steps', () => {
    expect(notebook).toMatchObject({ dfDu: 16, duDx: 3 })
    const fu = stepOf(traced.trace, 'f', 'u')
    expect(fu.localDerivative.text).toBe('2·u')
    expect(entry(fu.upstream)).toBe(1)
    expect(entry(fu.contribution)).toBe(notebook.dfDu)
    // u = #1 + 2 with #1 = 3·x: du/dx = du/d#1 · d#1/dx = 1 · 3, the local derivatives' product.
    const uScaled = stepOf(traced.trace, 'u', '#1')
    const scaledX = stepOf(traced.trace, '#1', 'x')
    expect([uScaled.localDerivative.text, scaledX.localDerivative.text]).toEqual(['1', '3'])
    expect(Number(uScaled.localDerivative.text) * Number(scaledX.localDerivative.text)).toBe(
      notebook.duDx,
    )
    // The same 3 as a ratio of gradients: what reaches x over what arrived at u.
    expect(entry(scaledX.contribution) / entry(uScaled.upstream)).toBe(notebook.duDx)
    // And as the gradient of u alone.
    const duDx = right(graph.valueAndGradients(right(graph.compile(u)), at(notebook.x)))
    expect(entry(duDx.gradients.inputs.x)).toBe(notebook.duDx)
  })

  test('df/dx = df/du · du/dx = 48, from valueAndGradients and the trace', () => {
    expect(notebook.dfDx).toBe(48)
    const result = right(graph.valueAndGradients(plan, at(notebook.x)))
    expect(result.value).toBe(notebook.f)
    expect(entry(result.gradients.inputs.x)).toBe(notebook.dfDx)
    expect(entry(traced.gradients.inputs.x)).toBe(notebook.dfDx)
    expect(traced.trace.gradients).toHaveLength(1)
    expect(traced.trace.gradients[0]?.name).toBe('x')
    expect(entry(traced.trace.gradients[0]?.gradient)).toBe(notebook.dfDx)
    expect(entry(stepOf(traced.trace, '#1', 'x').contribution)).toBe(notebook.dfDx)
  })

  test('central differences with ε = 1e-7 through the compiled plan match the notebook bit for bit', () => {
    expect(notebook.epsilon).toBe(1e-7)
    const fAt = (value: number): number => entry(right(graph.evaluate(plan, at(value))))
    // The notebook: f_plus = (3 * (x + epsilon) + 2) ** 2, the same IEEE operations in order.
    const fPlus = fAt(notebook.x + notebook.epsilon)
    const fMinus = fAt(notebook.x - notebook.epsilon)
    const numerical = (fPlus - fMinus) / (2 * notebook.epsilon)
    expect(fPlus).toBe(notebook.fPlus)
    expect(fMinus).toBe(notebook.fMinus)
    expect(numerical).toBe(notebook.dfDxNumerical)
    expect(Math.abs(notebook.dfDx - numerical)).toBe(notebook.absDiff)
    // Printed as the notebook did: 48.000000 and 0.0000000430.
    expect(numerical.toFixed(6)).toBe('48.000000')
    expect(Math.abs(notebook.dfDx - numerical).toFixed(10)).toBe('0.0000000430')
  })
})

describe('L = (x·w + b)² at x = 2, w = 3, b = 1: the computational graph (notebook cell 3)', () => {
  // By hand: xw = 6, z = xw + b = 7, L = z² = 49; dL/dz = 2z = 14, dL/d(xw) = dL/db = 14,
  // dL/dw = 14·x = 28, dL/dx = 14·w = 42 — the numbers on the notebook's figure.
  const x = graph.scalarInput('x')
  const w = graph.scalarParameter('w')
  const b = graph.scalarParameter('b')
  const xw = graph.named(graph.mul(x, w), 'xw')
  const z = graph.named(graph.add(xw, b), 'z')
  const L = graph.named(graph.square(z), 'L')
  const plan = right(graph.compile(L))
  const bindings: graph.Bindings = {
    inputs: { x: one(2) },
    parameters: { w: one(3), b: one(1) },
  }
  const traced = right(graph.traceGradients(plan, bindings))

  test('forward: x·w = 6, x·w + b = 7, (x·w + b)² = 49', () => {
    expect(traced.trace.forward.map((step) => [step.node, entry(step.value)])).toEqual([
      ['x', 2],
      ['w', 3],
      ['xw', 6],
      ['b', 1],
      ['z', 7],
      ['L', 49],
    ])
    expect(traced.value).toBe(49)
  })

  test('backward: dL/dL = 1, dL/dz = 14, dL/d(xw) = 14, dL/db = 14, dL/dw = 28, dL/dx = 42', () => {
    expect(entry(stepOf(traced.trace, 'L', 'z').upstream)).toBe(1)
    const contributions = traced.trace.backward.map((step) => [
      step.node,
      step.operand,
      entry(step.upstream),
      entry(step.contribution),
    ])
    expect(contributions).toEqual([
      ['L', 'z', 1, 14],
      ['z', 'xw', 14, 14],
      ['z', 'b', 14, 14],
      ['xw', 'x', 14, 42],
      ['xw', 'w', 14, 28],
    ])
    expect(stepOf(traced.trace, 'L', 'z').localDerivative.text).toBe('2·z')
    expect(stepOf(traced.trace, 'xw', 'w').localDerivative.text).toBe('x')
    expect(stepOf(traced.trace, 'xw', 'x').localDerivative.text).toBe('w')
  })

  test('valueAndGradients and the trace give the same gradients: 42, 28, 14', () => {
    const result = right(graph.valueAndGradients(plan, bindings))
    expect(result.value).toBe(49)
    expect(entry(result.gradients.inputs.x)).toBe(42)
    expect(entry(leafAt(result.gradients.parameters, 'w'))).toBe(28)
    expect(entry(leafAt(result.gradients.parameters, 'b'))).toBe(14)
    const fromTrace = Object.fromEntries(
      traced.trace.gradients.map((gradient) => [gradient.name, entry(gradient.gradient)]),
    )
    expect(fromTrace).toEqual({ x: 42, w: 28, b: 14 })
  })

  test('a different point gives different numbers (the test can fail)', () => {
    const other = right(graph.valueAndGradients(plan, { ...bindings, inputs: { x: one(1) } }))
    // x = 1: z = 4, L = 16, dL/dw = 2·4·1 = 8.
    expect(other.value).toBe(16)
    expect(entry(leafAt(other.gradients.parameters, 'w'))).toBe(8)
  })
})
