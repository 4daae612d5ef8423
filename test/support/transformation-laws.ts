// Laws every gradient transformation keeps, as one suite to run on each: the same inputs give
// bit-identical updates and states, from a fresh build too; neither gradients, parameters nor
// states are written; what comes back is frozen and shaped like the gradients.

import { test as propertyTest } from '@fast-check/vitest'
import { expect } from 'vitest'
import { graph } from '../../src/index.js'
import type { Optimizer } from '../../src/train/optimizer.js'
import { entries, expectSameBits, runs, snapshot, stateNumbers } from './optimizer-runs.js'

const shapes = (tree: graph.Tree): string[] =>
  graph.leaves(tree).map(([path, leaf]) => `${graph.formatPath(path)}:${leaf.rows}×${leaf.cols}`)

/** The laws above as a property test over runs of 1–4 steps. */
export const transformationLaws = <State>(build: () => Optimizer<State>): void => {
  propertyTest.prop([runs], { numRuns: 40 })(
    'deterministic, never writes its arguments, returns frozen values shaped like the gradients',
    ({ parameters, gradients }) => {
      const optimizer = build()
      const other = build()
      const before = snapshot({ parameters, gradients })
      let state = optimizer.init(parameters)
      let again = other.init(parameters)
      for (const gradient of gradients) {
        const stateBefore = snapshot(state)
        const result = optimizer.update(gradient, state, parameters)
        const repeated = other.update(gradient, again, parameters)
        expect(snapshot(state)).toStrictEqual(stateBefore)
        expectSameBits(entries(repeated.updates), entries(result.updates), 'updates')
        expectSameBits(stateNumbers(repeated.state), stateNumbers(result.state), 'state')
        expect(shapes(result.updates)).toStrictEqual(shapes(gradient))
        expect(Object.isFrozen(result)).toBe(true)
        expect(Object.isFrozen(result.state)).toBe(true)
        state = result.state
        again = repeated.state
      }
      expect(snapshot({ parameters, gradients })).toStrictEqual(before)
    },
  )
}
