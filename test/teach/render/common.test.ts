// What the renderers share: the d/d notation, the seed, constants left out, and backward steps
// matched to the forward positions they connect (also when two nodes share a label).

import { describe, expect, test } from 'vitest'
import { graph, linalg } from '../../../src/index.js'
import {
  derivativeText,
  isSelfLabelledConstant,
  resolveBackward,
  seedOf,
} from '../../../src/teach/render/common.js'
import { right } from '../../support/either.js'
import { chainRuleTrace, lossTrace, sharedTrace } from './traces.js'

describe('render/common', () => {
  test('derivativeText wraps labels longer than one character', () => {
    expect(derivativeText('L', 'x')).toBe('dL/dx')
    expect(derivativeText('L', 'xw')).toBe('dL/d(xw)')
    expect(derivativeText('loss', 'W1')).toBe('d(loss)/d(W1)')
    expect(derivativeText('f', '𝑥')).toBe('df/d𝑥')
  })

  test('the seed is dL/dL = 1', () => {
    const seed = seedOf(lossTrace())
    expect(seed === undefined ? undefined : linalg.toRows(seed)).toEqual([[1]])
  })

  test('only a number labelled by itself counts as self-labelled', () => {
    const trace = chainRuleTrace()
    expect(trace.forward.filter(isSelfLabelledConstant).map((step) => step.node)).toEqual(['2'])
  })

  test('backward steps resolve to the positions of the forward steps they connect', () => {
    const trace = lossTrace()
    const positions = resolveBackward(trace).map(({ step, from, to }) => [
      step.node,
      trace.forward[from]?.node,
      step.operand,
      trace.forward[to]?.node,
    ])
    for (const [node, fromLabel, operand, toLabel] of positions) {
      expect(fromLabel).toBe(node)
      expect(toLabel).toBe(operand)
    }
    expect(positions).toHaveLength(trace.backward.length)
  })

  test('contributions into one node are marked as accumulating, the later ones as continuing', () => {
    const resolved = resolveBackward(sharedTrace()).filter(({ step }) => step.operand === 'a')
    expect(resolved.map(({ accumulates, continues }) => [accumulates, continues])).toEqual([
      [true, false],
      [true, true],
      [true, true],
    ])
  })

  test('two distinct operations with one label are told apart by position', () => {
    // h = x + x and h = (x + x)·2 both labelled h: the steps still land on distinct positions.
    const x = graph.scalarInput('x')
    const inner = graph.named(graph.add(x, x), 'h')
    const outer = graph.named(graph.scale(inner, 2), 'h')
    const trace = right(
      graph.traceGradients(right(graph.compile(graph.named(graph.square(outer), 'L'))), {
        inputs: { x: linalg.fill(1, 1, 1) },
      }),
    ).trace
    const resolved = resolveBackward(trace)
    expect(resolved.map(({ from, to }) => [from, to])).toEqual([
      [3, 2],
      [2, 1],
      [1, 0],
      [1, 0],
    ])
  })
})
