// The in-place law: for every optimizer with an `inPlace` form, two steps done in place on flat
// buffers leave the parameters and the state bit for bit where `update` + `applyUpdates` leave them
// (with schedules too). And the law has teeth: an in-place form of another rate breaks it.

import { test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { graph, linalg } from '../../src/index.js'
import type { Optimizer } from '../../src/train/optimizer.js'
import { adam } from '../../src/train/optimizers/adam.js'
import { momentum } from '../../src/train/optimizers/momentum.js'
import { sgd } from '../../src/train/optimizers/sgd.js'
import { exponentialDecay } from '../../src/train/schedules.js'
import { add } from '../../src/train/tree-math.js'
import { parameterTrees } from '../support/parameter-trees.js'

const flat = (tree: graph.Tree): number[] =>
  graph.leaves(tree).flatMap(([, leaf]) => linalg.toFlat(leaf))
const buffers = (tree: graph.Tree): Float64Array[] =>
  graph.leaves(tree).map(([, leaf]) => linalg.toFloat64Array(leaf))

/** Two steps through `update` + `applyUpdates`, and the same two in place. */
const bothWays = <State>(
  optimizer: Optimizer<State>,
  parameters: graph.Tree,
  gradients: readonly graph.Tree[],
): { readonly pure: readonly number[][]; readonly inPlace: readonly number[][] } => {
  const inPlace = optimizer.inPlace
  if (inPlace === undefined) throw new Error('no in-place form')
  // pure
  let state = optimizer.init(parameters)
  let current = parameters
  for (const g of gradients) {
    const { updates, state: next } = optimizer.update(g, state, current)
    current = add(current, updates) // applyUpdates' sum, leaf by leaf
    state = next
  }
  const pureUnpacked = inPlace.unpack(state)
  // in place
  const unpacked = inPlace.unpack(optimizer.init(parameters))
  const parameterBuffers = buffers(parameters)
  const slots = unpacked.slots.map(buffers)
  let step = unpacked.step
  for (const g of gradients) {
    inPlace.apply(step, parameterBuffers, buffers(g), slots)
    step++
  }
  return {
    pure: [flat(current), [pureUnpacked.step], ...pureUnpacked.slots.map(flat)],
    inPlace: [
      parameterBuffers.flatMap((b) => Array.from(b)),
      [step],
      ...slots.map((s) => s.flatMap((b) => Array.from(b))),
    ],
  }
}

const optimizers: readonly (readonly [string, Optimizer<unknown>])[] = [
  ['sgd', sgd(0.1) as Optimizer<unknown>],
  ['sgd with a schedule', sgd(exponentialDecay(0.3, { decay: 0.5 })) as Optimizer<unknown>],
  ['momentum', momentum(0.05, 0.8) as Optimizer<unknown>],
  ['adam', adam(0.01, { beta1: 0.8, beta2: 0.99 }) as Optimizer<unknown>],
  ['adam with a schedule', adam(exponentialDecay(0.01, { decay: 0.9 })) as Optimizer<unknown>],
]

describe('InPlaceUpdate', () => {
  for (const [name, optimizer] of optimizers) {
    propertyTest.prop([parameterTrees], { numRuns: 40 })(
      `${name}: in place equals update + applyUpdates, bit for bit`,
      ({ parameters, first, second }) => {
        const { pure, inPlace } = bothWays(optimizer, parameters, [first, second])
        expect(inPlace).toStrictEqual(pure)
      },
    )
  }

  test('the law has teeth: another rate in place is not the update', () => {
    const parameters = { w: linalg.fill(2, 2, 1) }
    const gradient = { w: linalg.fill(2, 2, 0.5) }
    const pure = bothWays(sgd(0.1), parameters, [gradient]).pure
    const other = bothWays(sgd(0.2), parameters, [gradient]).inPlace
    expect(other).not.toStrictEqual(pure)
  })
})
