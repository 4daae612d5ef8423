// train.applyUpdates: θ + u leaf by leaf on any tree — against the entries added by hand, the
// parameters left as they were, a tree of zeros giving θ back, and a Left naming the leaf for a
// missing, mis-shaped or stray update.

import { test as propertyTest } from '@fast-check/vitest'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import { graph, linalg } from '../../src/index.js'
import { applyUpdates } from '../../src/train/apply-updates.js'
import { parameterTrees } from '../support/parameter-trees.js'

const flatOf = (tree: graph.Tree): number[] =>
  graph.leaves(tree).flatMap(([, leaf]) => linalg.toFlat(leaf))

describe('applyUpdates', () => {
  propertyTest.prop([parameterTrees])(
    'adds every entry of the update to its parameter, and changes nothing it was given',
    ({ parameters, first }) => {
      const before = flatOf(parameters)
      const updatesBefore = flatOf(first)
      const moved = applyUpdates(parameters, first)
      expect(E.isRight(moved)).toBe(true)
      if (E.isLeft(moved)) return
      const expected = before.map((value, index) => value + (updatesBefore[index] ?? Number.NaN))
      expect(flatOf(moved.right)).toStrictEqual(expected)
      expect(flatOf(parameters)).toStrictEqual(before)
      expect(flatOf(first)).toStrictEqual(updatesBefore)
      expect(Object.isFrozen(moved.right)).toBe(true)
    },
  )

  propertyTest.prop([parameterTrees])(
    'a tree of zeros gives the parameters back',
    ({ parameters }) => {
      const zeros = graph.mapTree(parameters, (leaf) => linalg.zeros(leaf.rows, leaf.cols))
      const moved = applyUpdates(parameters, zeros)
      expect(E.isRight(moved) && flatOf(moved.right)).toStrictEqual(
        flatOf(parameters).map((value) => value + 0),
      )
    },
  )

  test('a missing, mis-shaped or stray update is a Left naming its leaf', () => {
    const parameters = { layers: [{ W: linalg.ones(3, 2), b: linalg.zeros(1, 2) }] }
    const missing = applyUpdates(parameters, { layers: [{ W: linalg.ones(3, 2) }] })
    expect(E.isLeft(missing) && missing.left.message).toMatch(/^applyUpdates: .*layers\[0\]\.b/)
    const transposed = applyUpdates(parameters, {
      layers: [{ W: linalg.ones(2, 3), b: linalg.zeros(1, 2) }],
    })
    expect(E.isLeft(transposed) && transposed.left.message).toBe(
      'applyUpdates: layers[0].W: expected 3×2, got 2×3',
    )
    const stray = applyUpdates(parameters, {
      layers: [{ W: linalg.ones(3, 2), b: linalg.zeros(1, 2), extra: linalg.ones(1, 1) }],
    })
    expect(E.isLeft(stray) && stray.left.message).toBe(
      'applyUpdates: layers[0].extra is an update for no parameter',
    )
  })

  test('is what a step of an optimizer is: θ ← θ + update(g)', () => {
    const parameters = { w: linalg.fill(1, 3, 2) }
    const gradients = { w: linalg.fill(1, 3, 4) }
    const updates = graph.mapTree(gradients, (leaf) => linalg.scale(leaf, -0.25))
    const moved = applyUpdates(parameters, updates)
    expect(E.isRight(moved) && linalg.toFlat(moved.right.w)).toStrictEqual([1, 1, 1])
  })
})
