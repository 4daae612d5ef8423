// gradientDistributions: per dense layer, box plots of |dW| at each recorded epoch on a log scale —
// one value per non-zero entry, the layers as columns.

import { fc } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { linalg } from '../../src/index.js'
import { gradientMagnitudes } from '../../src/viz/gradient-distributions.js'
import { gradientDistributions } from '../../src/viz/index.js'
import { figureWords } from '../../src/teach/index.js'
import { right } from '../support/either.js'
import {
  asJson,
  at,
  expectCompiles,
  expectSized,
  listAt,
  moonsNetwork,
} from './notebook-figures.js'

const russian = figureWords('ru')

describe('gradientMagnitudes', () => {
  test('has one |entry| per non-zero weight-gradient entry, by epoch and layer', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom(0, -0.5, 0.25, 2, -3), { minLength: 6, maxLength: 6 }), {
          minLength: 1,
          maxLength: 4,
        }),
        (layers) => {
          const gradients = {
            layers: layers.map((entries) => ({
              W: right(linalg.fromFlat(2, 3, entries)),
              b: linalg.zeros(1, 3),
            })),
          }
          const rows = gradientMagnitudes([{ epoch: 7, gradients }])
          expect(rows.length).toBe(layers.flat().filter((value) => value !== 0).length)
          const expected = layers.flatMap((entries, index) =>
            entries
              .filter((value) => value !== 0)
              .map((value) => [`dW${index + 1}`, Math.abs(value)]),
          )
          expect(rows.map((row) => [row.layer, row.magnitude])).toStrictEqual(expected)
          expect(rows.every((row) => row.epoch === 7)).toBe(true)
        },
      ),
    )
  })
})

describe('gradientDistributions', () => {
  test('draw box plots per layer and epoch on a log scale', () => {
    const shrunk = {
      layers: moonsNetwork.parameters.layers.map((layer) =>
        'W' in layer ? { W: linalg.scale(layer.W, 0.01), b: layer.b } : layer,
      ),
    }
    const spec = gradientDistributions(
      [
        { epoch: 0, gradients: moonsNetwork.parameters },
        { epoch: 500, gradients: shrunk },
      ],
      { words: russian },
    )
    expectCompiles(spec)
    expectSized(spec)
    const json = asJson(spec)
    expect(at(json, 'facet', 'column', 'field')).toBe('layer')
    expect(at(json, 'spec', 'mark', 'type')).toBe('boxplot')
    expect(at(json, 'spec', 'encoding', 'y', 'scale', 'type')).toBe('log')
    expect(at(json, 'spec', 'encoding', 'x', 'title')).toBe('Эпоха')
    const rows = listAt(json, 'data', 'values') as { epoch: number; layer: string }[]
    expect(new Set(rows.map((row) => row.layer))).toStrictEqual(new Set(['dW1', 'dW2', 'dW3']))
    // 2·16 + 16·8 + 8·1 = 168 weights per snapshot, less any exact zeros
    const count = (epoch: number) => rows.filter((row) => row.epoch === epoch).length
    expect(count(0)).toBe(count(500))
    expect(count(0)).toBeLessThanOrEqual(168)
    expect(count(0)).toBeGreaterThan(150)
  })
})
