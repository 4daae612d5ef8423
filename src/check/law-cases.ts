// The random cases of the laws: entries kept inside a primitive's domain and away from its kinks
// (entryIn), operands of given or random shapes (operandsOf, sizedOperands), and a cotangent and
// tangents spread evenly over [−1, 1] (lawCases). Law: every case has the shapes it promises.

import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import type { Primitive } from '../graph/index.js'
import { toRows, type Matrix, type Shape } from '../linalg/index.js'
import { adopt } from '../linalg/internal.js'
import { dimension, type Tuple } from './arbitraries.js'
import { requireFinite } from './law-support.js'

/**
 * Where generated entries lie: within [min, max], and at least `margin` away from each `avoid`.
 *
 * @category Laws
 */
export interface EntryConstraints {
  /** The smallest entry (default −3). */
  readonly min?: number
  /** The largest entry (default 3). */
  readonly max?: number
  /** Points to keep away from: kinks (0 for relu, the bounds of a clamp), poles (0 for 1/x). */
  readonly avoid?: readonly number[]
  /**
   * How far from each avoided point (default 0.01). Keep it above the reach of the finite
   * differences, 2·hₑ ≤ 3·`step`·max(1, |x|), so no probe straddles the kink.
   */
  readonly margin?: number
}

/**
 * One operand: its shape and, optionally, constraints on its entries that override the defaults.
 *
 * @category Laws
 */
export type OperandSpec = Shape & EntryConstraints

/**
 * One probe of the laws: operands, a cotangent shaped like the output, tangents like the operands.
 *
 * @category Laws
 */
export interface LawCase {
  readonly operands: readonly Matrix[]
  readonly cotangent: Matrix
  readonly tangents: readonly Matrix[]
}

const resolveEntries = (constraints: EntryConstraints): Required<EntryConstraints> => {
  const { min = -3, max = 3, avoid = [], margin = 0.01 } = constraints
  requireFinite('min', min)
  requireFinite('max', max)
  if (!(min < max)) throw new RangeError(`laws: entries in [${min}, ${max}], expected min < max`)
  avoid.forEach((point) => {
    requireFinite('an avoided point', point)
  })
  if (!Number.isFinite(margin) || margin < 0)
    throw new RangeError(`laws: margin is ${margin}, expected a non-negative number`)
  return { min, max, avoid, margin }
}

const allowed =
  ({ avoid, margin }: Required<EntryConstraints>) =>
  (x: number): boolean =>
    avoid.every((point) => Math.abs(x - point) >= margin)

/** True when the allowed part of [min, max] contains an interval (so a filter can find entries). */
const hasRoom = (constraints: Required<EntryConstraints>): boolean => {
  const { min, max, avoid, margin } = constraints
  const breaks = [min, max, ...avoid.flatMap((point) => [point - margin, point + margin])]
    .filter((x) => x >= min && x <= max)
    .sort((a, b) => a - b)
  const ok = allowed(constraints)
  return breaks.some((x, index) => {
    const next = breaks[index + 1]
    return next !== undefined && next > x && ok((x + next) / 2)
  })
}

/**
 * Finite numbers within [min, max] (default [−3, 3]) that keep `margin` away from every `avoid`
 * point: the entries of well-conditioned operands.
 *
 * @example
 * import assert from 'node:assert'
 * import fc from 'fast-check'
 * import { entryIn } from './law-cases.js'
 * const entries = fc.sample(entryIn({ min: -1, max: 1, avoid: [0], margin: 0.1 }), { numRuns: 50, seed: 1 })
 * assert.ok(entries.every((x) => Math.abs(x) >= 0.1 && Math.abs(x) <= 1))
 */
export const entryIn = (constraints: EntryConstraints = {}): fc.Arbitrary<number> => {
  const resolved = resolveEntries(constraints)
  if (!hasRoom(resolved)) {
    throw new RangeError(
      `laws: no entries in [${resolved.min}, ${resolved.max}] keep ${resolved.margin} away from ${resolved.avoid.join(', ')}`,
    )
  }
  const entries = fc.double({ min: resolved.min, max: resolved.max, noNaN: true })
  return resolved.avoid.length === 0 ? entries : entries.filter(allowed(resolved))
}

const matrixIn = (spec: OperandSpec, defaults: EntryConstraints): fc.Arbitrary<Matrix> => {
  const { rows, cols } = spec
  if (!Number.isSafeInteger(rows) || rows < 1 || !Number.isSafeInteger(cols) || cols < 1) {
    throw new RangeError(`laws: operand shape ${rows}×${cols}, expected positive integer sizes`)
  }
  const constraints: EntryConstraints = { ...defaults, ...spec }
  return fc
    .array(entryIn(constraints), { minLength: rows * cols, maxLength: rows * cols })
    .map((values) => adopt(rows, cols, Float64Array.from(values)))
}

/**
 * Operands of the given shapes, each entry drawn by `entryIn` from the spec's own constraints or
 * else `defaults` — e.g. a positive divisor for `div`, entries away from 0 for `relu`.
 *
 * @category Laws
 * @example
 * import assert from 'node:assert'
 * import fc from 'fast-check'
 * import { linalg } from 'gradfold'
 * import * as check from 'gradfold/check'
 * const operands = check.operandsOf([{ rows: 2, cols: 3 }, { rows: 2, cols: 3, min: 0.5, max: 2 }])
 * const [[a, b] = []] = fc.sample(operands, { numRuns: 1, seed: 7 })
 * assert.ok(a !== undefined && b !== undefined && a.rows === 2 && b.cols === 3)
 * assert.ok(linalg.toFlat(b).every((x) => x >= 0.5 && x <= 2))
 */
export const operandsOf = (
  specs: readonly OperandSpec[],
  defaults: EntryConstraints = {},
): fc.Arbitrary<readonly Matrix[]> => fc.tuple(...specs.map((spec) => matrixIn(spec, defaults)))

const isTuple =
  <Count extends number>(count: Count) =>
  (sizes: readonly number[]): sizes is Tuple<number, Count> =>
    sizes.length === count

/**
 * Operands whose shapes are built from `count` random sizes between 1 and `maxSize` (default 4):
 * `sizedOperands(3, ([m, k, n]) => [{ rows: m, cols: k }, { rows: k, cols: n }])` for matmul.
 *
 * @category Laws
 * @example
 * import assert from 'node:assert'
 * import fc from 'fast-check'
 * import * as check from 'gradfold/check'
 * const chains = check.sizedOperands(3, ([m, k, n]) => [{ rows: m, cols: k }, { rows: k, cols: n }])
 * fc.assert(fc.property(chains, ([a, b]) => a !== undefined && b !== undefined && a.cols === b.rows && a.rows <= 4))
 */
export const sizedOperands = <Count extends number>(
  count: Count,
  specsOf: (sizes: Tuple<number, Count>) => readonly OperandSpec[],
  constraints: EntryConstraints & { readonly maxSize?: number } = {},
): fc.Arbitrary<readonly Matrix[]> => {
  const { maxSize = 4, ...entries } = constraints
  return fc
    .array(dimension(maxSize), { minLength: count, maxLength: count })
    .filter(isTuple(count))
    .chain((sizes) => operandsOf(specsOf(sizes), entries))
}

const unit = 2 ** 20

/**
 * Directions with entries spread evenly over [−1, 1]. Unbiased on purpose: fast-check's usual bias
 * towards zeros and repeated values would make degenerate probes common (a cotangent that is 0, or
 * constant along a softmax row, sees no gradient at all).
 */
const direction = (shape: Shape): fc.Arbitrary<Matrix> =>
  fc
    .noBias(
      fc.array(fc.integer({ min: -unit, max: unit }), {
        minLength: shape.rows * shape.cols,
        maxLength: shape.rows * shape.cols,
      }),
    )
    .map((values) =>
      adopt(
        shape.rows,
        shape.cols,
        Float64Array.from(values, (v) => v / unit),
      ),
    )

/** Nested rows, with NaN and ±∞ spelled out (JSON would print null). */
const describeMatrices = (matrices: readonly Matrix[]): string =>
  `[${matrices
    .map(
      (m) =>
        `[${toRows(m)
          .map((row) => `[${row.join(', ')}]`)
          .join(', ')}]`,
    )
    .join(', ')}]`

/**
 * Cases for the laws of `primitive`: operands from `operands`, with a cotangent shaped like the
 * output its shape rule promises and tangents shaped like the operands (entries evenly in [−1, 1]).
 *
 * @category Laws
 * @example
 * import assert from 'node:assert'
 * import fc from 'fast-check'
 * import { graph } from 'gradfold'
 * import * as check from 'gradfold/check'
 * const cases = check.lawCases(graph.primitives.sumRows, check.operandsOf([{ rows: 3, cols: 2 }]))
 * const [probe] = fc.sample(cases, { numRuns: 1, seed: 3 })
 * assert.ok(probe !== undefined && probe.cotangent.rows === 3 && probe.cotangent.cols === 1)
 */
export const lawCases = (
  primitive: Primitive,
  operands: fc.Arbitrary<readonly Matrix[]>,
): fc.Arbitrary<LawCase> =>
  operands.chain((inputs) => {
    const output = primitive.shape(inputs)
    const shape = E.isRight(output) ? output.right : { rows: 1, cols: 1 }
    return fc
      .tuple(direction(shape), fc.tuple(...inputs.map(direction)))
      .map(([cotangent, tangents]) => ({
        operands: inputs,
        cotangent,
        tangents,
        [fc.toStringMethod]: () =>
          `operands ${describeMatrices(inputs)}, cotangent ${describeMatrices([cotangent])}, tangents ${describeMatrices(tangents)}`,
      }))
  })
