// fromTable and tableFeatures: hand-made tables with expectations worked out by hand, every bad
// table named in one line (row, column), numbers read back bit for bit, classes in the documented
// order (checked against an independent sort), and arbitrary records never throw.

import { fc, test as propertyTest } from '@fast-check/vitest'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import { data, linalg } from '../../src/index.js'
import { left, right } from '../support/either.js'

const message = (either: E.Either<data.DataError, unknown>): string => left(either).message

const wine = [
  [' alcohol ', 'acid', 'class'],
  ['13.2', '1.78', '1'],
  ['-1.5', '3e-4', '3'],
  ['.5', ' 7 ', '2'],
  ['+2', '1E3', '1'],
]

describe('fromTable', () => {
  test('reads features, trims names and cells, and numbers integer classes in order', () => {
    const table = right(data.fromTable(wine, { label: 'class' }))
    expect(table.featureNames).toStrictEqual(['alcohol', 'acid'])
    expect(table.classNames).toStrictEqual(['1', '2', '3'])
    expect(linalg.toRows(table.dataset.X)).toStrictEqual([
      [13.2, 1.78],
      [-1.5, 0.0003],
      [0.5, 7],
      [2, 1000],
    ])
    expect(linalg.toFlat(table.dataset.y)).toStrictEqual([0, 2, 1, 0])
    expect(Object.isFrozen(table)).toBe(true)
    expect(Object.isFrozen(table.featureNames)).toBe(true)
    expect(Object.isFrozen(table.classNames)).toBe(true)
  })

  test('integer classes sort as numbers and take their canonical name', () => {
    const records = [
      ['x', 'y'],
      ['1', '10'],
      ['2', '9'],
      ['3', '-2'],
      ['4', '+9'],
      ['5', '09'],
    ]
    const table = right(data.fromTable(records, { label: 'y' }))
    expect(table.classNames).toStrictEqual(['-2', '9', '10'])
    expect(linalg.toFlat(table.dataset.y)).toStrictEqual([2, 1, 0, 1, 1])
  })

  test('integers beyond 2⁵³ stay distinct classes', () => {
    const records = [
      ['x', 'y'],
      ['1', '9007199254740993'],
      ['2', '9007199254740992'],
    ]
    const table = right(data.fromTable(records, { label: 'y' }))
    expect(table.classNames).toStrictEqual(['9007199254740992', '9007199254740993'])
    expect(linalg.toFlat(table.dataset.y)).toStrictEqual([1, 0])
  })

  test('other labels sort as strings: "10" before "9", capitals before small letters', () => {
    const records = [
      ['x', 'kind'],
      ['1', 'b'],
      ['2', '9'],
      ['3', 'B'],
      ['4', '10'],
      ['5', '1.5'],
    ]
    const table = right(data.fromTable(records, { label: 'kind' }))
    expect(table.classNames).toStrictEqual(['1.5', '10', '9', 'B', 'b'])
    expect(linalg.toFlat(table.dataset.y)).toStrictEqual([4, 2, 3, 1, 0])
  })

  test('strings sort by code point, as numpy does, not by UTF-16 code unit', () => {
    // U+FF21 (a BMP letter, code unit 0xff21) and U+1F600 (code units 0xd83d 0xde00)
    const records = [
      ['x', 'kind'],
      ['1', '😀'],
      ['2', 'Ａ'],
    ]
    expect(right(data.fromTable(records, { label: 'kind' })).classNames).toStrictEqual(['Ａ', '😀'])
  })

  test('listed features, in the listed order', () => {
    const table = right(data.fromTable(wine, { label: 'class', features: ['acid'] }))
    expect(table.featureNames).toStrictEqual(['acid'])
    expect(linalg.toFlat(table.dataset.X)).toStrictEqual([1.78, 0.0003, 7, 1000])
    const swapped = right(data.fromTable(wine, { label: 'class', features: ['acid', 'alcohol'] }))
    expect(linalg.toRows(swapped.dataset.X)[0]).toStrictEqual([1.78, 13.2])
  })

  test('a regression target keeps the label as a number', () => {
    const table = right(data.fromTable(wine, { label: 'acid', target: 'regression' }))
    expect(table.classNames).toBeNull()
    expect(table.featureNames).toStrictEqual(['alcohol', 'class'])
    expect(linalg.toFlat(table.dataset.y)).toStrictEqual([1.78, 0.0003, 7, 1000])
    expect(
      message(
        data.fromTable(
          [
            ['a', 'b'],
            ['1', 'x'],
          ],
          { label: 'b', target: 'regression' },
        ),
      ),
    ).toBe('fromTable: row 2, column "b": expected a number, got "x"')
  })

  test.each([
    [[], { label: 'class' }, 'fromTable: no header row'],
    [[[]], { label: 'class' }, 'fromTable: no header row'],
    [[['a', 'class']], { label: 'class' }, 'fromTable: no data rows'],
    [
      [
        ['a', 'b', 'c'],
        ['1', '2', '3'],
      ],
      { label: 'class' },
      'fromTable: no column "class" (the columns are: a, b, c)',
    ],
    [
      [
        ['a', 'b', ' a'],
        ['1', '2', '3'],
      ],
      { label: 'b' },
      'fromTable: column "a" appears twice in the header (columns 1 and 3)',
    ],
    [
      [['class'], ['1'], ['2']],
      { label: 'class' },
      'fromTable: no feature columns: the only column is the label "class"',
    ],
    [
      wine,
      { label: 'class', features: ['acid', 'sugar'] },
      'fromTable: no column "sugar" (the columns are: alcohol, acid, class)',
    ],
    [
      wine,
      { label: 'class', features: ['acid', 'class'] },
      'fromTable: the label column "class" is listed as a feature',
    ],
    [
      wine,
      { label: 'class', features: ['acid', 'acid'] },
      'fromTable: column "acid" is listed twice in features',
    ],
    [wine, { label: 'class', features: [] }, 'fromTable: features is empty'],
    [
      [...wine, ['1', '2', '3'], ['1', '2']],
      { label: 'class' },
      'fromTable: row 7: expected 3 fields (as the header), got 2',
    ],
    [
      [...wine.slice(0, 4), ['abc', 'x', '1']],
      { label: 'class' },
      'fromTable: row 5, column "alcohol": expected a number, got "abc"',
    ],
    [
      [
        ['a', 'class', 'b'],
        ['1', '', 'x'],
      ],
      { label: 'class' },
      'fromTable: row 2, column "class": the label is empty',
    ],
    [
      [
        ['a', 'class'],
        ['1', '1'],
        ['2', ' 1'],
      ],
      { label: 'class' },
      'fromTable: column "class" holds one class only ("1"): a classifier needs at least two',
    ],
  ] as const)('names a bad table in one line: %#', (records, options, expected) => {
    expect(message(data.fromTable(records, options))).toBe(expected)
  })

  test.each([
    '',
    ' ',
    'NaN',
    'Infinity',
    '-Infinity',
    '0x10',
    '1,5',
    '1e',
    '1.2.3',
    '--1',
    '1e400',
    '٣',
  ])('refuses %j as a number', (cell) => {
    expect(
      message(
        data.fromTable(
          [
            ['a', 'class'],
            [cell, '1'],
            ['1', '2'],
          ],
          { label: 'class' },
        ),
      ),
    ).toBe(`fromTable: row 2, column "a": expected a number, got ${JSON.stringify(cell)}`)
  })

  test('the first problem in reading order is the one named', () => {
    const records = [
      ['a', 'class', 'b'],
      ['1', '0', '2'],
      ['x', '', 'y'],
    ]
    expect(message(data.fromTable(records, { label: 'class', features: ['b', 'a'] }))).toBe(
      'fromTable: row 3, column "a": expected a number, got "x"',
    )
    expect(
      message(
        data.fromTable(
          [
            ['a', 'class', 'b'],
            ['1', '', 'y'],
          ],
          { label: 'class' },
        ),
      ),
    ).toBe('fromTable: row 2, column "class": the label is empty')
  })

  test('messages stay short, however long the cells and however many the columns', () => {
    const long = 'z'.repeat(10_000)
    const names = Array.from({ length: 1000 }, (_, index) => `c${index}`)
    expect(message(data.fromTable([names, names.map(() => '1')], { label: 'class' }))).toBe(
      `fromTable: no column "class" (the columns are: ${names.slice(0, 20).join(', ')} … and 980 more)`,
    )
    expect(
      message(
        data.fromTable(
          [
            ['a', 'class'],
            [long, '1'],
          ],
          { label: 'class' },
        ),
      ),
    ).toBe(`fromTable: row 2, column "a": expected a number, got "${'z'.repeat(40)}…"`)
  })

  test('a table of more cells than the limit is refused before reading it', () => {
    // 2²⁰ columns: 128 rows make 2²⁷ cells, the limit; 129 are more. Rows share one record.
    const header = Array.from({ length: 2 ** 20 }, (_, index) => `c${index}`)
    const row = header.map(() => '1')
    const table = (rows: number) => [header, ...new Array<readonly string[]>(rows).fill(row)]
    expect(message(data.fromTable(table(129), { label: 'c0' }))).toBe(
      'fromTable: 129 rows × 1048576 columns is more than the limit of 134217728 cells',
    )
    expect(message(data.tableFeatures(table(129), header))).toBe(
      'tableFeatures: 129 rows × 1048576 columns is more than the limit of 134217728 cells',
    )
    expect(data.MAX_TABLE_CELLS).toBe(2 ** 27)
  }, 60_000)

  const finite = fc
    .double({ noNaN: true, noDefaultInfinity: true })
    .filter((x) => !Object.is(x, -0))

  propertyTest.prop([
    fc.integer({ min: 1, max: 5 }).chain((width) =>
      fc.array(fc.array(finite, { minLength: width, maxLength: width }), {
        minLength: 1,
        maxLength: 20,
      }),
    ),
  ])('numbers printed with String() come back bit for bit', (rows) => {
    const names = (rows[0] ?? []).map((_, index) => `x${index}`)
    const records = [
      [...names, 'class'],
      ...rows.map((row, index) => [...row.map(String), String(index)]),
    ]
    const table = right(data.fromTable(records, { label: 'class', target: 'regression' }))
    expect(linalg.toRows(table.dataset.X)).toStrictEqual(rows)
    const regression = right(
      data.fromTable(
        [['class', 'y'], ...rows.flat().map((value, index) => [String(index % 2), String(value)])],
        { label: 'y', target: 'regression' },
      ),
    )
    expect(linalg.toFlat(regression.dataset.y)).toStrictEqual(rows.flat())
  })

  /** An independent code-point comparison: arrays of code points, compared entry by entry. */
  const codePointOrder = (a: string, b: string): number => {
    const left = Array.from(a, (character) => character.codePointAt(0))
    const right = Array.from(b, (character) => character.codePointAt(0))
    for (let index = 0; index < Math.min(left.length, right.length); index++) {
      if (left[index] !== right[index]) return Number(left[index]) - Number(right[index])
    }
    return left.length - right.length
  }

  propertyTest.prop([
    fc.array(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 4 }), {
      minLength: 2,
      maxLength: 30,
    }),
  ])('string classes are the distinct labels in code-point order', (labels) => {
    const trimmed = labels.map((label) => label.trim())
    fc.pre(trimmed.every((label) => label !== ''))
    fc.pre(!trimmed.every((label) => /^[+-]?\d+$/.test(label)))
    const distinct = [...new Set(trimmed)].sort(codePointOrder)
    fc.pre(distinct.length >= 2)
    const table = right(
      data.fromTable([['x', 'label'], ...labels.map((label) => ['0', label])], { label: 'label' }),
    )
    expect(table.classNames).toStrictEqual(distinct)
    expect(linalg.toFlat(table.dataset.y)).toStrictEqual(
      trimmed.map((label) => distinct.indexOf(label)),
    )
  })

  propertyTest.prop([
    fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 2, maxLength: 30 }),
  ])('integer classes are the distinct labels in numeric order', (labels) => {
    const distinct = [...new Set(labels)].sort((a, b) => a - b)
    fc.pre(distinct.length >= 2)
    const table = right(
      data.fromTable([['x', 'label'], ...labels.map((label) => ['0', String(label)])], {
        label: 'label',
      }),
    )
    expect(table.classNames).toStrictEqual(distinct.map(String))
    expect(linalg.toFlat(table.dataset.y)).toStrictEqual(
      labels.map((label) => distinct.indexOf(label)),
    )
  })

  const anyRecords = fc.array(fc.array(fc.string(), { maxLength: 5 }), { maxLength: 8 })
  const anyOptions = fc.record(
    {
      label: fc.string({ maxLength: 3 }),
      features: fc.array(fc.string({ maxLength: 3 }), { maxLength: 3 }),
      target: fc.constantFrom('classes' as const, 'regression' as const),
    },
    { requiredKeys: ['label'] },
  )

  propertyTest.prop([anyRecords, anyOptions])(
    'arbitrary records never throw; every Left is one named line',
    (records, options) => {
      for (const result of [
        data.fromTable(records, options),
        data.tableFeatures(records, options.features ?? [options.label]),
      ]) {
        if (E.isLeft(result)) {
          expect(result.left.message).toMatch(/^(fromTable|tableFeatures): \S/)
          expect(result.left.message).not.toContain('\n')
        }
      }
    },
  )

  propertyTest.prop([
    fc.array(
      fc.array(fc.constantFrom('1', '2', 'a', '', ' 3 ', 'x'), { minLength: 3, maxLength: 3 }),
      {
        maxLength: 6,
      },
    ),
  ])('tables close to valid never throw', (rows) => {
    const result = data.fromTable([['a', 'b', 'class'], ...rows], { label: 'class' })
    if (E.isLeft(result)) expect(result.left.message).toMatch(/^fromTable: /)
  })

  test('the records are not written', () => {
    const records = wine.map((row) => [...row])
    right(data.fromTable(records, { label: 'class' }))
    expect(records).toStrictEqual(wine)
  })
})

describe('tableFeatures', () => {
  test('the named columns in that order; the label need not be there', () => {
    const X = right(data.tableFeatures(wine, ['acid', 'alcohol']))
    expect(linalg.toRows(X)).toStrictEqual([
      [1.78, 13.2],
      [0.0003, -1.5],
      [7, 0.5],
      [1000, 2],
    ])
    const unlabelled = [
      ['acid', 'alcohol'],
      ['1', '2'],
    ]
    expect(linalg.toRows(right(data.tableFeatures(unlabelled, ['alcohol', 'acid'])))).toStrictEqual(
      [[2, 1]],
    )
  })

  test.each([
    [[], ['a'], 'tableFeatures: no header row'],
    [[['a']], ['a'], 'tableFeatures: no data rows'],
    [wine, [], 'tableFeatures: featureNames is empty'],
    [wine, ['sugar'], 'tableFeatures: no column "sugar" (the columns are: alcohol, acid, class)'],
    [
      [['a', 'b'], ['1', '2'], ['3']],
      ['b'],
      'tableFeatures: row 3: expected 2 fields (as the header), got 1',
    ],
    [
      [
        ['a', 'b'],
        ['1', 'x'],
      ],
      ['a', 'b'],
      'tableFeatures: row 2, column "b": expected a number, got "x"',
    ],
  ] as const)('names a bad table in one line: %#', (records, names, expected) => {
    expect(message(data.tableFeatures(records, names))).toBe(expected)
  })
})
