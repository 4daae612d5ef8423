// Measuring a network on a whole data set with compiled plans: passes of at most a plan's rows,
// the passes' losses added rows-weighted in pass order (one pass: that pass's loss exactly), on
// this thread or shared out among the helper threads. Forward only; the data is never written.
// Law: the same passes give the same bits whichever thread ran each.

import * as E from 'fp-ts/lib/Either.js'
import type { ReadonlyFloat64Array } from '../linalg/index.js'
import { at, bufferOf } from '../linalg/internal.js'
import * as network from '../network/index.js'
import type { Batch, LossName, Network, NetworkError } from '../network/index.js'
import type { DensePlan } from '../network/internal.js'
import type { ShardPool } from './parallel/shard-pool.js'

/** The most rows an evaluation pass (test set, final figures) runs at once. */
export const EVALUATION_ROWS = 2048

/** Loss and accuracy of a whole data set. */
export interface Measured {
  readonly loss: number
  readonly accuracy: number
}

/**
 * Loss and accuracy of `plan`'s network (parameters already loaded) on `batch`, in passes of at
 * most `plan.capacity` rows: the loss is the rows-weighted mean of the passes' losses (one pass:
 * that pass's loss exactly), the accuracy the fraction right. Forward only. `loaded` says the
 * plan already holds the whole of `batch` (it fits in one pass), so nothing is copied in.
 */
export const measureWithPlan = (plan: DensePlan, batch: Batch, loaded = false): Measured => {
  const X = bufferOf(batch.X)
  const y = bufferOf(batch.y)
  const rows = batch.X.rows
  let loss = 0
  let correct = 0
  for (let start = 0; start < rows; start += plan.capacity) {
    const count = Math.min(plan.capacity, rows - start)
    if (!(loaded && count === rows)) {
      gather(X, plan.inputs, undefined, start, count, plan.input)
      gather(y, plan.outputs, undefined, start, count, plan.target)
    }
    loss += (count / rows) * plan.run(count, false)
    correct += plan.correctCount(count)
  }
  return { loss, accuracy: correct / rows }
}

/**
 * A set's measured figures held to the interpreter's standard: a non-finite loss is measured
 * again by `network.loss`, whose Left names the node that went wrong (and whose value stands,
 * should the plan alone have overflowed). `current` gives the network measured, made only when
 * needed.
 */
export const interpreterVerdict = (
  measured: Measured,
  batch: Batch,
  lossName: LossName,
  current: () => Network,
): E.Either<NetworkError, Measured> => {
  if (Number.isFinite(measured.loss)) return E.right(measured)
  return E.map((loss: number): Measured => ({ loss, accuracy: measured.accuracy }))(
    network.loss(current(), batch, lossName),
  )
}

/** `measureWithPlan`, held to the interpreter's standard (`interpreterVerdict`). */
export const measureChecked = (
  plan: DensePlan,
  batch: Batch,
  lossName: LossName,
  current: () => Network,
  loaded = false,
): E.Either<NetworkError, Measured> =>
  interpreterVerdict(measureWithPlan(plan, batch, loaded), batch, lossName, current)

/**
 * Copies rows `order[start, start + count)` of a row-major source into `target` from `offset`:
 * rows in the set's order (no `order`) as one block copy, shuffled rows one by one.
 */
export const gather = (
  source: ReadonlyFloat64Array,
  width: number,
  order: readonly number[] | undefined,
  start: number,
  count: number,
  target: Float64Array,
  offset = 0,
): void => {
  if (order === undefined) {
    // one memcpy: ReadonlyFloat64Array hides subarray, which only reads here
    target.set((source as Float64Array).subarray(start * width, (start + count) * width), offset)
    return
  }
  for (let row = 0; row < count; row++) {
    const from = order[start + row]! * width
    const to = offset + row * width
    for (let column = 0; column < width; column++) target[to + column] = source[from + column]!
  }
}

/**
 * Loss and accuracy of `plan`'s parameters on `batch` (forward only) in passes of `plan.capacity`
 * rows shared out among the threads: pass p + h + 1 to helper h while this thread runs pass p,
 * each helper's rows written straight into its plan. The sum is `measureWithPlan`'s, in pass
 * order. Left with a helper's message when one failed.
 */
export const measurePooled = (
  plan: DensePlan,
  pool: ShardPool,
  batch: Batch,
): E.Either<string, Measured> => {
  const X = bufferOf(batch.X)
  const y = bufferOf(batch.y)
  const rows = batch.X.rows
  const passRows = plan.capacity
  const rowsOfPass = (first: number): number => Math.min(passRows, rows - first)
  let loss = 0
  let correct = 0
  for (let first = 0; first < rows; first += passRows * (pool.helpers + 1)) {
    for (let helper = 0; helper < pool.helpers; helper++) {
      const passStart = first + (helper + 1) * passRows
      if (passStart >= rows) break
      const views = at(pool.views, helper, 'measurePooled: helpers')
      const count = rowsOfPass(passStart)
      gather(X, plan.inputs, undefined, passStart, count, views.input)
      gather(y, plan.outputs, undefined, passStart, count, views.target)
      pool.start(helper, 'measure', count, count, false)
    }
    const ownCount = rowsOfPass(first)
    gather(X, plan.inputs, undefined, first, ownCount, plan.input)
    gather(y, plan.outputs, undefined, first, ownCount, plan.target)
    loss += (ownCount / rows) * plan.run(ownCount, false)
    correct += plan.correctCount(ownCount)
    for (let helper = 0; helper < pool.helpers; helper++) {
      const passStart = first + (helper + 1) * passRows
      if (passStart >= rows) break
      const finished = pool.finish(helper)
      if (E.isLeft(finished)) return finished
      loss += (rowsOfPass(passStart) / rows) * pool.loss(helper)
      correct += pool.correct(helper)
    }
  }
  return E.right({ loss, accuracy: correct / rows })
}
