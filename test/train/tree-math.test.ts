// Tree arithmetic: results keep the first tree's structure; add(t, zerosLike(t)) ≅ t; scale is
// homogeneous for globalNorm; globalNorm is the norm of every entry read as one vector; trees of
// different structure or shapes are refused, naming the leaf.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { graph, linalg } from '../../src/index.js'
import * as check from '../../src/check/index.js'
import { right } from '../support/either.js'
import {
  add,
  globalNorm,
  mapTree2,
  mapTree3,
  mul,
  scale,
  sub,
  sumOfSquares,
  zerosLike,
} from '../../src/train/tree-math.js'

const triples = fc
  .array(check.sameShapeMatrices(3, { maxSize: 4 }), { minLength: 1, maxLength: 4 })
  .map((layers) => {
    const pick = (which: 0 | 1 | 2): graph.Tree => ({
      layers: layers.map((matrices) => ({ W: matrices[which] })),
    })
    return [pick(0), pick(1), pick(2)] as const
  })

const entries = (tree: graph.Tree): number[] =>
  graph.leaves(tree).flatMap(([, leaf]) => linalg.toFlat(leaf))
const shapes = (tree: graph.Tree): string[] =>
  graph.leaves(tree).map(([path, leaf]) => `${graph.formatPath(path)}:${leaf.rows}×${leaf.cols}`)

describe('tree arithmetic', () => {
  propertyTest.prop([triples])(
    'add, sub, mul work entry by entry and keep the structure',
    ([a, b]) => {
      const left = entries(a)
      const right = entries(b)
      const at = (index: number): number => right[index] ?? Number.NaN
      expect(entries(add(a, b))).toStrictEqual(left.map((x, i) => x + at(i)))
      expect(entries(sub(a, b))).toStrictEqual(left.map((x, i) => x - at(i)))
      expect(entries(mul(a, b))).toStrictEqual(left.map((x, i) => x * at(i)))
      expect(shapes(add(a, b))).toStrictEqual(shapes(a))
    },
  )

  propertyTest.prop([triples])(
    'add(t, zerosLike(t)) has t’s entries; zerosLike is all zeros',
    ([a]) => {
      // −0 + 0 is +0, so compare with signed zeros made positive.
      const unsigned = (values: number[]): number[] => values.map((value) => value + 0)
      expect(unsigned(entries(add(a, zerosLike(a))))).toStrictEqual(unsigned(entries(a)))
      expect(entries(zerosLike(a)).every((value) => value === 0)).toBe(true)
      expect(shapes(zerosLike(a))).toStrictEqual(shapes(a))
    },
  )

  propertyTest.prop([triples, fc.double({ min: -100, max: 100, noNaN: true })])(
    'scale multiplies every entry; globalNorm(scale(t, c)) = |c|·globalNorm(t)',
    ([a], factor) => {
      expect(entries(scale(a, factor))).toStrictEqual(entries(a).map((x) => x * factor))
      const expected = Math.abs(factor) * globalNorm(a)
      expect(Math.abs(globalNorm(scale(a, factor)) - expected)).toBeLessThanOrEqual(
        1e-12 * Math.max(1, expected),
      )
    },
  )

  propertyTest.prop([triples])('globalNorm is the norm of every entry as one vector', ([a]) => {
    const squares = entries(a).reduce((total, x) => total + x * x, 0)
    expect(sumOfSquares(a)).toBeCloseTo(squares, 9)
    expect(globalNorm(a)).toBeCloseTo(Math.sqrt(squares), 9)
    expect(globalNorm(a)).toBeGreaterThanOrEqual(0)
  })

  propertyTest.prop([triples])('mapTree3 sees matching leaves of three trees', ([a, b, c]) => {
    const combined = mapTree3(a, b, c, (x, y, z) =>
      right(
        linalg.generate(
          x.rows,
          x.cols,
          (row, col) =>
            linalg.get(x, row, col) + 2 * linalg.get(y, row, col) + 3 * linalg.get(z, row, col),
        ),
      ),
    )
    const ys = entries(b)
    const zs = entries(c)
    const expected = entries(a).map(
      (x, i) => x + 2 * (ys[i] ?? Number.NaN) + 3 * (zs[i] ?? Number.NaN),
    )
    entries(combined).forEach((value, index) => {
      expect(value).toBeCloseTo(expected[index] ?? Number.NaN, 9)
    })
  })

  propertyTest.prop([triples])('no argument is changed', ([a, b, c]) => {
    const before = [entries(a), entries(b), entries(c)]
    add(a, b)
    mul(b, c)
    scale(c, 3)
    mapTree3(a, b, c, (x) => x)
    expect([entries(a), entries(b), entries(c)]).toStrictEqual(before)
  })

  test('globalNorm of a 3-4 tree is 5; of an empty tree, 0', () => {
    expect(globalNorm({ a: linalg.fill(1, 1, 3), b: [linalg.fill(1, 1, 4)] })).toBe(5)
    expect(globalNorm([])).toBe(0)
  })

  test('a missing leaf or a different shape is named', () => {
    const first = { layers: [{ W: linalg.ones(2, 2), b: linalg.ones(1, 2) }] }
    expect(() => add(first, { layers: [{ W: linalg.ones(2, 2) }] })).toThrow(
      new RangeError('mapTree2: layers[0].b is missing'),
    )
    expect(() => add(first, { layers: [{ W: linalg.ones(2, 2), b: linalg.ones(2, 1) }] })).toThrow(
      new RangeError('mapTree2: layers[0].b is 1×2 in the first tree but 2×1 in another'),
    )
    expect(() => mapTree3(first, first, { layers: [] }, (x) => x)).toThrow(
      'mapTree3: layers[0] is missing',
    )
    expect(() => mapTree2(first, first, (x) => x)).not.toThrow()
  })
})
