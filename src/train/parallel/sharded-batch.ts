// One training batch shared out among the threads: shard s is the batch's s-th contiguous run of
// rows (the first count mod n shards one row longer); this thread writes each helper's rows (and
// dropout masks) straight into that helper's plan, runs shard 0 itself, then adds the helpers'
// gradients, losses and correct counts to its own in shard order. Law: the sum's order is fixed,
// so the result never depends on timing; the shards' means are over the whole batch, so they add
// up to the batch's.

import * as E from 'fp-ts/lib/Either.js'
import type { ReadonlyFloat64Array } from '../../linalg/index.js'
import { at } from '../../linalg/internal.js'
import type { LayerSpec } from '../../network/index.js'
import type { DensePlan } from '../../network/internal.js'
import { gather } from '../measure.js'
import type { ShardPool } from './shard-pool.js'

/** The training set as the threads read it: row-major inputs and targets, and the layers. */
export interface ShardSource {
  readonly X: ReadonlyFloat64Array
  readonly y: ReadonlyFloat64Array
  readonly layers: readonly LayerSpec[]
}

/** What a sharded batch leaves beside its loss: reused from batch to batch (nothing allocated). */
export interface ShardOutcome {
  /** How many of the batch's rows the network classified right. */
  correct: number
  /** A helper's failure, when one failed (the loss is then NaN). */
  failure: string | undefined
}

/**
 * Runs the batch `order[start, start + count)` (rows in the set's order without `order`) on
 * `plan` and the pool's helpers, with the step's dropout masks (whole-batch rows × width) when
 * given: forward and backward, the gradients summed into `plan.gradients`. Returns the loss (the
 * shards' summed; no L2 term); the correct count, or a failure, goes into `outcome`.
 */
export const runShardedBatch = (
  plan: DensePlan,
  pool: ShardPool,
  source: ShardSource,
  order: readonly number[] | undefined,
  start: number,
  count: number,
  masks: readonly (Float64Array | undefined)[] | undefined,
  outcome: ShardOutcome,
): number => {
  const shards = pool.helpers + 1
  const base = Math.floor(count / shards)
  const longer = count % shards
  const shardStart = (shard: number): number => shard * base + Math.min(shard, longer)
  const widthOf = (layer: number): number =>
    at(source.layers, layer, 'runShardedBatch: dropout layers').outputs
  for (let shard = 1; shard < shards; shard++) {
    const first = shardStart(shard)
    const shardRows = shardStart(shard + 1) - first
    if (shardRows === 0) continue
    const views = at(pool.views, shard - 1, 'runShardedBatch: helpers')
    gather(source.X, plan.inputs, order, start + first, shardRows, views.input)
    gather(source.y, plan.outputs, order, start + first, shardRows, views.target)
    if (masks !== undefined) {
      for (const [layer, mask] of masks.entries()) {
        const target = views.masks[layer]
        if (mask !== undefined && target !== undefined) {
          const width = widthOf(layer)
          target.set(mask.subarray(first * width, (first + shardRows) * width))
        }
      }
    }
    pool.start(shard - 1, 'step', shardRows, count, masks !== undefined)
  }
  const ownRows = shardStart(1)
  gather(source.X, plan.inputs, order, start, ownRows, plan.input)
  gather(source.y, plan.outputs, order, start, ownRows, plan.target)
  const ownMasks = masks?.map((mask, layer) =>
    mask === undefined ? undefined : mask.subarray(0, ownRows * widthOf(layer)),
  )
  let loss = plan.run(ownRows, true, ownMasks, count)
  outcome.correct = plan.correctCount(ownRows)
  outcome.failure = undefined
  for (let shard = 1; shard < shards; shard++) {
    if (shardStart(shard + 1) === shardStart(shard)) continue
    const finished = pool.finish(shard - 1)
    if (E.isLeft(finished)) {
      outcome.failure = finished.left
      return Number.NaN
    }
    // the shard's gradients, added leaf by leaf where they lie
    const gradients = at(pool.views, shard - 1, 'runShardedBatch: helpers').gradients
    for (let leaf = 0; leaf < plan.gradients.length; leaf++) {
      const own = at(plan.gradients, leaf, 'runShardedBatch: gradient leaves')
      plan.lanewise.add(own, at(gradients, leaf, 'runShardedBatch: gradient leaves'), own)
    }
    loss = loss + pool.loss(shard - 1)
    outcome.correct += pool.correct(shard - 1)
  }
  return loss
}
