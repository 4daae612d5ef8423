// Checks definePrimitive: rules read operands as tuples of the arity (a missing one is a type
// error, not a `??` fallback), every count is checked once and a wrong one throws, derivative terms
// are printed, a VJP skips only what the caller marked unwanted, and the record is frozen.

import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import { graph, linalg } from '../../src/index.js'
import { right } from '../support/either.js'

const { formula: f } = graph

/** a ⊙ b + a, entry by entry, with its derivatives as terms: ∂/∂a = b + 1, ∂/∂b = a. */
const mulAdd = graph.definePrimitive({
  name: 'mulAdd',
  arity: 2,
  shape: graph.primitives.sameShapes,
  forward: ([a, b]) => right(linalg.add(right(linalg.mul(a, b)), a)),
  vjp: ([a, b], _output, g, wanted) => [
    right(linalg.mul(g, right(linalg.add(b, linalg.ones(b.rows, b.cols))))),
    wanted?.[1] === false ? undefined : right(linalg.mul(g, a)),
  ],
  jvp: ([a, b], _output, [da, db]) =>
    right(
      linalg.add(
        right(linalg.mul(da, right(linalg.add(b, linalg.ones(b.rows, b.cols))))),
        right(linalg.mul(a, db)),
      ),
    ),
  formula: ([a, b]) => graph.plain(`${a} ⊙ ${b} + ${a}`),
  derivativeTerms: [f.plus(f.operand(1), f.one), f.x],
})

const one = linalg.ones(1, 2)

describe('definePrimitive', () => {
  test('derivatives given as terms are printed with the argument names', () => {
    expect(mulAdd.derivatives(['p', 'q'], 'r')).toStrictEqual([
      graph.plain('q + 1'),
      graph.plain('p'),
    ])
    expect(mulAdd.derivativeTerms).toHaveLength(2)
    expect(mulAdd.formula(['p', 'q']).text).toBe('p ⊙ q + p')
  })

  test('derivatives given as formulas are kept, and no terms are claimed', () => {
    const { matmul } = graph.primitives
    // 2a, its derivative written as a formula in the argument names rather than as a term
    const written = graph.definePrimitive({
      name: 'twice',
      arity: 1,
      shape: ([a]) => E.right(a),
      forward: ([a]) => linalg.scale(a, 2),
      vjp: (_inputs, _output, g) => [linalg.scale(g, 2)],
      jvp: (_inputs, _output, [t]) => linalg.scale(t, 2),
      formula: ([a]) => graph.plain(`2·${a}`),
      derivatives: () => [graph.plain('2')],
    })
    expect(written.derivatives(['a'], 'y')[0]?.text).toBe('2')
    expect(written.derivativeTerms).toBeUndefined()
    // the library's own matmul writes them as terms
    expect(matmul.derivatives(['A', 'B'], 'C')[1]?.text).toBe('Aᵀ (on the left)')
    expect(matmul.derivativeTerms).toHaveLength(2)
  })

  test('every list a rule reads is checked against the arity once, and a wrong count throws', () => {
    const expectBug = (run: () => unknown, what: string): void => {
      expect(run).toThrow(
        new RegExp(`gradfold internal error: mulAdd: expected 2 ${what}, got 1`, 'u'),
      )
    }
    expectBug(() => mulAdd.forward([one]), 'operands')
    expectBug(() => mulAdd.shape([{ rows: 1, cols: 2 }]), 'operand shapes')
    expectBug(() => mulAdd.vjp([one], one, one), 'operands')
    expectBug(() => mulAdd.vjp([one, one], one, one, [true]), 'wanted flags')
    expectBug(() => mulAdd.jvp([one, one], one, [one]), 'tangents')
    expectBug(() => mulAdd.formula(['p']), 'argument names')
    expectBug(() => mulAdd.derivatives(['p'], 'r'), 'argument names')
  })

  test('a VJP skips an operand only when the caller marks it unwanted', () => {
    const output = mulAdd.forward([one, one])
    expect(mulAdd.vjp([one, one], output, one, [true, false])[1]).toBeUndefined()
    expect(mulAdd.vjp([one, one], output, one).map(linalg.toRows)).toStrictEqual([
      [[2, 2]],
      [[1, 1]],
    ])
    const lazy = graph.definePrimitive({
      name: 'lazy',
      arity: 1,
      shape: ([a]) => E.right(a),
      forward: ([a]) => a,
      vjp: () => [undefined],
      jvp: (_inputs, _output, [da]) => da,
      formula: ([a]) => graph.plain(a),
      derivativeTerms: [f.one],
    })
    expect(() => lazy.vjp([one], one, one)).toThrow(/lazy's VJP skipped an operand nobody skipped/)
  })

  test('operands are tuples of the arity: reading one past it does not type-check', () => {
    const checkedByTypes = graph.definePrimitive({
      name: 'first',
      arity: 2,
      shape: ([a]) => E.right(a),
      // @ts-expect-error -- a binary primitive has no third operand
      forward: ([, , c]) => c,
      vjp: (_inputs, _output, g) => [g, g],
      jvp: (_inputs, _output, [da]) => da,
      formula: ([a]) => graph.plain(a),
      derivatives: () => [graph.plain('1'), graph.plain('0')],
    })
    expect(checkedByTypes.arity).toBe(2)
  })

  test('the record is frozen and carries its fast path’s declared rule', () => {
    expect(Object.isFrozen(mulAdd)).toBe(true)
    expect(mulAdd.reference).toBeUndefined()
    expect(graph.primitives.sigmoid.reference).toBeDefined()
  })
})
