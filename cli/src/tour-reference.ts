// The tour's key numbers as data: one io-ts codec describes both what tour.json saves of
// gradfold's run and the notebook's own numbers shipped in reference/notebook.json.
// Laws: decoding is total — a missing or malformed file is a one-line Left naming the file and
// the field, never an exception; `keyNumbers` reads only the tour's result records.

import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { linalg } from 'gradfold'
import type { TourResults, TwoLayers } from './tour.js'

const Rows = t.array(t.array(t.number), 'rows of numbers')
const Probe = t.type({ analytic: t.number, numeric: t.number })
const Layers = t.type({ W1: Rows, b1: Rows, W2: Rows, b2: Rows })

const keyNumberFields = {
  chainRule: t.type({ dfdx: t.number, dfdxNumerical: t.number }),
  graph: t.type({ L: t.number, dLdx: t.number, dLdw: t.number, dLdb: t.number }),
  verbose231: t.type({
    loss: t.number,
    dW1: Rows,
    db1: Rows,
    dW2: Rows,
    db2: Rows,
    updated: Layers,
  }),
  gradientCheck: t.type({ W1: Probe, W2: Probe }),
  moons: t.type({ losses: t.array(t.number), testAccuracy: t.number }),
  circles: t.type({ losses: t.array(t.number), trainAccuracy: t.number }),
}

/** The codec of the key numbers (the field names are the issue's). */
export const KeyNumbersCodec = t.type(keyNumberFields, 'KeyNumbers')

/** The codec of reference/notebook.json: the key numbers and a note on where they come from. */
export const NotebookReferenceCodec = t.type(
  { source: t.string, ...keyNumberFields },
  'NotebookReference',
)

/** Every number the tour compares with the notebook; matrices as lists of rows. */
export type KeyNumbers = t.TypeOf<typeof KeyNumbersCodec>

/** reference/notebook.json: the notebook's key numbers and their `source`. */
export type NotebookReference = t.TypeOf<typeof NotebookReferenceCodec>

/** The JSON path of an io-ts context: `verbose231.dW1[0][1]`. */
const pathOf = (context: t.Context): string =>
  context
    .slice(1)
    .map(({ key }) => (/^\d+$/u.test(key) ? `[${key}]` : `.${key}`))
    .join('')
    .replace(/^\./u, '')

const shown = (value: unknown): string => {
  if (value === undefined) return 'nothing'
  const text = JSON.stringify(value)
  return text.length > 40 ? `${text.slice(0, 37)}...` : text
}

/**
 * Decodes the text of reference/notebook.json; `path` names the file in the message.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeNotebookReference } from './tour-reference.js'
 * assert.deepStrictEqual(
 *   decodeNotebookReference('{"source": "x"}', 'notebook.json'),
 *   E.left('notebook.json: chainRule should be { dfdx: number, dfdxNumerical: number }, got nothing'),
 * )
 * assert.ok(E.isLeft(decodeNotebookReference('{', 'notebook.json')))
 */
export const decodeNotebookReference = (
  text: string,
  path: string,
): E.Either<string, NotebookReference> => {
  const parsed = E.tryCatch(
    (): unknown => JSON.parse(text),
    (error) => `${path}: not JSON (${error instanceof Error ? error.message : String(error)})`,
  )
  if (E.isLeft(parsed)) return parsed
  const decoded = NotebookReferenceCodec.decode(parsed.right)
  if (E.isRight(decoded)) return decoded
  const [first] = decoded.left
  if (first === undefined) return E.left(`${path}: not a notebook reference`)
  const expected = first.context.at(-1)?.type.name ?? 'a value'
  const where = pathOf(first.context)
  return E.left(
    `${path}: ${where === '' ? 'the file' : where} should be ${expected}, got ${shown(first.value)}`,
  )
}

const rowsOf = (layers: TwoLayers): t.TypeOf<typeof Layers> => ({
  W1: linalg.toRows(layers.W1),
  b1: linalg.toRows(layers.b1),
  W2: linalg.toRows(layers.W2),
  b2: linalg.toRows(layers.b2),
})

/**
 * gradfold's key numbers from the tour's results, in the shape of reference/notebook.json.
 *
 * @example
 * import assert from 'node:assert'
 * import { KeyNumbersCodec } from './tour-reference.js'
 * // keyNumbers(results) needs the whole tour (runTour); its shape is the codec's
 * assert.ok(KeyNumbersCodec.is({
 *   chainRule: { dfdx: 48, dfdxNumerical: 48 },
 *   graph: { L: 49, dLdx: 42, dLdw: 28, dLdb: 14 },
 *   verbose231: { loss: 0.1, dW1: [[0]], db1: [[0]], dW2: [[0]], db2: [[0]],
 *     updated: { W1: [[0]], b1: [[0]], W2: [[0]], b2: [[0]] } },
 *   gradientCheck: { W1: { analytic: 0, numeric: 0 }, W2: { analytic: 0, numeric: 0 } },
 *   moons: { losses: [0.2], testAccuracy: 0.9 },
 *   circles: { losses: [0.3], trainAccuracy: 1 },
 * }))
 */
export const keyNumbers = (results: TourResults): KeyNumbers => {
  const { chainRule, graph, verbose231, gradientCheck, moons, circles } = results
  const gradients = rowsOf(verbose231.gradients)
  return {
    chainRule: { dfdx: chainRule.dfdx, dfdxNumerical: chainRule.dfdxNumerical },
    graph: { L: graph.L, dLdx: graph.dLdx, dLdw: graph.dLdw, dLdb: graph.dLdb },
    verbose231: {
      loss: verbose231.loss,
      dW1: gradients.W1,
      db1: gradients.b1,
      dW2: gradients.W2,
      db2: gradients.b2,
      updated: rowsOf(verbose231.updated),
    },
    gradientCheck: {
      W1: { ...gradientCheck.W1 },
      W2: { ...gradientCheck.W2 },
    },
    moons: { losses: [...moons.losses], testAccuracy: moons.testAccuracy },
    circles: { losses: [...circles.losses], trainAccuracy: circles.trainAccuracy },
  }
}
