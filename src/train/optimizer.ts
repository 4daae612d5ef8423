// Optimizers as pairs of pure functions, optax's GradientTransformation: `init` builds a state
// from the parameters, `update` turns gradients into updates (added to the parameters) and the
// next state. Laws: neither function mutates its arguments; applying `update`'s output with
// `applyUpdates` is the whole effect of a step.

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
}
