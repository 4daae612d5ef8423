// Laws every optimizer keeps: the same inputs give bit-identical updates and states; neither
// gradients, state nor parameters are changed; updates and state are shaped like the parameters;
// a zero learning rate gives zero updates; SGD with zero gradients is the identity.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { graph, linalg } from '../../../src/index.js'
import type { Optimizer } from '../../../src/train/optimizer.js'
import { adagrad } from '../../../src/train/optimizers/adagrad.js'
import { adam } from '../../../src/train/optimizers/adam.js'
import { adamw } from '../../../src/train/optimizers/adamw.js'
import { momentum } from '../../../src/train/optimizers/momentum.js'
import { nesterov } from '../../../src/train/optimizers/nesterov.js'
import { rmsprop } from '../../../src/train/optimizers/rmsprop.js'
import { sgd } from '../../../src/train/optimizers/sgd.js'
import type { LearningRate } from '../../../src/train/schedules.js'
import { parameterTrees } from '../../support/parameter-trees.js'

/** Matrices as plain shape-and-entries records, so a later write would show up. */
const snapshot = (value: unknown): unknown => {
  if (linalg.isMatrix(value))
    return { rows: value.rows, cols: value.cols, data: linalg.toFlat(value) }
  if (Array.isArray(value)) return value.map(snapshot)
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, snapshot(child)]))
  }
  return value
}

const entries = (tree: graph.Tree): number[] =>
  graph.leaves(tree).flatMap(([, leaf]) => linalg.toFlat(leaf))

const shapes = (tree: graph.Tree): string[] =>
  graph.leaves(tree).map(([path, leaf]) => `${graph.formatPath(path)}:${leaf.rows}×${leaf.cols}`)

const lawsFor = <State>(
  name: string,
  make: (learningRate: LearningRate) => Optimizer<State>,
): void => {
  describe(name, () => {
    propertyTest.prop([parameterTrees], { numRuns: 30 })(
      'two steps are deterministic and change none of their arguments',
      ({ parameters, first, second }) => {
        const optimizer = make(0.01)
        const before = snapshot({ parameters, first, second })
        const init = optimizer.init(parameters)
        const initBefore = snapshot(init)
        const one = optimizer.update(first, init, parameters)
        const oneState = snapshot(one.state)
        const two = optimizer.update(second, one.state, parameters)
        const again = make(0.01)
        const oneAgain = again.update(first, again.init(parameters), parameters)
        const twoAgain = again.update(second, oneAgain.state, parameters)
        expect(snapshot(twoAgain)).toStrictEqual(snapshot(two))
        expect(snapshot({ parameters, first, second })).toStrictEqual(before)
        expect(snapshot(init)).toStrictEqual(initBefore)
        expect(snapshot(one.state)).toStrictEqual(oneState)
        expect(shapes(one.updates)).toStrictEqual(shapes(parameters))
        expect(shapes(two.updates)).toStrictEqual(shapes(parameters))
        expect(Object.isFrozen(two)).toBe(true)
      },
    )

    propertyTest.prop([parameterTrees], { numRuns: 20 })(
      'a zero learning rate gives zero updates',
      ({ parameters, first }) => {
        const optimizer = make(0)
        const { updates } = optimizer.update(first, optimizer.init(parameters), parameters)
        for (const [, leaf] of graph.leaves(updates)) {
          expect(linalg.toFlat(leaf).every((value) => value === 0)).toBe(true)
        }
      },
    )

    test('a schedule is read at the step count: rate 0 at step 0, then 0.1', () => {
      const parameters = { w: linalg.fill(1, 1, 2) }
      const gradients = { w: linalg.ones(1, 1) }
      const optimizer = make((step) => (step === 0 ? 0 : 0.1))
      const one = optimizer.update(gradients, optimizer.init(parameters), parameters)
      const two = optimizer.update(gradients, one.state, parameters)
      expect(entries(one.updates).every((value) => value === 0)).toBe(true)
      expect(entries(two.updates)).toHaveLength(1)
      expect(entries(two.updates)[0]).toBeLessThan(0)
    })

    test('a schedule giving a negative or NaN rate throws a RangeError naming the optimizer', () => {
      const parameters = { w: linalg.ones(1, 1) }
      for (const bad of [-1, Number.NaN]) {
        const optimizer = make(() => bad)
        expect(() => optimizer.update(parameters, optimizer.init(parameters), parameters)).toThrow(
          new RegExp(`^${name}: learningRate is ${bad} at step 0`),
        )
      }
    })

    test('a negative or non-finite learning rate is refused when the optimizer is built', () => {
      for (const bad of [-0.1, Number.POSITIVE_INFINITY, Number.NaN]) {
        expect(() => make(bad)).toThrow(RangeError)
        expect(() => make(bad)).toThrow(`${name}: learningRate is ${bad}`)
      }
    })
  })
}

lawsFor('sgd', (rate) => sgd(rate))
lawsFor('momentum', (rate) => momentum(rate))
lawsFor('nesterov', (rate) => nesterov(rate))
lawsFor('adagrad', (rate) => adagrad(rate))
lawsFor('rmsprop', (rate) => rmsprop(rate))
lawsFor('adam', (rate) => adam(rate))
lawsFor('adamw', (rate) => adamw(rate))

describe('sgd with zero gradients is the identity', () => {
  propertyTest.prop([parameterTrees, fc.double({ min: 0, max: 10, noNaN: true })])(
    'every update is zero, so parameters + updates = parameters',
    ({ parameters }, rate) => {
      const optimizer = sgd(rate)
      const zeros = graph.mapTree(parameters, (leaf) => linalg.zeros(leaf.rows, leaf.cols))
      const { updates } = optimizer.update(zeros, optimizer.init(parameters), parameters)
      const pairs = graph.leaves(parameters).map(([path, leaf], index) => {
        const update = graph.leaves(updates)[index]
        expect(update?.[0]).toStrictEqual(path)
        const entries = update === undefined ? [] : linalg.toFlat(update[1])
        return [
          linalg.toFlat(leaf).map((value, at) => value + (entries[at] ?? Number.NaN)),
          linalg.toFlat(leaf),
        ]
      })
      for (const [moved, original] of pairs) expect(moved).toStrictEqual(original)
      for (const [, leaf] of graph.leaves(updates)) {
        expect(linalg.toFlat(leaf).every((value) => value === 0)).toBe(true)
      }
    },
  )
})
