// Parameter trees: paths printed and parsed, leaves in order, map and zip keeping structure.

import { fc, test as propertyTest } from '@fast-check/vitest'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import { graph, linalg } from '../../src/index.js'
import { leafAt } from '../../src/graph/tree.js'

const network = {
  layers: [
    { W: linalg.zeros(2, 3), b: linalg.zeros(1, 3) },
    { W: linalg.ones(3, 1), b: linalg.ones(1, 1) },
  ],
}

describe('trees', () => {
  test('leaves come with their paths, depth first in key order', () => {
    expect(graph.leaves(network).map(([path]) => graph.formatPath(path))).toStrictEqual([
      'layers[0].W',
      'layers[0].b',
      'layers[1].W',
      'layers[1].b',
    ])
  })

  propertyTest.prop([
    fc.array(fc.oneof(fc.stringMatching(/^[a-zA-Z]\w{0,5}$/), fc.nat({ max: 20 })), {
      minLength: 1,
      maxLength: 5,
    }),
  ])('parsePath inverts formatPath for paths that start with a key', (path) => {
    fc.pre(typeof path[0] === 'string')
    expect(graph.parsePath(graph.formatPath(path))).toStrictEqual(path)
  })

  test('mapTree keeps the structure and freezes the copy', () => {
    const doubled = graph.mapTree(network, (leaf) => linalg.scale(leaf, 2))
    expect(graph.leaves(doubled).map(([path]) => graph.formatPath(path))).toStrictEqual(
      graph.leaves(network).map(([path]) => graph.formatPath(path)),
    )
    expect(Object.isFrozen(doubled.layers)).toBe(true)
    expect(doubled.layers[1]?.W).toEqual(linalg.fill(3, 1, 2))
    expect(network.layers[1]?.W).toEqual(linalg.ones(3, 1))
  })

  test('leafAt names where a path leaves the tree', () => {
    expect(leafAt(network, graph.parsePath('layers[2].W'))).toStrictEqual(
      E.left('layers[2] is missing'),
    )
    expect(leafAt(network, graph.parsePath('layers[0].W.x'))).toStrictEqual(
      E.left('layers[0].W.x goes below a matrix'),
    )
    expect(leafAt(network, graph.parsePath('layers[0]'))).toStrictEqual(
      E.left('layers[0] is not a matrix'),
    )
  })

  test('zipTree combines matching leaves and names the first missing one', () => {
    const summed = graph.zipTree(network, network, (a, b) =>
      linalg.scale(a, 1 + linalg.get(b, 0, 0)),
    )
    expect(E.isRight(summed)).toBe(true)
    expect(graph.zipTree(network, { layers: [] }, (a) => a)).toStrictEqual(
      E.left('layers[0] is missing'),
    )
  })
})
