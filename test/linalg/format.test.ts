// Checks format and formatNumpy against numpy's own printing (fixtures and recorded edge cases).

import { readFileSync } from 'node:fs'
import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { linalg } from '../../src/index.js'
import * as check from '../../src/check/index.js'
import { adopt } from '../../src/linalg/matrix.js'
import { right } from '../support/either.js'

interface FormatCase {
  readonly name: string
  readonly rows: number[][]
  readonly str: string
  readonly str1d: string
  readonly fixed4: string
  readonly fixed2: string
}

interface PrintingCase {
  readonly name: string
  readonly rows: number[][]
  readonly vector: boolean
  readonly printed: string
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null

const isNumberRows = (value: unknown): value is number[][] =>
  Array.isArray(value) &&
  value.every(
    (row: unknown) =>
      Array.isArray(row) && row.every((entry: unknown) => typeof entry === 'number'),
  )

const isFormatCase = (value: unknown): value is FormatCase =>
  isRecord(value) &&
  typeof value.name === 'string' &&
  isNumberRows(value.rows) &&
  typeof value.str === 'string' &&
  typeof value.str1d === 'string' &&
  typeof value.fixed4 === 'string' &&
  typeof value.fixed2 === 'string'

const isPrintingCase = (value: unknown): value is PrintingCase =>
  isRecord(value) &&
  typeof value.name === 'string' &&
  isNumberRows(value.rows) &&
  typeof value.vector === 'boolean' &&
  typeof value.printed === 'string'

const readJson = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'))

const loadFormatCases = (): FormatCase[] => {
  const fixture = readJson('numpy_format.json')
  const cases: unknown = isRecord(fixture) ? fixture.cases : undefined
  if (!Array.isArray(cases) || !cases.every(isFormatCase)) {
    throw new Error(
      'numpy_format.json: expected { cases: [{ name, rows, str, str1d, fixed4, fixed2 }] }',
    )
  }
  return cases
}

const loadPrintingCases = (): PrintingCase[] => {
  const cases = readJson('notebook_printing.json')
  if (!Array.isArray(cases) || !cases.every(isPrintingCase)) {
    throw new Error('notebook_printing.json: expected [{ name, rows, vector, printed }]')
  }
  return cases
}

const formatCases = loadFormatCases()
const printingCases = loadPrintingCases()

/** A matrix from rows that may hold NaN or infinities (as overflowing arithmetic can produce). */
const matrixOf = (rows: readonly (readonly number[])[]): linalg.Matrix =>
  adopt(rows.length, rows[0]?.length ?? 0, Float64Array.from(rows.flat()))

describe('formatNumpy and format reproduce numpy_format.json', () => {
  test('the fixture holds the expected cases', () => {
    expect(formatCases.length).toBe(15)
  })

  describe.each(formatCases)('$name', (fixture) => {
    const matrix = right(linalg.fromRows(fixture.rows))

    test('formatNumpy is numpy str() of the 2-D array', () => {
      expect(linalg.formatNumpy(matrix)).toBe(fixture.str)
    })

    test('formatNumpy with vector is numpy str() of reshape(-1)', () => {
      expect(linalg.formatNumpy(matrix, { vector: true })).toBe(fixture.str1d)
    })

    test('format is array2string with precision 4, fixed', () => {
      expect(linalg.format(matrix)).toBe(fixture.fixed4)
    })

    test('format with precision 2 is array2string with precision 2, fixed', () => {
      expect(linalg.format(matrix, { precision: 2 })).toBe(fixture.fixed2)
    })
  })
})

describe('formatNumpy reproduces the notebook printing', () => {
  test('the fixture holds the expected cases', () => {
    expect(printingCases.length).toBe(14)
  })

  test.each(printingCases)('$name', (fixture) => {
    const matrix = right(linalg.fromRows(fixture.rows))

    const printed = linalg.formatNumpy(matrix, { vector: fixture.vector })

    expect(printed).toBe(fixture.printed)
  })
})

// Expected strings recorded from numpy 2.4 (str(a) and array2string(a, separator=', ',
// precision=p, floatmode='fixed')).
describe('numpy edge cases', () => {
  test('exact ties round to the even digit, as numpy dragon4 does', () => {
    const ties = matrixOf([[0.125, 0.375, 2.5, 0.5, -0.5, 15.125]])

    expect(linalg.formatNumpy(ties)).toBe('[[ 0.125  0.375  2.5    0.5   -0.5   15.125]]')
    expect(linalg.format(ties, { precision: 2 })).toBe(
      '[[ 0.12,  0.38,  2.50,  0.50, -0.50, 15.12]]',
    )
    expect(linalg.format(ties, { precision: 0 })).toBe('[[ 0.,  0.,  2.,  0., -0., 15.]]')
    expect(linalg.format(matrixOf([[1.25, 0.0625, 1]]), { precision: 1 })).toBe('[[1.2, 0.1, 1.0]]')
  })

  test('a tie at the eighth digit of str rounds to even', () => {
    expect(linalg.formatNumpy(matrixOf([[0.001953125]]), { vector: true })).toBe('[0.00195312]')
  })

  test('scientific ties round to the even digit', () => {
    const ties = matrixOf([[2.5e10, 3.5e10, 1]])

    expect(linalg.formatNumpy(ties)).toBe('[[2.5e+10 3.5e+10 1.0e+00]]')
    expect(linalg.format(ties, { precision: 0 })).toBe('[[2.e+10, 4.e+10, 1.e+00]]')
  })

  test('negative zero keeps its sign in scientific mode', () => {
    const withNegativeZero = matrixOf([[-0, 1e-5, 1]])

    expect(linalg.formatNumpy(withNegativeZero)).toBe('[[-0.e+00  1.e-05  1.e+00]]')
    expect(linalg.format(withNegativeZero, { precision: 2 })).toBe(
      '[[-0.00e+00,  1.00e-05,  1.00e+00]]',
    )
  })

  test('nan and inf are padded to the width of positional entries', () => {
    const withInfinity = matrixOf([[1.5, -Infinity, 2.25]])

    expect(linalg.formatNumpy(withInfinity)).toBe('[[1.5  -inf 2.25]]')
    expect(linalg.format(withInfinity, { precision: 2 })).toBe('[[1.50, -inf, 2.25]]')
    expect(linalg.format(withInfinity, { precision: 0 })).toBe('[[  2., -inf,   2.]]')
  })

  test('nan and inf are padded to the width of scientific entries', () => {
    const withNaN = matrixOf([[Number.NaN, 1e-5, 3]])
    const withInfinity = matrixOf([[-Infinity, 1e10, 3]])

    expect(linalg.formatNumpy(withNaN)).toBe('[[   nan 1.e-05 3.e+00]]')
    expect(linalg.format(withNaN, { precision: 2 })).toBe('[[     nan, 1.00e-05, 3.00e+00]]')
    expect(linalg.formatNumpy(withInfinity)).toBe('[[  -inf 1.e+10 3.e+00]]')
    expect(linalg.format(withInfinity, { precision: 2 })).toBe('[[    -inf, 1.00e+10, 3.00e+00]]')
  })

  test('the largest precision prints every digit', () => {
    const zeros = '0'.repeat(100)

    const printed = linalg.format(matrixOf([[1, 2]]), { precision: 100 })

    expect(printed).toBe(`[[1.${zeros},\n  2.${zeros}]]`)
  })
})

describe('format validates precision', () => {
  test.each([-1, 0.5, 101, Number.NaN, Infinity])(
    'precision %s throws a RangeError',
    (precision) => {
      expect(() => linalg.format(linalg.ones(1, 1), { precision })).toThrow(RangeError)
    },
  )

  test.each([
    [0, '[[1.]]'],
    [100, `[[1.${'0'.repeat(100)}]]`],
  ])('precision %s is accepted', (precision, expected) => {
    expect(linalg.format(linalg.ones(1, 1), { precision })).toBe(expected)
  })
})

/** The numbers of a printout in row-major order, each with the digits shown after its point. */
const printedNumbers = (printed: string): { value: number; halfStep: number }[] =>
  printed
    .replace(/[[\],]/g, ' ')
    .trim()
    .split(/\s+/)
    .map((token) => {
      const [mantissa = '', exponent = '0'] = token.split('e')
      const fractionDigits = mantissa.split('.')[1]?.length ?? 0
      return { value: Number(token), halfStep: 0.5 * 10 ** (Number(exponent) - fractionDigits) }
    })

describe('printed numbers parse back to the entries', () => {
  propertyTest.prop([check.matrix({ maxSize: 8, magnitude: 100 })])(
    'format with precision 6: each number is within half a unit of its last digit',
    (matrix) => {
      const entries = linalg.toFlat(matrix)

      const numbers = printedNumbers(linalg.format(matrix, { precision: 6 }))

      expect(numbers).toHaveLength(entries.length)
      numbers.forEach(({ value, halfStep }, index) => {
        const entry = entries[index] ?? Number.NaN
        const slack = 4 * Number.EPSILON * Math.max(Math.abs(entry), halfStep)
        expect(Math.abs(value - entry)).toBeLessThanOrEqual(halfStep + slack)
      })
    },
  )

  const magnitudeInRange = fc
    .tuple(fc.double({ min: 0.1, max: 100, noNaN: true }), fc.boolean())
    .map(([magnitude, negative]) => (negative ? -magnitude : magnitude))

  propertyTest.prop([fc.array(magnitudeInRange, { minLength: 1, maxLength: 12 })])(
    'format with precision 6 of magnitudes in [0.1, 100] (ratio at most 1000) is positional',
    (values) => {
      const matrix = right(linalg.rowVector(values))

      const printed = linalg.format(matrix, { precision: 6 })

      expect(printed).not.toContain('e')
      const tokens = printed
        .replace(/[[\],]/g, ' ')
        .trim()
        .split(/\s+/)
      expect(tokens).toHaveLength(values.length)
      tokens.forEach((token, index) => {
        expect(token).toMatch(/^-?\d+\.\d{6}$/)
        const entry = values[index] ?? Number.NaN
        expect(Math.abs(Number(token) - entry)).toBeLessThanOrEqual(0.5e-6 + 1e-13)
      })
    },
  )

  propertyTest.prop([check.matrix({ maxSize: 8, magnitude: 100 })])(
    'formatNumpy: each number is within half a unit of the eighth digit (or exact)',
    (matrix) => {
      const entries = linalg.toFlat(matrix)

      const numbers = printedNumbers(linalg.formatNumpy(matrix))

      expect(numbers).toHaveLength(entries.length)
      numbers.forEach(({ value }, index) => {
        const entry = entries[index] ?? Number.NaN
        const exponent = entry === 0 ? 0 : Math.floor(Math.log10(Math.abs(entry)))
        const scientificStep = 0.5 * 10 ** (exponent - 8)
        const bound = Math.max(0.5e-8, scientificStep) * (1 + 1e-9)
        expect(Math.abs(value - entry)).toBeLessThanOrEqual(bound)
      })
    },
  )
})
