// Where the threads of data-parallel training find each other's buffers: every thread's plan
// buffers lie inside the shared memory and never overlap another's; a helper's plan has no
// parameters of its own and reads thread 0's; the views are the plan's own buffers, in its order.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import { at, createSharedWorkspaces, sharedBuffers } from '../../../src/linalg/internal.js'
import type { LayerSpec, Network } from '../../../src/network/index.js'
import { densePlanBuffers } from '../../../src/network/compiled/dense-plan.js'
import { mainParameters, planLengths, planViews } from '../../../src/train/parallel/exchange.js'

/** A network of dense and dropout layers (parameters are not read by the layout). */
const networks = fc
  .record({
    inputSize: fc.integer({ min: 1, max: 9 }),
    widths: fc.array(fc.record({ width: fc.integer({ min: 1, max: 7 }), dropout: fc.boolean() }), {
      minLength: 1,
      maxLength: 4,
    }),
  })
  .map(({ inputSize, widths }): Network => {
    const layers: LayerSpec[] = []
    let inputs = inputSize
    for (const { width, dropout } of widths) {
      layers.push({ kind: 'dense', inputs, outputs: width, activation: 'tanh' })
      if (dropout) layers.push({ kind: 'dropout', inputs: width, outputs: width, rate: 0.5 })
      inputs = width
    }
    layers.push({ kind: 'dense', inputs, outputs: 2, activation: 'linear' })
    return { inputSize, layers, parameters: { layers: layers.map(() => ({})) } }
  })

/** The byte span [start, end) of a view. */
const span = (view: Float64Array): [number, number] => [
  view.byteOffset,
  view.byteOffset + view.byteLength,
]

describe('the exchange between threads', () => {
  propertyTest.prop([
    networks,
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 2, max: 4 }),
    fc.constantFrom('wasm' as const, 'portable' as const),
  ])(
    'every thread’s buffers lie in the memory, apart; helpers read thread 0’s parameters',
    (net, capacity, threads, backend) => {
      const shared = createSharedWorkspaces(planLengths(net, capacity, threads), backend)
      const spans = Array.from({ length: threads }, (_, thread) =>
        sharedBuffers(shared, thread).map(span),
      ).flat()
      spans.sort((a, b) => a[0] - b[0])
      spans.forEach(([, end], index) => {
        expect(end).toBeLessThanOrEqual(shared.layout.bytes)
        const next = spans[index + 1]
        if (next !== undefined) expect(end).toBeLessThanOrEqual(next[0])
      })
      const own = densePlanBuffers(net, capacity, false)
      const parameters = mainParameters(shared, net, capacity)
      const mainViews = sharedBuffers(shared, 0)
      const expected = own.layers.flatMap((layer) =>
        layer.kind === 'dense' ? [at(mainViews, layer.W, 'W'), at(mainViews, layer.b, 'b')] : [],
      )
      expect(parameters.map(span)).toStrictEqual(expected.map(span))
      for (let thread = 1; thread < threads; thread++) {
        const helper = densePlanBuffers(net, capacity, true)
        expect(helper.lengths.length).toBe(own.lengths.length - parameters.length)
        const views = planViews(shared, net, capacity, thread)
        const buffers = sharedBuffers(shared, thread)
        expect(span(views.input)).toStrictEqual(span(at(buffers, helper.input, 'input')))
        expect(views.input.length).toBe(capacity * net.inputSize)
        expect(views.gradients.map((view) => view.length)).toStrictEqual(
          parameters.map((view) => view.length),
        )
        views.masks.forEach((mask, layer) => {
          expect(mask !== undefined).toBe(net.layers[layer]?.kind === 'dropout')
        })
      }
    },
  )
})
