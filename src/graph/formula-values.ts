// Terms evaluated: an entry-wise term at numbers (evaluate, magnitude), and any derivative term as
// the gradient it says an operand receives (gradientOf) — computed by plain loops of its own, apart
// from the kernels a primitive runs, so a law can hold a primitive's VJP to the formula it shows.
// Laws: evaluation is IEEE arithmetic in the order the term names; it never throws on a shape.

import * as E from 'fp-ts/lib/Either.js'
import { checked, formatShape, type Matrix } from '../linalg/index.js'
import {
  columnSums,
  fromMatrix,
  gridOf,
  mapGrid,
  product,
  read,
  rowSoftmax,
  rowSums,
  shapeOf,
  single,
  toMatrix,
  transposeGrid,
  zerosShapedLike,
  zip,
  type Grid,
} from './formula-grid.js'
import { incoming, isEntrywise, type Condition, type Term } from './formula-terms.js'

/** The numbers a term is evaluated at: each operand's entry and the output's. */
export interface Point {
  readonly operands: readonly number[]
  readonly output: number
}

/** Where a derivative term gives a gradient: the primitive's operands and output, and its VJP's. */
export interface GradientPoint {
  readonly operands: readonly Matrix[]
  readonly output: Matrix
  /** The gradient arriving at the output (the cotangent), shaped like it. */
  readonly incoming: Matrix
  /** Which operand the term is the derivative for. */
  readonly operand: number
}

/** `value`: what the term computes; `magnitude`: the sizes it passes through (see `magnitude`). */
type Mode = 'value' | 'magnitude'

interface Context {
  readonly operands: readonly Grid[]
  readonly output: Grid
  readonly incoming: Grid
  readonly operand: number
}

type Evaluated = E.Either<string, Grid>

/** One of the values zipped together. */
const at = (values: readonly number[], index: number): number =>
  checked.at(values, index, 'formula: an operand of an operation')

/** The values of several terms, or the first reason one has none. */
const all = (terms: readonly Term[], context: Context, mode: Mode): E.Either<string, Grid[]> => {
  const grids: Grid[] = []
  for (const term of terms) {
    const found = valueOf(term, context, mode)
    if (E.isLeft(found)) return found
    grids.push(found.right)
  }
  return E.right(grids)
}

const zipTerms = (
  terms: readonly Term[],
  context: Context,
  mode: Mode,
  f: (values: readonly number[]) => number,
): Evaluated => E.chain((grids: Grid[]) => zip(grids, f))(all(terms, context, mode))

/** The condition as 1 where it holds and 0 elsewhere. */
const holds = (condition: Condition, context: Context): Evaluated => {
  switch (condition.kind) {
    case 'compare': {
      const { relation } = condition
      return zipTerms([condition.left, condition.right], context, 'value', (values) => {
        const [left, right] = [at(values, 0), at(values, 1)]
        const result =
          relation === '>'
            ? left > right
            : relation === '≥'
              ? left >= right
              : relation === '<'
                ? left < right
                : left <= right
        return result ? 1 : 0
      })
    }
    case 'between':
      return zipTerms(
        [condition.low, condition.term, condition.high],
        context,
        'value',
        (values) => (at(values, 0) <= at(values, 1) && at(values, 1) <= at(values, 2) ? 1 : 0),
      )
    case 'not':
      return E.map((grid: Grid) => mapGrid(grid, (value) => 1 - value))(
        holds(condition.condition, context),
      )
  }
}

/** The differentiated operand's grid. */
const differentiated = (context: Context): Grid => operandAt(context, context.operand)

const operandAt = (context: Context, index: number): Grid => {
  const found = context.operands[index]
  if (found === undefined) {
    throw new RangeError(
      `formula: operand ${index} evaluated at a point of ${context.operands.length} operands`,
    )
  }
  return found
}

/** The incoming gradient spread over a reduction's entries, if it has the reduction's shape. */
const spread = (term: Term & { kind: 'everyEntry' }, context: Context, mode: Mode): Evaluated => {
  const target = differentiated(context)
  const gradient = sized(context.incoming, mode)
  const expected =
    term.of === 'matrix'
      ? { rows: 1, cols: 1 }
      : term.of === 'row'
        ? { rows: target.rows, cols: 1 }
        : { rows: 1, cols: target.cols }
  if (gradient.rows !== expected.rows || gradient.cols !== expected.cols) {
    return E.left(
      `every entry of its ${term.of}: the incoming gradient is ${shapeOf(gradient)}, expected ${formatShape(expected)} for an operand of ${shapeOf(target)}`,
    )
  }
  return E.chain((factor: Grid) =>
    zip([zerosShapedLike(target), gradient, factor], (values) => at(values, 1) * at(values, 2)),
  )(valueOf(term.term, context, mode))
}

/** A grid as the mode reads it: its values, or their sizes. */
const sized = (grid: Grid, mode: Mode): Grid =>
  mode === 'value' ? grid : mapGrid(grid, (value) => Math.abs(value))

const unary = (term: Term, context: Context, mode: Mode, f: (grid: Grid) => Grid): Evaluated =>
  E.map(f)(valueOf(term, context, mode))

/**
 * The term's value as a grid — or, in `magnitude` mode, the sizes of the numbers computing it
 * passes through — or why it has none (shapes that do not fit, a row Jacobian outside eachRow).
 */
const valueOf = (term: Term, context: Context, mode: Mode): Evaluated => {
  switch (term.kind) {
    case 'operand':
      return E.right(sized(operandAt(context, term.index), mode))
    case 'output':
      return E.right(sized(context.output, mode))
    case 'incoming':
      return E.right(sized(context.incoming, mode))
    case 'number':
      return E.right(single(mode === 'value' ? term.value : Math.abs(term.value)))
    case 'count': {
      const { rows, cols } = differentiated(context)
      return E.right(single(term.of === 'rows' ? rows : term.of === 'columns' ? cols : rows * cols))
    }
    case 'negate':
      return unary(term.term, context, mode, (grid) =>
        mode === 'value' ? mapGrid(grid, (value) => -value) : grid,
      )
    case 'sum':
      return zipTerms(
        [term.left, term.right],
        context,
        mode,
        (values) => at(values, 0) + at(values, 1),
      )
    case 'difference':
      return zipTerms([term.left, term.right], context, mode, (values) =>
        mode === 'value' ? at(values, 0) - at(values, 1) : at(values, 0) + at(values, 1),
      )
    case 'product':
      return zipTerms(
        [term.left, term.right],
        context,
        mode,
        (values) => at(values, 0) * at(values, 1),
      )
    case 'quotient':
      return zipTerms(
        [term.left, term.right],
        context,
        mode,
        (values) => at(values, 0) / at(values, 1),
      )
    case 'square':
      return unary(term.term, context, mode, (grid) => mapGrid(grid, (value) => value * value))
    case 'power': {
      const { exponent } = term
      return unary(term.term, context, mode, (grid) =>
        mapGrid(grid, (value) => Math.pow(value, exponent)),
      )
    }
    case 'apply': {
      const f = term.function.at
      return unary(term.term, context, 'value', (grid) =>
        mapGrid(grid, (value) => (mode === 'value' ? f(value) : Math.abs(f(value)))),
      )
    }
    case 'indicator':
      return holds(term.condition, context)
    case 'cases':
      return E.chain((condition: Grid) =>
        E.chain((branches: Grid[]) =>
          zip([condition, ...branches], (values) =>
            at(values, 0) === 1 ? at(values, 1) : at(values, 2),
          ),
        )(all([term.then, term.otherwise], context, mode)),
      )(holds(term.condition, context))
    case 'eachRow':
      return valueOf(term.term, context, mode)
    case 'diag':
    case 'outer':
      return E.left(`${term.kind} writes a row's Jacobian: it has a value only inside eachRow`)
    case 'transpose':
      return unary(term.term, context, mode, transposeGrid)
    case 'softmax':
      // positive, so its sizes are its values
      return unary(term.term, context, 'value', rowSoftmax)
    case 'rowSum':
      return unary(term.term, context, mode, rowSums)
    case 'onTheRight':
      return E.chain((matrix: Grid) => product(sized(context.incoming, mode), matrix))(
        valueOf(term.term, context, mode),
      )
    case 'onTheLeft':
      return E.chain((matrix: Grid) => product(matrix, sized(context.incoming, mode)))(
        valueOf(term.term, context, mode),
      )
    case 'summedOverRows':
      return E.map(columnSums)(
        zipTerms([incoming, term.term], context, mode, (values) => at(values, 0) * at(values, 1)),
      )
    case 'everyEntry':
      return spread(term, context, mode)
  }
}

/** Whether the term acts on the incoming gradient itself (a matrix form), not a Jacobian of it. */
const actsOnIncoming = (term: Term): boolean => {
  switch (term.kind) {
    case 'incoming':
    case 'onTheRight':
    case 'onTheLeft':
    case 'summedOverRows':
    case 'everyEntry':
      return true
    case 'sum':
    case 'difference':
    case 'product':
    case 'quotient':
      return actsOnIncoming(term.left) || actsOnIncoming(term.right)
    case 'negate':
    case 'square':
    case 'power':
    case 'apply':
    case 'eachRow':
    case 'diag':
    case 'outer':
    case 'transpose':
    case 'softmax':
    case 'rowSum':
      return actsOnIncoming(term.term)
    case 'operand':
    case 'output':
    case 'number':
    case 'count':
    case 'indicator':
    case 'cases':
      return false
  }
}

/** One row's Jacobian J (J[j][k] = ∂yⱼ/∂xₖ) from a term of diag, outer, sums and scalings. */
const rowJacobian = (
  term: Term,
  row: number,
  size: number,
  context: Context,
  mode: Mode,
): E.Either<string, Grid> => {
  const rowOf = (inner: Term): E.Either<string, Grid> =>
    E.chain((grid: Grid) =>
      grid.cols === size
        ? E.right(gridOf(1, size, (_row, col) => read(grid, row, col)))
        : E.left(`a row of ${shapeOf(grid)} in a Jacobian of rows of ${size}`),
    )(valueOf(inner, context, mode))
  const both = (left: Term, right: Term, combine: (a: number, b: number) => number) =>
    E.chain((first: Grid) =>
      E.chain((second: Grid) =>
        zip([first, second], (values) => combine(at(values, 0), at(values, 1))),
      )(rowJacobian(right, row, size, context, mode)),
    )(rowJacobian(left, row, size, context, mode))
  switch (term.kind) {
    case 'diag':
      return E.map((vector: Grid) =>
        gridOf(size, size, (j, k) => (j === k ? read(vector, 0, j) : 0)),
      )(rowOf(term.term))
    case 'outer':
      return E.map((vector: Grid) =>
        gridOf(size, size, (j, k) => read(vector, 0, j) * read(vector, 0, k)),
      )(rowOf(term.term))
    case 'sum':
      return both(term.left, term.right, (a, b) => a + b)
    case 'difference':
      return both(term.left, term.right, (a, b) => (mode === 'value' ? a - b : a + b))
    case 'negate':
      return E.map((grid: Grid) => (mode === 'value' ? mapGrid(grid, (value) => -value) : grid))(
        rowJacobian(term.term, row, size, context, mode),
      )
    case 'product':
      return E.chain((scale: Grid) =>
        scale.rows === 1 && scale.cols === 1
          ? E.chain((jacobian: Grid) =>
              zip([scale, jacobian], (values) => at(values, 0) * at(values, 1)),
            )(rowJacobian(term.right, row, size, context, mode))
          : E.left(`a row's Jacobian scaled by ${shapeOf(scale)}, not by a number`),
      )(valueOf(term.left, context, mode))
    default:
      return E.left(`${term.kind} inside a row's Jacobian (diag, outer, their sums and scalings)`)
  }
}

/** Row by row, the incoming gradient's row times the row's Jacobian: gᵣ·Jᵣ. */
const throughRowJacobians = (jacobian: Term, context: Context, mode: Mode): Evaluated => {
  const target = differentiated(context)
  const gradient = sized(context.incoming, mode)
  if (gradient.rows !== target.rows || gradient.cols !== target.cols) {
    return E.left(
      `a row's Jacobian takes an incoming gradient shaped like the operand ${shapeOf(target)}, got ${shapeOf(gradient)}`,
    )
  }
  const rows: Grid[] = []
  for (let row = 0; row < target.rows; row++) {
    const found = rowJacobian(jacobian, row, target.cols, context, mode)
    if (E.isLeft(found)) return found
    const incomingRow = gridOf(1, target.cols, (_row, col) => read(gradient, row, col))
    const pulled = product(incomingRow, found.right)
    if (E.isLeft(pulled)) return pulled
    rows.push(pulled.right)
  }
  return E.right(
    gridOf(target.rows, target.cols, (row, col) =>
      read(checked.at(rows, row, 'formula: a pulled row'), 0, col),
    ),
  )
}

/** Whether the term writes a row's Jacobian (diag or outer inside eachRow). */
const writesRowJacobian = (term: Term): boolean => {
  if (term.kind !== 'eachRow') return false
  const inside = (inner: Term): boolean => {
    switch (inner.kind) {
      case 'diag':
      case 'outer':
        return true
      case 'sum':
      case 'difference':
      case 'product':
      case 'quotient':
        return inside(inner.left) || inside(inner.right)
      case 'negate':
        return inside(inner.term)
      default:
        return false
    }
  }
  return inside(term.term)
}

/**
 * The gradient a derivative term gives its operand: a matrix form (one that acts on the incoming
 * gradient) is computed as written; a row Jacobian multiplies each row of the incoming gradient;
 * any other term is a diagonal Jacobian, multiplied entry by entry with the incoming gradient —
 * shaped like the operand, or 1×1 (a scalar output), or one entry per row under eachRow.
 */
const gradientGrid = (term: Term, context: Context, mode: Mode): Evaluated => {
  const target = differentiated(context)
  const result = actsOnIncoming(term)
    ? valueOf(term, context, mode)
    : writesRowJacobian(term)
      ? throughRowJacobians(term.kind === 'eachRow' ? term.term : term, context, mode)
      : diagonal(term, context, mode)
  return E.chain((grid: Grid) =>
    grid.rows === target.rows && grid.cols === target.cols
      ? E.right(grid)
      : E.left(`the term gives ${shapeOf(grid)} for an operand of ${shapeOf(target)}`),
  )(result)
}

/**
 * A diagonal Jacobian's gradient: the incoming gradient (the operand's shape, a number, or one per
 * row under eachRow) times the term's value, entry by entry, spread to the operand's shape.
 */
const diagonal = (term: Term, context: Context, mode: Mode): Evaluated => {
  const target = differentiated(context)
  const gradient = sized(context.incoming, mode)
  const fits =
    (gradient.rows === target.rows && gradient.cols === target.cols) ||
    (gradient.rows === 1 && gradient.cols === 1) ||
    (term.kind === 'eachRow' && gradient.rows === target.rows && gradient.cols === 1)
  if (!fits) {
    return E.left(
      `an entry-wise derivative of an operand of ${shapeOf(target)} takes an incoming gradient of that shape, 1×1${term.kind === 'eachRow' ? ` or ${target.rows}×1` : ''}; got ${shapeOf(gradient)}`,
    )
  }
  return E.chain((jacobian: Grid) =>
    zip([zerosShapedLike(target), gradient, jacobian], (values) => at(values, 1) * at(values, 2)),
  )(valueOf(term, context, mode))
}

/** The point's matrices as grids. */
const contextOf = (point: GradientPoint): Context => ({
  operands: point.operands.map(fromMatrix),
  output: fromMatrix(point.output),
  incoming: fromMatrix(point.incoming),
  operand: point.operand,
})

/**
 * The gradient the derivative `term` says operand `point.operand` receives when `point.incoming`
 * arrives at the output — what the primitive's VJP must return for that operand — computed by
 * plain loops from the term alone; or why the term does not fit the shapes, or is not finite.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph, linalg } from 'gradfold'
 * const { formula } = graph
 * // C = A·B: the gradient of A is G·Bᵀ ("Bᵀ on the right")
 * const A = linalg.fill(2, 3, 1)
 * const B = linalg.fill(3, 1, 2)
 * const G = linalg.fill(2, 1, 0.5)
 * const term = formula.onTheRight(formula.transposed(formula.operand(1)))
 * const gradient = formula.gradientOf(term, { operands: [A, B], output: linalg.fill(2, 1, 6), incoming: G, operand: 0 })
 * assert.deepStrictEqual(E.map(linalg.toRows)(gradient), E.right([[1, 1, 1], [1, 1, 1]]))
 * // "Bᵀ on the left" does not even fit the shapes
 * const wrong = formula.onTheLeft(formula.transposed(formula.operand(1)))
 * assert.ok(E.isLeft(formula.gradientOf(wrong, { operands: [A, B], output: linalg.fill(2, 1, 6), incoming: G, operand: 0 })))
 */
export const gradientOf = (term: Term, point: GradientPoint): E.Either<string, Matrix> =>
  E.chain((grid: Grid) => toMatrix(grid, 'the gradient'))(
    gradientGrid(term, contextOf(point), 'value'),
  )

/**
 * A bound on the sizes of the numbers `gradientOf` passes through — the same computation with
 * every number replaced by its absolute value and differences by sums — so a law can tell the
 * rounding of a correct formula from a wrong one (see `magnitude`).
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph, linalg } from 'gradfold'
 * const { formula } = graph
 * // the gradient of a row added to every row: the incoming gradient summed over rows
 * const incoming = linalg.fromRows([[1], [-1]])
 * assert.ok(E.isRight(incoming))
 * const at = { operands: [linalg.zeros(2, 1), linalg.zeros(1, 1)], output: linalg.zeros(2, 1), incoming: incoming.right, operand: 1 }
 * assert.deepStrictEqual(E.map(linalg.toRows)(formula.gradientOf(formula.summedOverRows(formula.one), at)), E.right([[0]]))
 * assert.deepStrictEqual(E.map(linalg.toRows)(formula.gradientMagnitude(formula.summedOverRows(formula.one), at)), E.right([[2]]))
 */
export const gradientMagnitude = (term: Term, point: GradientPoint): E.Either<string, Matrix> =>
  E.chain((grid: Grid) => toMatrix(grid, 'the gradient’s magnitude'))(
    gradientGrid(term, contextOf(point), 'magnitude'),
  )

/** An entry-wise term's value at one point, as a 1×1 evaluation. */
const atPoint = (term: Term, point: Point, mode: Mode): number | undefined => {
  if (!isEntrywise(term)) return undefined
  const context: Context = {
    operands: point.operands.map(single),
    output: single(point.output),
    incoming: single(1),
    operand: 0,
  }
  const value = valueOf(term, context, mode)
  if (E.isLeft(value)) {
    throw new Error(`gradfold internal error: an entry-wise term at one point: ${value.left}`)
  }
  return read(value.right, 0, 0)
}

/**
 * The value of an entry-wise term at a point, computed with the operations the term names in
 * IEEE arithmetic; undefined for a term that is not entry-wise (`diag`, `outer`, a matrix form).
 * A RangeError when the term names an operand the point lacks.
 *
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * const { formula } = graph
 * // σ′ = y(1 − y) at y = 0.5
 * const slope = formula.times(formula.y, formula.minus(formula.one, formula.y))
 * assert.strictEqual(formula.evaluate(slope, { operands: [0], output: 0.5 }), 0.25)
 * assert.strictEqual(formula.evaluate(formula.diag(formula.y), { operands: [0], output: 1 }), undefined)
 */
export const evaluate = (term: Term, point: Point): number | undefined =>
  atPoint(term, point, 'value')

/**
 * A bound on the size of the numbers evaluating a term passes through: the term evaluated with
 * every operand, constant and intermediate result replaced by its absolute value (|a| + |b| for
 * a − b). Evaluating the term in IEEE arithmetic errs by a few ε times this, so a law can tell
 * rounding (y + α next to −α, far left on elu) from a wrong formula. Undefined where `evaluate` is.
 *
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * const { formula } = graph
 * // y + 2 at y = −1.999: the value is 0.001, the numbers it passes through are near 2
 * const term = formula.plus(formula.y, formula.number(2))
 * assert.ok(Math.abs(formula.magnitude(term, { operands: [0], output: -1.999 }) - 3.999) < 1e-12)
 */
export const magnitude = (term: Term, point: Point): number | undefined =>
  atPoint(term, point, 'magnitude')
