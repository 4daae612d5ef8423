// The decoder kit behind model.json and training configs: paths in problem lines, strict objects,
// lists, suggestions for misspelt keys, and the law that decoding never throws and every problem
// is one line naming its place.

import { fc, test as propertyTest } from '@fast-check/vitest'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import {
  closestName,
  describeValue,
  finiteNumber,
  listOf,
  oneOf,
  positiveInteger,
  problemLines,
  strictObject,
} from '../../src/network/json-decoders.js'
import { left } from '../support/either.js'

const layer = strictObject(
  { sizes: listOf(positiveInteger, 'positive integers', { nonEmpty: true }) },
  { activation: oneOf(['relu', 'sigmoid'] as const), rate: finiteNumber },
)
const model = strictObject({ layers: listOf(layer, 'layers') }, {})

const problemsOf = (json: unknown): readonly string[] => problemLines(left(model.decode(json)))

describe('problem lines', () => {
  test('name nested fields and list entries by their path', () => {
    expect(
      problemsOf({ layers: [{ sizes: [2, 3] }, { sizes: [4, 2.5], activation: 'tanh' }] }),
    ).toStrictEqual([
      'layers[1].sizes[1]: expected a positive integer, got 2.5',
      'layers[1].activation: expected one of relu, sigmoid, got "tanh"',
    ])
  })

  test('report unknown keys with the likely one, and missing ones as nothing', () => {
    expect(problemsOf({ layrs: [] })).toStrictEqual([
      'layers: expected a list of layers, got nothing',
      'layrs: unknown key (did you mean layers?)',
    ])
  })

  test('quote keys that are not identifiers, so a line stays one line', () => {
    const lines = problemsOf({ layers: [], 'odd\nkey': 1 })
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^\["odd\\nkey"\]: unknown key/u)
  })

  test('the root is named (root)', () => {
    expect(problemsOf(null)).toStrictEqual(['(root): expected an object, got null'])
  })
})

describe('helpers', () => {
  test('closestName suggests within a third of the length, else nothing', () => {
    expect(closestName('optimiser', ['optimizer', 'loss'])).toBe('optimizer')
    expect(closestName('EPOCHS', ['epochs'])).toBe('epochs')
    expect(closestName('banana', ['optimizer', 'loss'])).toBeUndefined()
  })

  test('describeValue cuts long strings and names lists by length', () => {
    expect(describeValue('x'.repeat(100)).length).toBeLessThanOrEqual(42)
    expect(describeValue([])).toBe('an empty list')
    expect(describeValue([1])).toBe('a list of 1 entry')
    expect(describeValue({ a: 1 })).toBe('an object')
  })
})

describe('laws', () => {
  propertyTest.prop([fc.jsonValue()])(
    'decoding never throws; every problem is one path-named line',
    (json) => {
      const decoded = model.decode(json)
      if (E.isLeft(decoded)) {
        for (const line of problemLines(decoded.left)) expect(line).toMatch(/^[^\n]+: [^\n]+$/u)
      }
    },
  )

  propertyTest.prop([fc.anything()])('describeValue is always a single line', (value) => {
    expect(describeValue(value)).not.toContain('\n')
  })
})
