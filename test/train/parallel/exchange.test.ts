// The shared-buffer layout: every region lies inside the buffer, no two overlap, and each helper's
// regions have the sizes its shard needs.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import { CONTROL_WORDS, exchangeLayout } from '../../../src/train/parallel/exchange.js'

const shapes = fc.record({
  helpers: fc.integer({ min: 1, max: 4 }),
  capacity: fc.integer({ min: 1, max: 50 }),
  inputs: fc.integer({ min: 1, max: 20 }),
  outputs: fc.integer({ min: 1, max: 5 }),
  leafLengths: fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 2, maxLength: 8 }),
  layers: fc.array(fc.record({ width: fc.integer({ min: 1, max: 9 }), dropout: fc.boolean() }), {
    minLength: 1,
    maxLength: 5,
  }),
})

describe('exchangeLayout', () => {
  propertyTest.prop([shapes])('regions lie in the buffer and never overlap', (shape) => {
    const layout = exchangeLayout(shape)
    const spans: [number, number][] = [[layout.parameters, layout.parameterCount]]
    for (const region of layout.regions) {
      spans.push([region.input, shape.capacity * shape.inputs])
      spans.push([region.target, shape.capacity * shape.outputs])
      region.masks.forEach((at, layer) => {
        const spec = shape.layers[layer]
        if (spec === undefined) throw new Error('a mask for no layer')
        expect(at >= 0).toBe(spec.dropout)
        if (at >= 0) spans.push([at, shape.capacity * spec.width])
      })
      spans.push([region.gradients, layout.parameterCount])
      spans.push([region.results, 2])
    }
    spans.sort((a, b) => a[0] - b[0])
    spans.forEach(([start, length], index) => {
      expect(start).toBeGreaterThanOrEqual(0)
      expect(start + length).toBeLessThanOrEqual(layout.dataLength)
      const next = spans[index + 1]
      if (next !== undefined) expect(start + length).toBeLessThanOrEqual(next[0])
    })
    expect(layout.regions).toHaveLength(shape.helpers)
    expect(layout.controlLength).toBe(shape.helpers * CONTROL_WORDS)
    expect(layout.parameterCount).toBe(shape.leafLengths.reduce((a, b) => a + b, 0))
  })
})
