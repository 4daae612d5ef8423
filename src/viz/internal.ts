// What the viz layer offers gradfold's other layers and not the package: the one font its specs
// name, which the teaching figures drawn as DOT (fig_01) name too. Never re-exported by an entry.

export { FONT } from './spec.js'
