// Checks the fast-path law: a primitive's hand-written loops equal its declared rule bit for bit,
// and a loop that drifted from the rule is named — by referenceViolations and by checkPrimitive.

import { describe, expect, test } from 'vitest'
import { graph, linalg } from '../../src/index.js'
import * as check from '../../src/check/index.js'
import { right } from '../support/either.js'
import { cube, failureOf, matrix } from './support.js'

const { primitives } = graph

describe('referenceViolations', () => {
  const x = matrix([[0.5, -1.25, 3]])
  const u = matrix([[1, -0.5, 0.25]])

  test('is empty for the library’s fast paths and for a primitive without one', () => {
    for (const primitive of [primitives.sigmoid, primitives.tanh, primitives.relu]) {
      expect(check.referenceViolations(primitive, [x], u, [u])).toStrictEqual([])
    }
    expect(check.referenceViolations(cube, [x], u, [u])).toStrictEqual([])
  })

  test('names each rule the fast path departs from, with the first differing entry', () => {
    const { sigmoid } = primitives
    const drifted: graph.Primitive = {
      ...sigmoid,
      forward: (inputs) => linalg.scale(sigmoid.forward(inputs), 2),
    }
    expect(check.referenceViolations(drifted, [x], u, [u])).toStrictEqual([
      expect.stringMatching(
        /^sigmoid: the fast forward differs from its declared rule \(entry 0: /,
      ),
    ])
  })
})

describe('checkPrimitive names the fast-path law', () => {
  test('a fast loop that drifted from its declared derivative breaks the fast-path law', () => {
    const { sigmoid } = primitives
    // sigmoid's record, its VJP replaced by loops computing g ⊙ 42y: its declared rule says y(1 − y)
    const drifted: graph.Primitive = {
      ...sigmoid,
      vjp: (_inputs, y, g) => [right(linalg.mul(g, linalg.scale(y, 42)))],
    }
    const message = failureOf(drifted, check.operandsOf([{ rows: 2, cols: 2 }]))
    expect(message).toMatch(/sigmoid: the fast VJP for operand 0 differs from its declared rule/)
    expect(message).toMatch(/sigmoid: the VJP for operand 0 disagrees with central finite/)
  })
})
