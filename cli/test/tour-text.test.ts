// The tour as text: in Russian it contains the seed notebook's stdout (test/fixtures/
// notebook_stdout.txt) line for line and in order — the two rounding-noise lines of the W2[0, 0]
// check within 1e-9 — with the graph chapter and the comparison tables between; in English the
// same lines with the same numbers and no Cyrillic. The tour is computed once and shared.

import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, test } from 'vitest'
import { runTour, type TourResults } from '../src/tour.js'
import { compareKeyNumbers, type TourComparison } from '../src/tour-comparison.js'
import { decodeNotebookReference, keyNumbers } from '../src/tour-reference.js'
import { comparisonLines, pyExponential, renderTour } from '../src/tour-text.js'
import { right } from '../../test/support/either.js'

const notebookLines = readFileSync(
  new URL('../../test/fixtures/notebook_stdout.txt', import.meta.url),
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
// compared within the gradient check's rounding tolerance, 1e-9 (src/check/gradient-check.ts:
// rounding error near u·|L|/ε), and every other line exactly.
const ROUNDING_TOLERANCE = 1e-9
const noisyAt = ((): readonly number[] => {
  const heading = notebookLines.indexOf('Проверка градиента для W2[0, 0]:')
  return [heading + 2, heading + 3]
})()

/**
 * Where each notebook line occurs in `lines`, matched greedily in order; a noisy line matches a
 * line with the same words and a number within the tolerance. -1 where the order breaks.
 */
const matchInOrder = (lines: readonly string[]): number[] => {
  let from = 0
  return notebookLines.map((expected, index) => {
    const matches = (line: string): boolean =>
      noisyAt.includes(index)
        ? line.replace(/-?[\d.e+-]+$/u, '') === expected.replace(/-?[\d.e+-]+$/u, '') &&
          Math.abs(numberIn(line) - numberIn(expected)) <= ROUNDING_TOLERANCE
        : line === expected
    const found = lines.findIndex((line, at) => at >= from && matches(line))
    if (found < 0) return -1
    from = found + 1
    return found
  })
}

describe('the tour as text', () => {
  let results: TourResults
  let comparison: TourComparison
  let russian: string[]
  let english: string[]
  beforeAll(() => {
    results = right(runTour())
    const shipped = readFileSync(new URL('../reference/notebook.json', import.meta.url), 'utf8')
    const reference = right(decodeNotebookReference(shipped, 'reference/notebook.json'))
    comparison = right(compareKeyNumbers(keyNumbers(results), reference))
    russian = renderTour(results, 'ru', comparison).split('\n')
    english = renderTour(results, 'en', comparison).split('\n')
  }, 60_000)

  test("Russian: the notebook's stdout, every line in order (two within rounding)", () => {
    expect(notebookLines).toHaveLength(155)
    const positions = matchInOrder(russian)
    expect(positions.filter((position) => position < 0)).toStrictEqual([])
    // the noisy lines are really the tolerant ones: they differ in their last digits
    expect(noisyAt.map((at) => russian.includes(notebookLines[at] ?? ''))).toStrictEqual([
      false,
      false,
    ])
  })

  test('a curve with fewer accuracies than losses (never a tour run) throws instead of printing NaN', () => {
    const corrupted = {
      ...results,
      circles: { ...results.circles, epochAccuracy: results.circles.epochAccuracy.slice(0, 1000) },
    }
    expect(() => renderTour(corrupted, 'en')).toThrow(
      new RangeError('epochLines: no entry at index 1000 of 1000'),
    )
  })

  test('the chapters come in the notebook’s order, the graph example second', () => {
    const headings = russian.filter((line) => line.startsWith('── '))
    expect(headings.map((line) => line.slice(3, 5))).toStrictEqual([
      '1.',
      '2.',
      '3.',
      '4.',
      '5.',
      '6.',
    ])
    const graph = russian.indexOf(headings[1] ?? '')
    const demo = russian.indexOf('# ДЕМОНСТРАЦИЯ ОБРАТНОГО РАСПРОСТРАНЕНИЯ')
    const graphLines = russian.slice(graph, demo)
    for (const line of ['z = xw + b = 7', 'L = z² = 49', 'dL/dx = 42', 'dL/dw = 28', 'dL/db = 14'])
      expect(graphLines).toContain(line)
  })

  test('each chapter ends with its table: gradfold, the notebook and |Δ| per key number', () => {
    expect(russian.filter((line) => line === 'gradfold и тетрадка:')).toHaveLength(6)
    const row = (label: string): string[] =>
      (english.find((line) => line.startsWith(`  ${label}  `)) ?? '').trim().split(/\s{2,}/u)
    expect(row('dL/dw')).toStrictEqual(['dL/dw', '28', '28', '0'])
    expect(row('L')).toStrictEqual(['L', '49', '49', '0'])
    expect(row('dL/dW2[0, 0] (numerical)')).toStrictEqual([
      'dL/dW2[0, 0] (numerical)',
      '-0.09919878682373984',
      '-0.0991987864074062',
      '4.16e-10',
    ])
    expect(row('Test set accuracy')).toStrictEqual([
      'Test set accuracy',
      '0.8833333333333333',
      '0.8833333333333333',
      '0',
    ])
    expect(
      english.some((line) =>
        /^ {2}all 2000 losses: largest \|Δ\| = \d\.\d\de-1[5-9] \(epoch \d+\)$/u.test(line),
      ),
    ).toBe(true)
  })

  test('English: the same lines, the same numbers, no Cyrillic', () => {
    expect(english).toHaveLength(russian.length)
    expect(numbersIn(english.join('\n'))).toStrictEqual(numbersIn(russian.join('\n')))
    expect(english.join('\n')).not.toMatch(/[а-яА-ЯёЁ]/u)
    expect(english).toContain('Epoch 900: Loss = 0.074927, Accuracy = 0.9000')
    expect(english).toContain('Loss = 0.138309')
  })

  test('without the notebook’s numbers: no tables, one line saying so', () => {
    const alone = renderTour(results, 'en').split('\n')
    expect(alone.filter((line) => line.includes('beside the notebook'))).toStrictEqual([])
    expect(alone.at(-1)).toBe('(--no-reference: the notebook’s values are not compared)')
  })

  test('a table aligns its columns and names matrix entries and loss epochs', () => {
    const lines = comparisonLines(
      {
        rows: [
          { path: 'verbose231.dW1[1][2]', gradfold: 0.5, notebook: 0.25, difference: 0.25 },
          { path: 'verbose231.updated.b2[0][0]', gradfold: 1, notebook: 1, difference: 0 },
          { path: 'moons.losses[999]', gradfold: 0.07, notebook: 0.07, difference: 0 },
        ],
        series: [{ path: 'moons.losses', count: 1000, largestDifference: 5.5e-17, at: 3 }],
      },
      'ru',
    )
    expect(lines).toStrictEqual([
      'gradfold и тетрадка:',
      '  величина             gradfold  тетрадка  |Δ|',
      '  dL/dW1[1, 2]         0.5       0.25      2.50e-01',
      '  b2[0, 0] после шага  1         1         0',
      '  loss, эпоха 999      0.07      0.07      0',
      '  все 1000 значений loss: наибольшая |Δ| = 5.50e-17 (эпоха 3)',
    ])
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
