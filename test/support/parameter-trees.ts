// An arbitrary for optimizer laws: parameters and two gradient trees of one random structure
// `{ layers: [{ W, b }, …] }`, every leaf of a layer the same shape across the three.

import { fc } from '@fast-check/vitest'
import { type graph } from '../../src/index.js'
import * as check from '../../src/check/index.js'

/** Parameters and two gradient trees of one random structure `{ layers: [{ W, b }, …] }`. */
export const parameterTrees = fc
  .array(fc.tuple(check.sameShapeMatrices(3, { maxSize: 4 }), check.sameShapeMatrices(3)), {
    minLength: 1,
    maxLength: 3,
  })
  .map((layers) => {
    const pick = (which: 0 | 1 | 2): graph.Tree => ({
      layers: layers.map(([W, b]) => ({ W: W[which], b: b[which] })),
    })
    return { parameters: pick(0), first: pick(1), second: pick(2) }
  })
