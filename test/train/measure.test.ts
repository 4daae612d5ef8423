// Measuring a whole set with compiled plans: the loss and accuracy equal the interpreter's
// (`network.loss`, `accuracy` of `network.predict`) to 1e-12 whatever the plan's capacity; the
// passes shared out among helper threads give this thread's passes bit for bit; a non-finite
// loss is measured again by the interpreter, whose Left names the node.

import { fc, test as propertyTest } from '@fast-check/vitest'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import { linalg, network, random } from '../../src/index.js'
import {
  attachSharedWorkspace,
  backendName,
  createSharedWorkspaces,
} from '../../src/linalg/internal.js'
import { compileDensePlan } from '../../src/network/internal.js'
import { accuracy } from '../../src/train/history.js'
import { measureChecked, measurePooled, measureWithPlan } from '../../src/train/measure.js'
import { planLengths } from '../../src/train/parallel/exchange.js'
import { startShardPool } from '../../src/train/parallel/shard-pool.js'
import { expectClose } from '../support/close.js'
import { right } from '../support/either.js'

const net = right(
  network.mlp([3, 7, 4], { hidden: 'tanh', output: 'softmax', key: random.key(11) }),
)

const setOf = (rows: number, seed: number): network.Batch => ({
  X: random.normal(random.key(seed), rows, 3),
  y: right(linalg.generate(rows, 4, (row, column) => ((row * 5 + seed) % 4 === column ? 1 : 0))),
})

describe('measureWithPlan', () => {
  propertyTest.prop(
    [fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 50 }), fc.nat(99)],
    { numRuns: 25 },
  )('equals the interpreter’s loss and accuracy, whatever the capacity', (rows, capacity, seed) => {
    const set = setOf(rows, seed)
    const plan = right(compileDensePlan(net, { loss: 'softmaxCrossEntropy', capacity }))
    plan.loadParameters(net.parameters)
    const measured = measureWithPlan(plan, set)
    expectClose([measured.loss], [right(network.loss(net, set, 'softmaxCrossEntropy'))], 'loss')
    expect(measured.accuracy).toBe(accuracy(right(network.predict(net, set.X)), set.y))
  })

  test('a non-finite loss is measured again by the interpreter, whose Left names the node', () => {
    const linear = right(
      network.mlp([3, 2], { hidden: 'linear', output: 'linear', key: random.key(4) }),
    )
    const huge = { X: linalg.fill(4, 3, 1e308), y: linalg.zeros(4, 2) }
    const plan = right(compileDensePlan(linear, { loss: 'mse', capacity: 4 }))
    plan.loadParameters(linear.parameters)
    expect(Number.isFinite(measureWithPlan(plan, huge).loss)).toBe(false)
    const measured = measureChecked(plan, huge, 'mse', () => linear)
    const reference = network.loss(linear, huge, 'mse')
    expect(E.isLeft(reference)).toBe(true)
    expect(measured).toStrictEqual(reference)
  })
})

describe('measurePooled', () => {
  propertyTest.prop(
    [
      fc.integer({ min: 1, max: 60 }),
      fc.integer({ min: 1, max: 9 }),
      fc.integer({ min: 2, max: 3 }),
    ],
    { numRuns: 6 },
  )(
    'the passes shared out among the threads give this thread’s passes bit for bit',
    (rows, capacity, threads) => {
      const set = setOf(rows, rows + capacity)
      const shared = createSharedWorkspaces(planLengths(net, capacity, threads), backendName)
      const starting = right(
        startShardPool(net, {
          loss: 'softmaxCrossEntropy',
          capacity,
          helpers: threads - 1,
          shared,
        }),
      )
      try {
        const plan = right(
          compileDensePlan(net, {
            loss: 'softmaxCrossEntropy',
            capacity,
            workspace: attachSharedWorkspace(shared, 0),
          }),
        )
        const pool = right(starting.ready())
        plan.loadParameters(net.parameters)
        const pooled = right(measurePooled(plan, pool, set))
        expect(pooled).toStrictEqual(measureWithPlan(plan, set))
      } finally {
        starting.close()
      }
    },
    // each property starts helper threads: an explicit budget, not a timing assertion
    120_000,
  )
})
