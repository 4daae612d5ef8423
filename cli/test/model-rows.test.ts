// The rows a model is fed: a config's test rows (or every row without a split), a CSV's columns
// in the model's order whatever the file's, the stored standardisation applied, labels mapped to
// the model's classes by name (integers in canonical form).

import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import { linalg, network } from 'gradfold'
import { modelRows } from '../src/model-rows.js'
import type { ReadModel } from '../src/saved-model.js'
import { left, right } from '../../test/support/either.js'
import { memoryWorld } from './support/memory-world.js'

const net = right(
  network.fromLayers([
    {
      kind: 'dense',
      W: right(
        linalg.fromRows([
          [1, 0, 0],
          [0, 1, 0],
        ]),
      ),
      b: linalg.zeros(1, 3),
      activation: 'softmax',
    },
  ]),
)
const model = (input: network.InputMetadata): ReadModel => ({
  network: net,
  input,
  output: { target: 'classes', classes: ['2', '7', '10'], loss: 'softmaxCrossEntropy', label: 'k' },
})

describe('a CSV', () => {
  const world = memoryWorld({ files: { 't.csv': 'b,k,a\n1,007,10\n3,10,30\n' } })

  test('columns in the model’s order, labels by canonical integer name', () => {
    const rows = right(modelRows(world, model({ features: ['a', 'b'] }), 'm.json', 't.csv', true))
    expect(linalg.toRows(rows.X)).toStrictEqual([
      [10, 1],
      [30, 3],
    ])
    expect(rows.y === null ? null : linalg.toFlat(rows.y)).toStrictEqual([1, 2])
    expect(rows.description).toBe('t.csv: 2 rows')
  })

  test('the stored standardisation, applied as data.standardize does', () => {
    const rows = right(
      modelRows(
        world,
        model({ features: ['a', 'b'], standardize: { mean: [20, 2], scale: [10, 0.5] } }),
        'm.json',
        't.csv',
        false,
      ),
    )
    expect(linalg.toRows(rows.X)).toStrictEqual([
      [-1, -2],
      [1, 2],
    ])
    expect(rows.y).toBe(null)
  })

  test('labels are read only when asked for', () => {
    const unlabelled = memoryWorld({ files: { 'u.csv': 'a,b\n1,2\n' } })
    expect(
      E.isRight(modelRows(unlabelled, model({ features: ['a', 'b'] }), 'm', 'u.csv', false)),
    ).toBe(true)
    expect(
      left(modelRows(unlabelled, model({ features: ['a', 'b'] }), 'm', 'u.csv', true)),
    ).toStrictEqual(['u.csv: no label column "k" (the model\'s output.label)'])
  })
})

describe('a config', () => {
  test('without a split: every row; the data’s classes mapped by name', () => {
    const world = memoryWorld({
      files: {
        'x.json': '{ "data": { "name": "xor", "samples": 6 }, "model": { "layers": [2, 1] } }',
      },
    })
    const binary: ReadModel = {
      network: net,
      input: { features: ['x1', 'x2'] },
      output: { target: 'classes', classes: ['1', '0'], loss: 'mse' },
    }
    const rows = right(modelRows(world, binary, 'm.json', 'x.json', true))
    expect(rows.description).toBe('x.json: every row, 6 rows')
    const plain = right(
      modelRows(
        world,
        { ...binary, output: { target: 'classes', classes: ['0', '1'], loss: 'mse' } },
        'm',
        'x.json',
        true,
      ),
    )
    // the same rows; class 0 of the data is the model's class 1 and the other way round
    expect(rows.X).toStrictEqual(plain.X)
    expect(linalg.toFlat(rows.y ?? linalg.zeros(1, 1))).toStrictEqual(
      linalg.toFlat(plain.y ?? linalg.zeros(1, 1)).map((label) => 1 - label),
    )
  })

  test('many missing features: the first eight named and a count, on one line', () => {
    const world = memoryWorld({
      files: {
        'x.json': '{ "data": { "name": "xor", "samples": 6 }, "model": { "layers": [2, 1] } }',
      },
    })
    const wanted = Array.from({ length: 11 }, (_, index) => `p${index + 1}`)
    const [line, ...rest] = left(
      modelRows(world, model({ features: wanted }), 'm', 'x.json', false),
    )
    expect(rest).toStrictEqual([])
    expect(line).toBe(
      'x.json: no feature "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8" and 3 more (the model reads 11: p1, p2, p3, p4, p5, p6, p7, p8, …; the data has 2: x1, x2)',
    )
  })
})
