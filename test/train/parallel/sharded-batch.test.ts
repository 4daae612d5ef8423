// A batch shared out among threads: its loss, summed gradients and correct count equal one
// plan's run over the whole batch (to 1e-12; the count exactly), with or without dropout masks,
// for any split of the rows; and a rerun gives the same bits.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import { linalg, network, random } from '../../../src/index.js'
import {
  attachSharedWorkspace,
  backendName,
  createSharedWorkspaces,
} from '../../../src/linalg/internal.js'
import { compileDensePlan } from '../../../src/network/internal.js'
import { planLengths } from '../../../src/train/parallel/exchange.js'
import { runShardedBatch, type ShardOutcome } from '../../../src/train/parallel/sharded-batch.js'
import { startShardPool } from '../../../src/train/parallel/shard-pool.js'
import { expectClose } from '../../support/close.js'
import { right } from '../../support/either.js'

const net = right(
  network.sequential(
    4,
    [
      { kind: 'dense', outputs: 9, activation: 'relu' },
      { kind: 'dropout', rate: 0.4 },
      { kind: 'dense', outputs: 3, activation: 'softmax' },
    ],
    { key: random.key(3) },
  ),
)

describe('runShardedBatch', () => {
  propertyTest.prop(
    [fc.integer({ min: 1, max: 30 }), fc.integer({ min: 2, max: 3 }), fc.boolean(), fc.nat(50)],
    { numRuns: 6 },
  )(
    'equals one plan over the whole batch, and reruns bit for bit',
    (rows, threads, withMasks, seed) => {
      const X = linalg.toFloat64Array(random.normal(random.key(seed), rows, 4))
      const y = linalg.toFloat64Array(
        right(linalg.generate(rows, 3, (row, column) => ((row + seed) % 3 === column ? 1 : 0))),
      )
      const masks = withMasks
        ? [
            undefined,
            linalg.toFloat64Array(network.dropoutMask(random.key(seed + 1), rows, 9, 0.4)),
            undefined,
          ]
        : undefined
      const order = Array.from({ length: rows }, (_, row) => (row * 7 + seed) % rows)
      const shardCapacity = Math.ceil(rows / threads)
      const shared = createSharedWorkspaces(planLengths(net, shardCapacity, threads), backendName)
      const starting = right(
        startShardPool(net, {
          loss: 'softmaxCrossEntropy',
          capacity: shardCapacity,
          helpers: threads - 1,
          shared,
        }),
      )
      try {
        const plan = right(
          compileDensePlan(net, {
            loss: 'softmaxCrossEntropy',
            capacity: shardCapacity,
            workspace: attachSharedWorkspace(shared, 0),
          }),
        )
        const pool = right(starting.ready())
        plan.loadParameters(net.parameters)
        const whole = right(compileDensePlan(net, { loss: 'softmaxCrossEntropy', capacity: rows }))
        whole.loadParameters(net.parameters)
        order.forEach((from, row) => {
          whole.input.set(X.subarray(from * 4, from * 4 + 4), row * 4)
          whole.target.set(y.subarray(from * 3, from * 3 + 3), row * 3)
        })
        const expectedLoss = whole.run(rows, true, masks)
        const outcome: ShardOutcome = { correct: 0, failure: undefined }
        const source = { X, y, layers: net.layers }
        const loss = runShardedBatch(plan, pool, source, order, 0, rows, masks, outcome)
        expect(outcome.failure).toBeUndefined()
        expectClose([loss], [expectedLoss], 'loss')
        expect(outcome.correct).toBe(whole.correctCount(rows))
        const gradients = plan.gradients.flatMap((leaf) => Array.from(leaf))
        expectClose(
          gradients,
          whole.gradients.flatMap((leaf) => Array.from(leaf)),
          'gradients',
        )
        const again = runShardedBatch(plan, pool, source, order, 0, rows, masks, outcome)
        expect(again).toBe(loss)
        expect(plan.gradients.flatMap((leaf) => Array.from(leaf))).toStrictEqual(gradients)
      } finally {
        starting.close()
      }
    },
    // each property starts helper threads: an explicit budget, not a timing assertion
    120_000,
  )
})
