// The flat machinery: `transformation` builds init (zero counters, zero slots), update (the flat
// step on copies) and inPlace from one flat form; `runOnTrees` never writes its arguments and
// names a leaf that does not line up; `joined` flattens chains, keeping the nested layout of their
// states; `composed` fuses a scaling into the nearest absorber across commuting parts only.

import { describe, expect, test } from 'vitest'
import { graph, linalg } from '../../../src/index.js'
import { chain, passThrough } from '../../../src/train/combinators.js'
import { itemAt, type FlatTransform, type Optimizer } from '../../../src/train/optimizer.js'
import { addDecayedWeights } from '../../../src/train/transforms/add-decayed-weights.js'
import { clipByGlobalNorm } from '../../../src/train/transforms/clip-by-global-norm.js'
import {
  composed,
  valueAt,
  empty,
  joined,
  runOnTrees,
  transformation,
} from '../../../src/train/transforms/flat.js'
import { scaleByLearningRate } from '../../../src/train/transforms/scale-by-learning-rate.js'
import { scaleByRss } from '../../../src/train/transforms/scale-by-rss.js'
import { right } from '../../support/either.js'
import { entries, snapshot } from '../../support/optimizer-runs.js'

/** A transformation that counts its steps, keeps a running total of the counts per entry, and
 * adds that total to the updates. */
const counting: FlatTransform<{ readonly count: number; readonly total: graph.Tree }> = {
  name: 'counting',
  counters: 1,
  slots: 1,
  unpack: (state) => ({ counters: [state.count], slots: [state.total] }),
  pack: (counters, slots) => ({
    count: itemAt(counters, 0, 'counter'),
    total: itemAt(slots, 0, 'slot'),
  }),
  fusion: { kind: 'none' },
  run: (_factor, updates, _parameters, slots, slotAt, counters, at) => {
    const count = valueAt(counters, at) + 1
    counters[at] = count
    const totals = itemAt(slots, slotAt, 'slot')
    updates.forEach((values, leaf) => {
      const total = itemAt(totals, leaf, 'leaf')
      values.forEach((value, i) => {
        const next = valueAt(total, i) + count
        total[i] = next
        values[i] = value + next
      })
    })
  },
}

describe('transformation', () => {
  test('init packs zero counters and zero slots shaped like the parameters', () => {
    const built = transformation(counting)
    const state = built.init({ w: linalg.ones(2, 3) })
    expect(state.count).toBe(0)
    expect(entries(state.total)).toStrictEqual([0, 0, 0, 0, 0, 0])
  })

  test('update is the flat step on copies: the arguments are never written', () => {
    const built = transformation(counting)
    const parameters = { w: linalg.ones(1, 2) }
    const gradients = { w: linalg.fill(1, 2, 10) }
    const state = built.init(parameters)
    const before = snapshot({ parameters, gradients, state })
    const one = built.update(gradients, state, parameters)
    const two = built.update(gradients, one.state, parameters)
    // totals 1, then 1 + 2 = 3
    expect(entries(one.updates)).toStrictEqual([11, 11])
    expect(entries(two.updates)).toStrictEqual([13, 13])
    expect(two.state.count).toBe(2)
    expect(snapshot({ parameters, gradients, state })).toStrictEqual(before)
  })
})

describe('runOnTrees', () => {
  test('names a leaf the parameters lack, shape differently or add', () => {
    const rss = right(scaleByRss())
    const flat = rss.parts?.list[0]?.flat
    if (flat === undefined) throw new Error('no flat form')
    const gradients = { a: linalg.ones(1, 1), b: linalg.ones(1, 2) }
    const state = rss.init(gradients)
    expect(() => runOnTrees(flat, 1, gradients, state, { a: linalg.ones(1, 1) })).toThrow(
      'scaleByRss: b is missing',
    )
    expect(() =>
      runOnTrees(flat, 1, gradients, state, { a: linalg.ones(1, 1), b: linalg.ones(2, 1) }),
    ).toThrow('scaleByRss: b is 1×2 in the updates but 2×1 in another tree')
    expect(() =>
      runOnTrees(flat, 1, gradients, state, { ...gradients, c: linalg.ones(1, 1) }),
    ).toThrow('scaleByRss: c is missing from the updates')
  })
})

describe('joined and composed', () => {
  test('a chain inside a chain is flattened; its state keeps the nesting', () => {
    const inner = chain(right(clipByGlobalNorm(1)), right(scaleByLearningRate(0.1)))
    const parts = joined(passThrough(), inner)
    expect(parts.list).toHaveLength(3)
    expect(parts.layout).toStrictEqual([0, [1, 2]])
    const optimizer = composed<unknown>(parts)
    expect(optimizer.init({ w: linalg.ones(1, 1) })).toStrictEqual([empty, [empty, { step: 0 }]])
  })

  test('a hand-written member is one part run through its update', () => {
    const halve: Optimizer<string> = {
      init: () => 'halving',
      update: (gradients) => ({
        updates: { w: linalg.scale(linalg.ones(1, 1), 0.5) },
        state: `halved ${entries(gradients).length}`,
      }),
    }
    const parts = joined(halve)
    expect(parts.list[0]?.flat).toBeUndefined()
    const optimizer = composed<readonly [string]>(parts)
    const { state } = optimizer.update({ w: linalg.ones(1, 1) }, ['halving'], {
      w: linalg.ones(1, 1),
    })
    expect(state).toStrictEqual(['halved 1'])
    expect(optimizer.inPlace).toBeUndefined()
  })

  test('a learning rate fuses through decayed weights into the absorber before them', () => {
    // (−0.5·g)/(√g² + 0) + (−0.5·1)·θ with g = 3, θ = 2: −0.5 − 1
    const optimizer = chain(
      right(scaleByRss({ epsilon: 0 })),
      right(addDecayedWeights(1)),
      right(scaleByLearningRate(0.5)),
    )
    const parameters = { w: linalg.fill(1, 1, 2) }
    const { updates, state } = optimizer.update(
      { w: linalg.fill(1, 1, 3) },
      optimizer.init(parameters),
      parameters,
    )
    expect(entries(updates)).toStrictEqual([-1.5])
    expect(state[2].step).toBe(1)
  })
})
