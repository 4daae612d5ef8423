// gradfold's public surface, one namespace per layer: `import { linalg, random } from 'gradfold'`.
// Layers arrive issue by issue; each namespace re-exports only what its folder makes public.

export * as linalg from './linalg/index.js'
export * as random from './random/index.js'
export * as graph from './graph/index.js'
export * as network from './network/index.js'
export * as train from './train/index.js'
export * as check from './check/index.js'
export * as data from './data/index.js'
export * as viz from './viz/index.js'
