// Binding values to a plan's inputs and parameters, checked at the boundary: every declared input
// and parameter present, no unknown input, shapes as declared, entries finite. Law: evaluation
// only ever sees bindings this check accepted.

import * as E from 'fp-ts/lib/Either.js'
import { formatShape, type Matrix } from '../linalg/index.js'
import { unchecked } from '../linalg/internal.js'
import type { Plan } from './compile.js'
import { bindingError, type GraphError } from './errors.js'
import { leafAt, type Tree } from './tree.js'

/**
 * Values for a plan: inputs by name, parameters as a tree addressed by the parameters' paths.
 *
 * @category Differentiation
 */
export interface Bindings {
  readonly inputs?: Readonly<Record<string, Matrix>>
  readonly parameters?: Tree
}

const checkValue = (
  name: string,
  value: Matrix,
  rows: number,
  cols: number,
): E.Either<GraphError, Matrix> => {
  if (value.rows !== rows || value.cols !== cols) {
    return E.left(bindingError(name, `expected ${rows}×${cols}, got ${formatShape(value)}`))
  }
  const bad = unchecked.firstNonFinite(value)
  if (bad >= 0) {
    const row = Math.floor(bad / cols)
    const entry = linalgEntry(value, bad)
    return E.left(
      bindingError(
        name,
        `entry [${row}, ${bad - row * cols}] is ${entry}, expected a finite number`,
      ),
    )
  }
  return E.right(value)
}

const linalgEntry = (value: Matrix, index: number): number => unchecked.entryAt(value, index)

/** The value of every input, parameter and constant step of `plan`, by its position in `steps`. */
export const bindValues = (
  plan: Plan,
  bindings: Bindings,
): E.Either<GraphError, ReadonlyMap<number, Matrix>> => {
  const values = new Map<number, Matrix>()
  // Kept fallback, the API's own default: `inputs` is optional, and absent means none given.
  const given = bindings.inputs ?? {}
  for (const name of Object.keys(given)) {
    if (!plan.inputs.has(name)) {
      const known = [...plan.inputs.keys()]
      return E.left(
        bindingError(
          name,
          `unknown input (the expression has ${known.length === 0 ? 'no inputs' : known.join(', ')})`,
        ),
      )
    }
  }
  for (const [position, { node }] of plan.steps.entries()) {
    if (node.tag === 'input') {
      const value = given[node.name]
      if (value === undefined) return E.left(bindingError(node.name, 'input is missing'))
      const checked = checkValue(node.name, value, node.shape.rows, node.shape.cols)
      if (E.isLeft(checked)) return checked
      values.set(position, checked.right)
    } else if (node.tag === 'parameter') {
      const leaf =
        bindings.parameters === undefined
          ? E.left(`${node.name} is missing`)
          : leafAt(bindings.parameters, node.path)
      if (E.isLeft(leaf))
        return E.left(bindingError(node.name, `parameter is missing (${leaf.left})`))
      const checked = checkValue(node.name, leaf.right, node.shape.rows, node.shape.cols)
      if (E.isLeft(checked)) return checked
      values.set(position, checked.right)
    } else if (node.tag === 'constant') {
      values.set(position, node.value)
    }
  }
  return E.right(values)
}
