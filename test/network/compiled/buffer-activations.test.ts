// The compiled activations' loops held to the graph's one source of each rule. Softmax's backward
// loop, the one written as a formula of its own — y ⊙ (w − rowSum(w ⊙ y)) — runs as a primitive
// record whose `reference` is graph.primitives.softmaxRows: checkPrimitive then demands its
// forward and VJP equal the primitive's bit for bit on random rows, and its VJP keep the term the
// primitive shows, diag(y) − y·yᵀ each row (the formula law), and central finite differences. A
// loop that drifts from the rule is caught. Every activation's loops equal `activate`'s graph.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { graph, linalg, network } from '../../../src/index.js'
import * as check from '../../../src/check/index.js'
import {
  bufferActivation,
  type BufferActivation,
} from '../../../src/network/compiled/buffer-activations.js'
import { right } from '../../support/either.js'

const { softmaxRows } = graph.primitives

const entry = (buffer: Float64Array, index: number): number =>
  linalg.checked.float64At(buffer, index, 'a loop’s buffer')

const matrixOf = (rows: number, cols: number, entries: Float64Array): linalg.Matrix =>
  right(linalg.fromFlat(rows, cols, entries))

/** The loops' forward at a matrix z. */
const forwardOf = (loops: BufferActivation, z: linalg.Matrix): linalg.Matrix => {
  const a = new Float64Array(z.rows * z.cols)
  loops.forward(linalg.toFloat64Array(z), a, a.length, z.cols)
  return matrixOf(z.rows, z.cols, a)
}

/** The loops' backward: dz for da arriving at a = f(z). */
const backwardOf = (
  loops: BufferActivation,
  z: linalg.Matrix,
  a: linalg.Matrix,
  da: linalg.Matrix,
): linalg.Matrix => {
  const dz = new Float64Array(z.rows * z.cols)
  loops.backward(
    linalg.toFloat64Array(da),
    linalg.toFloat64Array(z),
    linalg.toFloat64Array(a),
    dz,
    dz.length,
    z.cols,
  )
  return matrixOf(z.rows, z.cols, dz)
}

/**
 * Softmax as the compiled plan computes it, as a primitive record: the loops for forward and VJP
 * (a plan of `cols` columns), softmaxRows' JVP, and softmaxRows itself as the declared rule.
 */
const compiledSoftmax = (
  loopsFor: (cols: number) => BufferActivation = (cols) => bufferActivation('softmax', cols),
): graph.Primitive => ({
  ...softmaxRows,
  name: 'compiled softmax',
  forward: ([z = linalg.zeros(1, 1)]) => forwardOf(loopsFor(z.cols), z),
  vjp: ([z = linalg.zeros(1, 1)], a, da) => [backwardOf(loopsFor(z.cols), z, a, da)],
  reference: softmaxRows,
})

/**
 * Rows of logits up to 6×6, entries in [−3, 3] (the laws' finite differences and adjointness need
 * well-conditioned rows; the property below takes the loops to ±40 against the graph, bit for bit).
 */
const logitRows = check.sizedOperands(2, ([rows, cols]) => [{ rows, cols }], {
  maxSize: 6,
  min: -3,
  max: 3,
})

describe('softmax: the compiled loops against softmaxRows', () => {
  test('forward and backward equal the primitive bit for bit and keep its term, on random rows', () => {
    check.checkPrimitive(compiledSoftmax(), logitRows)
  })

  test('a backward loop that forgets the ⊙ y inside the row sum is caught', () => {
    // y ⊙ (w − rowSum(w)): right when w is constant along a row, wrong otherwise
    const forgetful = (cols: number): BufferActivation => ({
      forward: bufferActivation('softmax', cols).forward,
      backward: (da, _z, a, dz, length, width) => {
        for (let start = 0; start < length; start += width) {
          let total = 0
          for (let col = 0; col < width; col++) total += entry(da, start + col)
          for (let col = 0; col < width; col++) {
            dz[start + col] = entry(a, start + col) * (entry(da, start + col) - total)
          }
        }
      },
    })
    let message = ''
    try {
      check.checkPrimitive(compiledSoftmax(forgetful), logitRows, { numRuns: 50, seed: 7 })
    } catch (error) {
      message = error instanceof Error ? error.message : String(error)
    }
    expect(message).toMatch(
      /compiled softmax: the fast VJP for operand 0 differs from its declared rule/,
    )
    expect(message).toMatch(
      /compiled softmax: its derivative terms \(diag\(y\) − y·yᵀ \(each row\)\) disagree with its VJP/,
    )
  })
})

describe('every activation: the compiled loops against activate’s graph', () => {
  const shapes = fc.record({
    rows: fc.integer({ min: 1, max: 4 }),
    cols: fc.integer({ min: 1, max: 5 }),
  })
  const cases = shapes.chain(({ rows, cols }) =>
    fc.record({
      name: fc.constantFrom(...network.activationNames),
      z: fc.array(fc.double({ min: -40, max: 40, noNaN: true }), {
        minLength: rows * cols,
        maxLength: rows * cols,
      }),
      da: fc.array(fc.double({ min: -2, max: 2, noNaN: true }), {
        minLength: rows * cols,
        maxLength: rows * cols,
      }),
      rows: fc.constant(rows),
      cols: fc.constant(cols),
    }),
  )

  propertyTest.prop([cases], { numRuns: 300 })(
    'forward equals graph.evaluate and backward equals graph.vjp, bit for bit',
    ({ name, z, da, rows, cols }) => {
      const Z = matrixOf(rows, cols, Float64Array.from(z))
      const DA = matrixOf(rows, cols, Float64Array.from(da))
      const plan = right(graph.compile(network.activate(graph.input('Z', rows, cols), name)))
      const { value, gradients } = right(graph.vjp(plan, { inputs: { Z } }, DA))
      const loops = bufferActivation(name, cols)
      const a = forwardOf(loops, Z)
      expect(linalg.toFlat(a)).toStrictEqual(linalg.toFlat(value))
      const dz = backwardOf(loops, Z, a, DA)
      const { Z: expected } = gradients.inputs
      if (expected === undefined) throw new Error('graph.vjp gave no gradient for the input Z')
      expect(linalg.toFlat(dz)).toStrictEqual(linalg.toFlat(expected))
    },
  )
})
