// Optimizers as pairs of pure functions, optax's GradientTransformation: `init` builds a state
// from the parameters, `update` turns gradients into updates (added to the parameters) and the
// next state. Laws: neither function mutates its arguments; applying `update`'s output with
// `applyUpdates` is the whole effect of a step; an optimizer's `inPlace` form, when it has one,
// does exactly that step on flat buffers, bit for bit.

import type { Tree } from '../graph/index.js'

/** A gradient transformation with state `State`. */
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
}

/**
 * An optimizer's step as a loop over flat buffers: the parameter leaves (in tree order), their
 * gradients and the state's slots (one buffer per slot per leaf: SGD keeps none, momentum its
 * velocity, Adam its two moments). Law: `pack` after `apply` is the state `update` returns, and the
 * parameters are `applyUpdates` of its updates, bit for bit (test/train/optimizers checks it).
 */
export interface InPlaceUpdate<State> {
  /** How many slots per leaf the state keeps. */
  readonly slots: number
  /** The step count and the slot trees (each shaped like the parameters) that `state` holds. */
  readonly unpack: (state: State) => { readonly step: number; readonly slots: readonly Tree[] }
  /** The state with this step count and these slot trees. */
  readonly pack: (step: number, slots: readonly Tree[]) => State
  /**
   * One step at `step` (the count before it): every parameter leaf and slot updated in place from
   * the gradient leaf of the same index. `slots[s][leaf]` is slot s of that leaf.
   */
  readonly apply: (
    step: number,
    parameters: readonly Float64Array[],
    gradients: readonly Float64Array[],
    slots: readonly (readonly Float64Array[])[],
  ) => void
}

/** Leaf `index` of a list of buffers; a missing one is a bug in the caller, not bad input. */
export const leafAt = (buffers: readonly Float64Array[], index: number): Float64Array => {
  const buffer = buffers[index]
  if (buffer === undefined) throw new Error(`in-place update: no buffer for leaf ${index}`)
  return buffer
}
