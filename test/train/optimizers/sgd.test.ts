// SGD by hand on a 1×1 parameter: updates −η·g each step, read from a schedule at the step count.

import { describe, expect, test } from 'vitest'
import { graph, linalg } from '../../../src/index.js'
import { sgd } from '../../../src/train/optimizers/sgd.js'
import { stepDecay } from '../../../src/train/schedules.js'
import { left, right } from '../../support/either.js'

const single = (value: number): graph.Tree => ({ w: linalg.fill(1, 1, value) })
const valueOf = (tree: graph.Tree): number | undefined =>
  graph.leaves(tree).flatMap(([, leaf]) => linalg.toFlat(leaf))[0]

describe('sgd', () => {
  test('updates −η·g at each of three steps and counts them', () => {
    const optimizer = right(sgd(0.1))
    const parameters = single(1)
    let state = optimizer.init(parameters)
    const updates: (number | undefined)[] = []
    for (const gradient of [1, -2, 0.5]) {
      const result = optimizer.update(single(gradient), state, parameters)
      updates.push(valueOf(result.updates))
      state = result.state
    }
    expect(updates).toStrictEqual([-0.1, 0.2, -0.05])
    expect(state.step).toBe(3)
  })

  test('a step-decay schedule halves the update every two steps', () => {
    const optimizer = right(sgd(right(stepDecay(0.4, { every: 2, factor: 0.5 }))))
    const parameters = single(0)
    let state = optimizer.init(parameters)
    const updates: (number | undefined)[] = []
    for (let count = 0; count < 5; count++) {
      const result = optimizer.update(single(1), state, parameters)
      updates.push(valueOf(result.updates))
      state = result.state
    }
    expect(updates).toStrictEqual([-0.4, -0.4, -0.2, -0.2, -0.1])
  })

  test('refuses a bad learning rate, naming sgd, the option and the value', () => {
    expect(left(sgd(-1)).message).toBe('sgd: learningRate is -1, expected a finite number ≥ 0')
  })
})
