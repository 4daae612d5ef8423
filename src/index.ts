// gradfold's public surface, one namespace per layer: `import { linalg, random } from 'gradfold'`.
// Each namespace re-exports only what its folder makes public. `check` here is numeric gradient
// checking alone (src/check/gradient-check.ts, a notebook feature); the laws and fast-check
// arbitraries are the `gradfold/check` entry (src/check/index.ts), so this entry never loads
// fast-check: its imports reach fp-ts and io-ts and no other package (test/package.test.ts).

export * as linalg from './linalg/index.js'
export * as random from './random/index.js'
export * as graph from './graph/index.js'
export * as network from './network/index.js'
export * as train from './train/index.js'
export * as check from './check/gradient-check.js'
export * as data from './data/index.js'
export * as viz from './viz/index.js'
