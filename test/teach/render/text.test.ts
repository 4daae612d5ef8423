// The plain-text rendering: the notebook's chain-rule printout (numbers, order, Russian headings),
// the computational-graph example's chain-rule lines, matrices with shapes and numpy printing,
// and `+=` where a gradient adds up over several paths.

import { describe, expect, test } from 'vitest'
import * as teach from '../../../src/teach/index.js'
import { chainRuleTrace, lossTrace, matrixTrace, sharedTrace } from './traces.js'

const lines = (text: string): string[] => text.split('\n')

/** The index of the first line at or after `from` matching `pattern`; fails the test if none. */
const lineIndex = (all: readonly string[], pattern: RegExp, from = 0): number => {
  const index = all.findIndex((line, at) => at >= from && pattern.test(line))
  expect(index, `a line matching ${String(pattern)} after line ${from}`).toBeGreaterThanOrEqual(0)
  return index
}

describe('renderText', () => {
  test("f = (3x + 2)²: the notebook's numbers, forward then backward", () => {
    const all = lines(teach.renderText(chainRuleTrace()))
    // The notebook: u = 8.0, f = 64.0; df/du = 16.0, du/dx = 3, df/dx = 48.0.
    const forward = lineIndex(all, /^Forward pass:$/)
    const u = lineIndex(all, /^u = .* = 8$/, forward)
    const f = lineIndex(all, /^f = u² = 64$/, u)
    const backward = lineIndex(all, /^Backward pass \(chain rule\):$/, f)
    const dfDu = lineIndex(all, /^df\/du = 2·u = 16$/, backward)
    const dfDx = lineIndex(all, /^df\/dx = .* · 3 = 48$/, dfDu)
    const gradients = lineIndex(all, /^Gradients:$/, dfDx)
    lineIndex(all, /^df\/dx = 48$/, gradients)
    expect(all[backward - 1]).toBe('')
  })

  test('f = (3x + 2)²: the whole printout', () => {
    expect(teach.renderText(chainRuleTrace())).toBe(
      [
        'Forward pass:',
        'x = 2',
        '#1 = 3·x = 6',
        'u = #1 + 2 = 8',
        'f = u² = 64',
        '',
        'Backward pass (chain rule):',
        'df/df = 1',
        'df/du = 2·u = 16',
        'df/d(#1) = df/du · du/d(#1) = 16 · 1 = 16',
        'df/dx = df/d(#1) · d(#1)/dx = 16 · 3 = 48',
        '',
        'Gradients:',
        'df/dx = 48',
      ].join('\n'),
    )
  })

  test("language 'ru' prints the notebook's own heading lines", () => {
    const all = lines(teach.renderText(chainRuleTrace(), { language: 'ru' }))
    // notebook_stdout.txt, lines 1, 5 and 6.
    expect(all[0]).toBe('Прямое распространение:')
    const backward = all.indexOf('Обратное распространение (цепное правило):')
    expect(backward).toBeGreaterThan(0)
    expect(all[backward - 1]).toBe('')
    expect(all).toContain('Градиенты:')
    expect(all).not.toContain('Forward pass:')
    // Only the headings change.
    const english = lines(teach.renderText(chainRuleTrace()))
    expect(all.filter((line) => !line.endsWith(':'))).toEqual(
      english.filter((line) => !line.endsWith(':')),
    )
  })

  test('L = (x·w + b)²: one chain-rule line per edge of the figure', () => {
    const text = teach.renderText(lossTrace())
    for (const line of [
      'xw = x ⊙ w = 6',
      'z = xw + b = 7',
      'L = z² = 49',
      'dL/dL = 1',
      'dL/dz = 2·z = 14',
      'dL/d(xw) = dL/dz · dz/d(xw) = 14 · 1 = 14',
      'dL/db = dL/dz · dz/db = 14 · 1 = 14',
      'dL/dx = dL/d(xw) · d(xw)/dx = 14 · w = 42',
      'dL/dw = dL/d(xw) · d(xw)/dw = 14 · x = 28',
    ]) {
      expect(lines(text)).toContain(line)
    }
    const gradients = lines(text).slice(lines(text).indexOf('Gradients:'))
    expect(gradients).toEqual(['Gradients:', 'dL/dx = 42', 'dL/dw = 28', 'dL/db = 14'])
  })

  test('matrices show their shapes and numpy printing', () => {
    const text = teach.renderText(matrixTrace())
    expect(lines(text)).toContain('X (1×2) = [[1. 2.]]')
    expect(lines(text)).toContain('Z (1×3) = X · W = [[ 5.  2. -1.]]')
    expect(text).toContain('W (2×3) =\n  [[ 1.  0. -1.]\n   [ 2.  1.  0.]]')
    expect(lines(text)).toContain('loss = Σ #3 = 30')
    // dloss/dZ = 2Z, dloss/dX = G·Wᵀ, dloss/dW = Xᵀ·G (worked out in traces.ts).
    expect(text).toContain('d(loss)/dZ (1×3) = [[10.  4. -2.]]')
    expect(text).toContain('d(loss)/dX (1×2) = [[12. 24.]]')
    expect(text).toContain('d(loss)/dW (2×3) =\n  [[10.  4. -2.]\n   [20.  8. -4.]]')
  })

  test('a gradient that adds up over paths shows = then +=', () => {
    const all = lines(teach.renderText(sharedTrace()))
    // L = y + a, y = a·a at a = 5: dL/da = 1 + 5 + 5 = 11.
    const first = lineIndex(all, /^dL\/da = 1 = 1$/)
    const second = lineIndex(all, /^dL\/da \+= dL\/dy · dy\/da = 1 · a = 5$/, first + 1)
    lineIndex(all, /^dL\/da \+= dL\/dy · dy\/da = 1 · a = 5$/, second + 1)
    expect(all[all.length - 1]).toBe('dL/da = 11')
  })

  test('is pure: the same trace renders to the same string', () => {
    const trace = lossTrace()
    expect(teach.renderText(trace)).toBe(teach.renderText(trace))
  })
})
