// Checked reads: the element where there is one, a RangeError naming the place and the index
// where there is none — for plain arrays and for each typed-array reader.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { at, float64At, uint16At, uint32At, uint8At } from '../../src/linalg/checked.js'

/** A reader of one element type, with a way to build its array from small non-negative integers. */
type Reader = readonly [
  string,
  (values: readonly number[]) => ArrayLike<number>,
  (items: ArrayLike<number>, index: number, where: string) => number,
]

const readers: readonly Reader[] = [
  ['at', (values) => [...values], (items, index, where) => at(items, index, where)],
  [
    'float64At',
    (values) => Float64Array.from(values),
    (items, index, where) => float64At(items as Float64Array, index, where),
  ],
  [
    'uint32At',
    (values) => Uint32Array.from(values),
    (items, index, where) => uint32At(items as Uint32Array, index, where),
  ],
  [
    'uint16At',
    (values) => Uint16Array.from(values),
    (items, index, where) => uint16At(items as Uint16Array, index, where),
  ],
  [
    'uint8At',
    (values) => Uint8Array.from(values),
    (items, index, where) => uint8At(items as Uint8Array, index, where),
  ],
]

/** Any index: in range or not, negative, fractional, or not a number at all. */
const anyIndex = fc.oneof(
  fc.integer({ min: -3, max: 40 }),
  fc.double({ noDefaultInfinity: false }),
  fc.constantFrom(Number.NaN, -0, 0.5),
)

describe.each(readers)('%s', (_name, build, read) => {
  propertyTest.prop([fc.array(fc.nat({ max: 255 }), { maxLength: 32 }), anyIndex])(
    'returns items[index] where there is an element, and throws naming the place and index elsewhere',
    (values, index) => {
      const items = build(values)
      const inRange = Number.isInteger(index) && index >= 0 && index < values.length
      if (inRange) {
        expect(read(items, index, 'somewhere')).toBe(values[index])
      } else {
        expect(() => read(items, index, 'somewhere')).toThrow(RangeError)
        expect(() => read(items, index, 'somewhere')).toThrow(
          `somewhere: no entry at index ${index} of ${values.length}`,
        )
      }
    },
  )

  test('the message is one line: the place, the index and the length', () => {
    expect(() => read(build([1, 2, 3]), 3, 'threefry rotations')).toThrow(
      new RangeError('threefry rotations: no entry at index 3 of 3'),
    )
  })
})

describe('at', () => {
  test('returns elements of any type but undefined, null and falsy values included', () => {
    const items = [0, '', false, null, { a: 1 }] as const
    expect(items.map((_, index) => at(items, index, 'items'))).toStrictEqual([...items])
  })

  test('a hole in a sparse array is no element: it throws', () => {
    const sparse = new Array<number>(3)
    sparse[0] = 1
    sparse[2] = 3
    expect(() => at(sparse, 1, 'sparse')).toThrow('sparse: no entry at index 1 of 3')
  })

  test('reads strings and regular-expression groups (any ArrayLike)', () => {
    const match = /^(\w+)-(\d+)$/u.exec('layer-2')
    expect(match === null ? undefined : at(match, 2, 'group')).toBe('2')
    expect(at('xyz', 1, 'letters')).toBe('y')
  })
})
