// The notebook tour: in Russian, gradfold's printout is the seed notebook's stdout line for line
// (test/fixtures/notebook_stdout.txt, copied from its run) except the two rounding-noise lines of
// the W2[0, 0] gradient check; in English, the same lines with the same numbers and no Cyrillic.

import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { pyExponential, tour } from '../../src/io/tour.js'
import { right } from '../support/either.js'

const notebookLines = readFileSync(
  new URL('../fixtures/notebook_stdout.txt', import.meta.url),
  'utf8',
)
  .replace(/\n$/u, '')
  .split('\n')

const numbersIn = (text: string): string[] => text.match(/-?\d+(?:\.\d+)?(?:e[+-]\d+)?/gu) ?? []
const numberIn = (line: string | undefined): number => Number(numbersIn(line ?? '').at(-1))

// The W2[0, 0] check's numeric gradient is a central difference at ε = 1e-7: each rounding of the
// loss L ≈ 0.13 (ulp 2⁻⁵⁵ ≈ 2.8e-17) moves it by ulp/2ε ≈ 1.4e-10, and gradfold's graph evaluates
// L with a different operation order than the notebook's numpy. Ours is −0.09919878682 (|gap|
// 5.23e-11), the notebook's −0.09919878641 (3.64e-10): 3 ulps of L apart. These two lines are
// compared within the gradient-check's rounding tolerance (see src/check/gradient-check.ts's
// header: rounding error near u·|L|/ε), 1e-9 — a few ulps of L over 2ε — and every other line exactly.
const W2_HEADING = 'Проверка градиента для W2[0, 0]:'
const ROUNDING_TOLERANCE = 1e-9
const noisy = ((): readonly number[] => {
  const at = notebookLines.indexOf(W2_HEADING)
  return [at + 2, at + 3]
})()
const exactLines = (lines: readonly string[]): string[] =>
  lines.filter((_, index) => !noisy.includes(index))

describe('the notebook tour', () => {
  const russian = right(tour('ru')).split('\n')
  const english = right(tour('en')).split('\n')

  test('the Russian tour is the notebook stdout, line for line (but two rounding-noise lines)', () => {
    expect(notebookLines).toHaveLength(155)
    expect(noisy[0]).toBeGreaterThan(0)
    expect(russian).toHaveLength(notebookLines.length)
    expect(exactLines(russian)).toStrictEqual(exactLines(notebookLines))
  })

  test('the W2[0, 0] numeric gradient and its gap agree with the notebook within rounding', () => {
    const [numeric = -1, gap = -1] = noisy
    expect(russian[numeric]?.startsWith('Численный градиент:     -0.09919878')).toBe(true)
    expect(russian[gap]?.startsWith('Разница:                ')).toBe(true)
    const ours = numberIn(russian[numeric])
    const theirs = numberIn(notebookLines[numeric])
    expect(Math.abs(ours - theirs)).toBeLessThanOrEqual(ROUNDING_TOLERANCE)
    expect(numberIn(russian[gap])).toBeLessThanOrEqual(ROUNDING_TOLERANCE)
    expect(numberIn(notebookLines[gap])).toBeLessThanOrEqual(ROUNDING_TOLERANCE)
  })

  test('English: the same lines, the same numbers, no Cyrillic', () => {
    expect(english).toHaveLength(russian.length)
    expect(numbersIn(english.join('\n'))).toStrictEqual(numbersIn(russian.join('\n')))
    expect(english.join('\n')).not.toMatch(/[а-яА-ЯёЁ]/u)
    expect(english[0]).toBe('Forward pass:')
  })

  test("Python's {:.2e}: two exponent digits at least", () => {
    expect([5.84e-11, 3.64e-10, 1.5e-5, 0.000123, 12345, 1e100].map(pyExponential)).toStrictEqual([
      '5.84e-11',
      '3.64e-10',
      '1.50e-05',
      '1.23e-04',
      '1.23e+04',
      '1.00e+100',
    ])
  })
})
