// What the graph layer offers gradfold's other layers and not the package: a parameter tree's leaf
// at a path (the optimizers' flat layout reads it), and the value and slope functions the
// activation primitives declare, which the compiled plan's loops call so no derivative is written
// twice. Never re-exported by an entry.

export {
  clampSlope,
  clampValue,
  eluSlope,
  eluValue,
  leakyReluSlope,
  leakyReluValue,
  logistic,
  rectify,
  reluSlope,
  sigmoidSlope,
  softplusValue,
  tanhSlope,
} from './primitives/activations.js'
export { leafAt } from './tree.js'
