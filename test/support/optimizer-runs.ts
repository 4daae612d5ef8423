// Helpers for optimizer laws: runs of several steps over one random parameter structure, the
// entries of trees and states as flat lists, bit-for-bit comparison (Object.is on every entry),
// and a snapshot that makes any later write to a tree or state visible.

import { fc } from '@fast-check/vitest'
import { expect } from 'vitest'
import { graph, linalg } from '../../src/index.js'
import * as check from '../../src/check/index.js'
import type { FlatTransform, Optimizer } from '../../src/train/optimizer.js'
import { add } from '../../src/train/tree-math.js'

/** Parameters and 1 to 4 gradient trees of one random structure `{ layers: [{ W, b }, …] }`. */
export const runs = fc
  .array(
    fc.tuple(
      check.sameShapeMatrices(5, { maxSize: 3 }),
      check.sameShapeMatrices(5, { maxSize: 3 }),
    ),
    { minLength: 1, maxLength: 3 },
  )
  .chain((layers) =>
    fc.integer({ min: 1, max: 4 }).map((steps) => {
      const pick = (which: 0 | 1 | 2 | 3 | 4): graph.Tree => ({
        layers: layers.map(([W, b]) => ({ W: W[which], b: b[which] })),
      })
      const gradients = ([1, 2, 3, 4] as const).slice(0, steps).map(pick)
      return { parameters: pick(0), gradients }
    }),
  )

/** Every entry of every leaf of a tree, in the tree's order. */
export const entries = (tree: graph.Tree): number[] =>
  graph.leaves(tree).flatMap(([, leaf]) => linalg.toFlat(leaf))

/** Every number in a state (counters, slot entries), depth first: what bit-for-bit compares. */
export const stateNumbers = (value: unknown): number[] => {
  if (typeof value === 'number') return [value]
  if (linalg.isMatrix(value)) return linalg.toFlat(value)
  if (Array.isArray(value)) return value.flatMap(stateNumbers)
  if (typeof value === 'object' && value !== null) {
    return Object.keys(value)
      .sort()
      .flatMap((key) => stateNumbers((value as Record<string, unknown>)[key]))
  }
  return []
}

/** Object.is on every entry, naming the first that differs. */
export const expectSameBits = (
  actual: readonly number[],
  expected: readonly number[],
  what: string,
): void => {
  expect(actual.length, `${what}: length`).toBe(expected.length)
  actual.forEach((value, index) => {
    if (!Object.is(value, expected[index])) {
      expect.fail(`${what}[${index}]: ${value}, expected ${String(expected[index])} bit for bit`)
    }
  })
}

/** Matrices as plain shape-and-entries records, so a later write would show up. */
export const snapshot = (value: unknown): unknown => {
  if (linalg.isMatrix(value))
    return { rows: value.rows, cols: value.cols, data: linalg.toFlat(value) }
  if (Array.isArray(value)) return value.map(snapshot)
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, snapshot(child)]))
  }
  return value
}

/** One step's outcome: the updates, the state after it, the parameters after `applyUpdates`. */
export interface Stepped<State> {
  readonly updates: graph.Tree
  readonly state: State
  readonly parameters: graph.Tree
}

/**
 * `optimizer` over the gradients in turn, from `init`, the parameters moving by each step's
 * updates (the sum `applyUpdates` takes, leaf by leaf).
 */
export const trajectory = <State>(
  optimizer: Optimizer<State>,
  parameters: graph.Tree,
  gradients: readonly graph.Tree[],
): Stepped<State>[] => {
  let state = optimizer.init(parameters)
  let current = parameters
  return gradients.map((gradient) => {
    const result = optimizer.update(gradient, state, current)
    state = result.state
    current = add(current, result.updates)
    return { updates: result.updates, state, parameters: current }
  })
}

/** The flat form of a transformation built from one (every transformation of src/train). */
export const flatOf = <State>(optimizer: Optimizer<State>): FlatTransform<State> => {
  const flat = optimizer.parts?.list[0]?.flat
  if (flat === undefined || optimizer.parts?.list.length !== 1) {
    throw new Error('not a transformation with a flat form')
  }
  return flat as unknown as FlatTransform<State>
}

/**
 * A transformation's updates at each step, the parameters held fixed, with its state after
 * each: what a per-entry oracle is compared with.
 */
export const updatesOf = <State>(
  optimizer: Optimizer<State>,
  parameters: graph.Tree,
  gradients: readonly graph.Tree[],
): { readonly updates: number[][]; readonly states: State[] } => {
  let state = optimizer.init(parameters)
  const updates: number[][] = []
  const states: State[] = []
  for (const gradient of gradients) {
    const result = optimizer.update(gradient, state, parameters)
    state = result.state
    updates.push(entries(result.updates))
    states.push(state)
  }
  return { updates, states }
}

/** Entry i of a list; a missing one is a bug in a test's oracle. */
export const at = (values: readonly number[], i: number): number => {
  const value = values[i]
  if (value === undefined) throw new Error(`oracle: no entry ${i}`)
  return value
}

/** Item `index` of a list (a step's updates, a state); a missing one fails the test. */
export const listAt = <Item>(items: readonly Item[], index: number): Item => {
  const item = items[index]
  if (item === undefined) throw new Error(`no item ${index}: a step is missing`)
  return item
}
