// Activations by name: each equals its formula written out here, the sigmoid clamps as the
// notebook does, and unknown names are refused with the list of known ones.

import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import { graph, linalg, network } from '../../src/index.js'
import { left, right } from '../support/either.js'

const points = [-1000, -3, -0.5, 0, 0.25, 2, 1000]
const Z = right(linalg.fromRows([points]))

const apply = (name: network.ActivationName): number[] =>
  linalg.toFlat(
    right(
      E.chain((plan: graph.Plan) => graph.evaluate(plan, { inputs: { Z } }))(
        graph.compile(network.activate(graph.input('Z', 1, points.length), name)),
      ),
    ),
  )

const sigmoid = (z: number) => 1 / (1 + Math.exp(-Math.min(500, Math.max(-500, z))))

describe('activate', () => {
  test.each([
    ['sigmoid', sigmoid],
    ['tanh', Math.tanh],
    ['relu', (z: number) => Math.max(z, 0)],
    ['leakyRelu', (z: number) => (z > 0 ? z : 0.01 * z)],
    ['linear', (z: number) => z],
    ['elu', (z: number) => (z > 0 ? z : Math.expm1(z))],
  ] as const)('%s equals its formula', (name, f) => {
    const values = apply(name)
    points.forEach((z, index) => {
      expect(values[index]).toBeCloseTo(f(z), 15)
    })
  })

  test("sigmoid is the notebook's: clipped to [−500, 500], so σ(−1000) = σ(−500) > 0", () => {
    const [atMinus1000] = apply('sigmoid')
    const expected = 1 / (1 + Math.exp(500)) // ≈ 7.1e-218, not 0
    expect(Math.abs((atMinus1000 ?? 0) - expected) / expected).toBeLessThan(1e-14)
    expect(network.SIGMOID_CLIP).toBe(500)
  })

  test('softplus is log(1 + eᶻ), and stays finite at 1000', () => {
    const values = apply('softplus')
    expect(values[3]).toBe(Math.LN2)
    expect(values[5]).toBeCloseTo(Math.log1p(Math.exp(2)), 14)
    expect(values[6]).toBe(1000)
  })

  test('softmax makes each row a probability vector', () => {
    const rows = right(
      linalg.fromRows([
        [1, 2, 3],
        [0, 0, 0],
      ]),
    )
    const value = right(
      E.chain((plan: graph.Plan) => graph.evaluate(plan, { inputs: { Z: rows } }))(
        graph.compile(network.activate(graph.input('Z', 2, 3), 'softmax')),
      ),
    )
    const total = Math.exp(1) + Math.exp(2) + Math.exp(3)
    expect(linalg.get(value, 0, 2)).toBeCloseTo(Math.exp(3) / total, 15)
    expect(linalg.toRows(value)[1]).toStrictEqual([1 / 3, 1 / 3, 1 / 3])
  })
})

describe('parseActivation', () => {
  test('accepts every listed name', () => {
    for (const name of network.activationNames) {
      expect(network.parseActivation(name, 'here')).toStrictEqual(E.right(name))
    }
  })

  test('an unknown name is an UnknownName error listing the known ones', () => {
    const error = left(network.parseActivation('swish', 'mlp: hidden'))
    expect(error).toStrictEqual({
      _tag: 'UnknownName',
      message:
        'mlp: hidden: unknown activation swish (expected one of sigmoid, tanh, relu, leakyRelu, elu, softplus, linear, softmax)',
    })
  })
})
