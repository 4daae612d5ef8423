// The in-place law: for every transformation, alias and chain of them (random, nested up to three
// deep), steps done in place on flat buffers leave the parameters, the counters and the slots bit
// for bit where `update` + `applyUpdates` leave them — schedules and fused learning rates
// included, and with the scalings and sums run by a WebAssembly workspace's kernels (as a compiled
// plan runs them). A chain with a hand-written member has no in-place form. And the law has teeth.

import { test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { graph, linalg } from '../../src/index.js'
import { createWorkspace } from '../../src/linalg/internal.js'
import { chain } from '../../src/train/combinators.js'
import { itemAt, type Optimizer } from '../../src/train/optimizer.js'
import { sgd } from '../../src/train/optimizers/sgd.js'
import { scale } from '../../src/train/tree-math.js'
import { right } from '../support/either.js'
import { entries, expectSameBits, runs, trajectory } from '../support/optimizer-runs.js'
import { transformations } from '../support/transformations.js'

const buffers = (tree: graph.Tree): Float64Array[] =>
  graph.leaves(tree).map(([, leaf]) => linalg.toFloat64Array(leaf))
const flat = (list: readonly Float64Array[]): number[] => list.flatMap((b) => Array.from(b))

/**
 * The parameters, counters and slots after the steps: through `update`, and in place — on
 * buffers of a WebAssembly workspace with its kernels when `onKernels`.
 */
const bothWays = <State>(
  optimizer: Optimizer<State>,
  parameters: graph.Tree,
  gradients: readonly graph.Tree[],
  onKernels = false,
): { readonly pure: readonly number[][]; readonly inPlace: readonly number[][] } => {
  const inPlace = optimizer.inPlace
  if (inPlace === undefined) throw new Error('no in-place form')
  const steps = trajectory(optimizer, parameters, gradients)
  const last = steps[steps.length - 1]
  if (last === undefined) throw new Error('no steps')
  const pure = inPlace.unpack(last.state)
  const start = inPlace.unpack(optimizer.init(parameters))
  const counters = Float64Array.from(start.counters)
  const slots = start.slots.map(buffers)
  const leafLengths = buffers(parameters).map((leaf) => leaf.length)
  const workspace = createWorkspace([...leafLengths, ...leafLengths], 'wasm')
  const parameterBuffers = onKernels
    ? workspace.buffers.slice(0, leafLengths.length)
    : buffers(parameters)
  const gradientBuffers = workspace.buffers.slice(leafLengths.length)
  buffers(parameters).forEach((leaf, index) => {
    itemAt(parameterBuffers, index, 'leaf').set(leaf)
  })
  for (const g of gradients) {
    if (!onKernels) {
      inPlace.apply(counters, parameterBuffers, buffers(g), slots)
      continue
    }
    buffers(g).forEach((leaf, index) => {
      itemAt(gradientBuffers, index, 'leaf').set(leaf)
    })
    inPlace.apply(counters, parameterBuffers, gradientBuffers, slots, workspace.kernels)
  }
  const packed = inPlace.unpack(inPlace.pack(Array.from(counters), start.slots))
  expect(packed.counters).toStrictEqual(Array.from(counters))
  return {
    pure: [entries(last.parameters), [...pure.counters], ...pure.slots.map(entries)],
    inPlace: [flat(parameterBuffers), Array.from(counters), ...slots.map(flat)],
  }
}

describe('InPlaceUpdate', () => {
  propertyTest.prop([transformations, runs], { numRuns: 200 })(
    'in place equals update + applyUpdates, bit for bit, for every transformation and chain',
    (built, { parameters, gradients }) => {
      const optimizer = built.build()
      expect(optimizer.inPlace, built.name).toBeDefined()
      for (const onKernels of [false, true]) {
        const { pure, inPlace } = bothWays(optimizer, parameters, gradients, onKernels)
        expect(inPlace.length, built.name).toBe(pure.length)
        pure.forEach((expected, index) => {
          expectSameBits(
            itemAt(inPlace, index, 'list'),
            expected,
            `${built.name}${onKernels ? ' on kernels' : ''}: list ${index}`,
          )
        })
      }
    },
  )

  test('a chain with a hand-written member has no in-place form, and still updates', () => {
    const halve: Optimizer<null> = {
      init: () => null,
      update: (gradients) => ({ updates: scale(gradients, 0.5), state: null }),
    }
    const optimizer = chain(halve, right(sgd(0.1)))
    expect(optimizer.inPlace).toBeUndefined()
    const parameters = { w: linalg.fill(1, 1, 1) }
    const { updates, state } = optimizer.update(
      { w: linalg.fill(1, 1, 4) },
      optimizer.init(parameters),
      parameters,
    )
    expect(entries(updates)).toStrictEqual([-0.2])
    expect(state).toStrictEqual([null, { step: 1 }])
  })

  test('the law has teeth: another rate in place is not the update', () => {
    const parameters = { w: linalg.fill(2, 2, 1) }
    const gradient = { w: linalg.fill(2, 2, 0.5) }
    const pure = bothWays(right(sgd(0.1)), parameters, [gradient]).pure
    const other = bothWays(right(sgd(0.2)), parameters, [gradient]).inPlace
    expect(other).not.toStrictEqual(pure)
  })
})
