// Expressions are immutable descriptions: building computes nothing, nodes are frozen, names and
// paths are kept, constants must be finite.

import { describe, expect, test } from 'vitest'
import { graph, linalg } from '../../src/index.js'

describe('expressions', () => {
  test('nodes are frozen records that remember what they are', () => {
    const X = graph.input('X', 2, 3)
    const W = graph.parameter('layers[0].W', 3, 1)
    const z = graph.matmul(X, W)
    expect(Object.isFrozen(X) && Object.isFrozen(W) && Object.isFrozen(z)).toBe(true)
    expect(W.tag === 'parameter' ? W.path : []).toStrictEqual(['layers', 0, 'W'])
    expect(z.tag === 'operation' ? z.operands : []).toStrictEqual([X, W])
  })

  test('named returns a renamed copy and leaves the original alone', () => {
    const x = graph.scalarInput('x')
    const u = graph.add(x, graph.constant(2))
    const named = graph.named(u, 'u')
    expect([named.label, u.label]).toStrictEqual(['u', undefined])
  })

  test('constants hold their value and must be finite', () => {
    const two = graph.constant(2)
    expect(two.tag === 'constant' ? linalg.toRows(two.value) : []).toStrictEqual([[2]])
    expect(two.label).toBe('2')
    expect(() => graph.constant(Number.NaN)).toThrow(
      new RangeError('constant: value is NaN, expected a finite number'),
    )
  })
})
