// Optimizers as pairs of pure functions, optax's GradientTransformation: `init` builds a state
// from the parameters, `update` turns gradients into updates (added to the parameters) and the
// next state. Laws: neither function mutates its arguments; applying `update`'s output with
// `applyUpdates` is the whole effect of a step; an optimizer's `inPlace` form, when it has one,
// does exactly that step on flat buffers, bit for bit.

import type { Tree } from '../graph/index.js'
import type { ReadonlyFloat64Array } from '../linalg/index.js'

/**
 * A gradient transformation with state `State`.
 *
 * @category Transformations
 */
export interface Optimizer<State> {
  /** The initial state for these parameters. */
  readonly init: (parameters: Tree) => State
  /** Updates to add to the parameters (e.g. −η·g for SGD), and the next state. */
  readonly update: (
    gradients: Tree,
    state: State,
    parameters: Tree,
  ) => { readonly updates: Tree; readonly state: State }
  /**
   * The same step done in place on flat buffers, for compiled training (`fit` runs it without
   * allocating); optimizers without one are run through `update`.
   */
  readonly inPlace?: InPlaceUpdate<State>
  /**
   * The transformations this one is made of, each with its flat form: what `chain` flattens,
   * fuses and runs in place. Every transformation of gradfold has them; one written by hand as
   * `{ init, update }` need not (a chain then runs it through `update`, and has no `inPlace`).
   */
  readonly parts?: Parts
}

/**
 * Element-wise kernels over the buffers an in-place step is given (a compiled plan's, in its
 * WebAssembly memory), for the loops that are plain scalings and sums: the same bits as the
 * TypeScript loops they stand in for, in a fraction of the time.
 *
 * @category Transformations
 */
export interface LanewiseKernels {
  /** out[i] = factor · a[i]. `out` may be `a`. */
  readonly scale: (a: ReadonlyFloat64Array, factor: number, out: Float64Array) => void
  /** out[i] = a[i] + b[i]. `out` may be `a` or `b`. */
  readonly add: (a: ReadonlyFloat64Array, b: ReadonlyFloat64Array, out: Float64Array) => void
}

/**
 * An optimizer's step as a loop over flat buffers: the parameter leaves (in tree order), their
 * gradients, the state's step counters and its slots (one buffer per slot per leaf: SGD keeps
 * none, momentum its velocity, Adam its two moments). Law: `pack` after `apply` is the state
 * `update` returns, and the parameters are `applyUpdates` of its updates, bit for bit
 * (test/train/optimizer.test.ts checks it).
 *
 * @category Transformations
 */
export interface InPlaceUpdate<State> {
  /** How many step counters the state keeps (Adam's count, a schedule's step). */
  readonly counters: number
  /** How many slots per leaf the state keeps. */
  readonly slots: number
  /** The counters and the slot trees (each shaped like the parameters) that `state` holds. */
  readonly unpack: (state: State) => Unpacked
  /** The state with these counters and these slot trees. */
  readonly pack: (counters: readonly number[], slots: readonly Tree[]) => State
  /**
   * One step: the counters advanced, every slot and parameter leaf updated in place from the
   * gradient leaf of the same index. The gradient buffers are the step's scratch: they end
   * holding the updates that were added to the parameters. `slots[s][leaf]` is slot s of a leaf.
   * With `lanewise` (kernels that take the parameter and gradient buffers), the scalings and the
   * final sum run on them.
   */
  readonly apply: (
    counters: Float64Array,
    parameters: readonly Float64Array[],
    gradients: readonly Float64Array[],
    slots: readonly (readonly Float64Array[])[],
    lanewise?: LanewiseKernels,
  ) => void
}

/**
 * What a state holds, as flat data: its step counters and its slot trees.
 *
 * @category Transformations
 */
export interface Unpacked {
  readonly counters: readonly number[]
  readonly slots: readonly Tree[]
}

/**
 * What a transformation does with a scaling that follows it in a chain (a learning rate): in
 * exact arithmetic scaling commutes with every rule here; in floating point, where the factor is
 * multiplied in changes the last bits, so each transformation says where it goes.
 * - `absorbs`: `run(c)` puts the factor c into its own rule — the numerator of its division, as
 *   PyTorch's Adam, RMSprop and Adagrad do (`(−η·m̂)/(√v̂ + ε)`, not `−η·(m̂/(√v̂ + ε))`).
 * - `commutes`: stateless, and `run(c)` maps updates already scaled by c to its own output scaled
 *   by c (`u + (c·λ)·θ` for decayed weights), so the factor passes through it to an absorber.
 * - `scales`: it is the scaling: its factor at the counters, and how it advances them when an
 *   absorber has applied that factor for it.
 * - `none`: the factor is applied after it, as written.
 * In every case `run` with factor 1 is the transformation alone.
 *
 * @category Transformations
 */
export type Fusion =
  | { readonly kind: 'absorbs' | 'commutes' | 'none' }
  | {
      readonly kind: 'scales'
      /**
       * Writes into `into[0]` the factor it multiplies by at these counters (from `at`): −η(step)
       * for a learning rate. (Written into a buffer, not returned: a number crossing a call is a
       * boxed double, and a compiled step allocates nothing.)
       */
      readonly factor: (counters: Float64Array, at: number, into: Float64Array) => void
      /** Its counters moved on one step, the updates left alone (the factor was applied). */
      readonly advance: (counters: Float64Array, at: number) => void
    }

/**
 * A gradient transformation's step over flat buffers, the form `chain` composes: the update
 * buffers are rewritten in place, leaf by leaf, from the incoming updates (and the parameters).
 * Law: `run` with factor 1 on buffers copied from trees gives, bit for bit, its `update`.
 *
 * @category Transformations
 */
export interface FlatTransform<State> {
  /** What errors of its pure form call it: `scaleByAdam`, or the alias built on it. */
  readonly name: string
  /** Step counters the state keeps (scaleByAdam 1, scaleByLearningRate 1, the others 0). */
  readonly counters: number
  /** Slot trees the state keeps, each shaped like the parameters. */
  readonly slots: number
  readonly unpack: (state: State) => Unpacked
  readonly pack: (counters: readonly number[], slots: readonly Tree[]) => State
  readonly fusion: Fusion
  /**
   * One step on flat buffers with the factor c in `factor[0]` (see `Fusion`; a buffer so that no
   * double is boxed per call): `updates[leaf]` in (the incoming updates) and out (this
   * transformation's), its slots at `slots[slotAt + s]`, its counters at `counters[counterAt + c]`,
   * all moved on in place. Allocates nothing. `lanewise`, when given, takes the update buffers
   * (a rule that is a plain scaling may run on it; the bits are the same).
   */
  readonly run: (
    factor: ReadonlyFloat64Array,
    updates: readonly Float64Array[],
    parameters: readonly ReadonlyFloat64Array[],
    slots: readonly (readonly Float64Array[])[],
    slotAt: number,
    counters: Float64Array,
    counterAt: number,
    lanewise?: LanewiseKernels,
  ) => void
}

/**
 * One transformation of a flattened chain: its pure pair, and its flat form when it has one.
 *
 * @category Transformations
 */
export interface Part {
  readonly init: (parameters: Tree) => unknown
  readonly update: (
    gradients: Tree,
    state: unknown,
    parameters: Tree,
  ) => { readonly updates: Tree; readonly state: unknown }
  readonly flat?: FlatTransform<unknown>
}

/**
 * Where each part's state sits in a chain's state: a part's index, or a tuple of layouts.
 *
 * @category Transformations
 */
export type Layout = number | readonly Layout[]

/**
 * A transformation as the list of its parts, in order, and how its state nests their states.
 *
 * @category Transformations
 */
export interface Parts {
  readonly list: readonly Part[]
  readonly layout: Layout
}

/**
 * Item `index` of a list (a leaf's buffer, a slot): a missing one is a bug in the caller, not bad
 * input, so it throws.
 *
 * @example
 * import assert from 'node:assert'
 * import { itemAt } from './optimizer.js'
 * const buffers = [new Float64Array(2)]
 * assert.strictEqual(itemAt(buffers, 0, 'leaf'), buffers[0])
 * assert.throws(() => itemAt(buffers, 1, 'leaf'), /no leaf 1/)
 */
export const itemAt = <Item>(items: readonly Item[], index: number, what: string): Item => {
  const item = items[index]
  if (item === undefined) throw new Error(`in-place update: no ${what} ${index}`)
  return item
}
