// Checks that graph.formula gathers the term language, its printing and its evaluation: one
// namespace, the three files beside it.

import { describe, expect, test } from 'vitest'
import { graph } from '../../src/index.js'

const { formula: f } = graph

describe('graph.formula', () => {
  test('builds, prints and evaluates one term', () => {
    const slope = f.times(f.y, f.minus(f.one, f.y))
    expect(f.render(slope, f.namesOf(['z'], 'a')).text).toBe('a(1 − a)')
    expect(f.evaluate(slope, { operands: [0], output: 0.5 })).toBe(0.25)
    expect(typeof f.gradientOf).toBe('function')
  })
})
