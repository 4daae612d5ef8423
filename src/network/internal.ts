// What the network layer offers gradfold's other layers and not the package: the compiled plan
// training runs on (network/compiled), and the objective's checks that `fit` runs once before it
// compiles one. Never re-exported by an entry.

export { compileDensePlan, densePlanBuffers, type DensePlan } from './compiled/dense-plan.js'
export { checkObjective } from './objective.js'
export { applyTreeUpdates, sgdStep } from './updates.js'
