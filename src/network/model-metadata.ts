// model.json's optional description of a network's input and output: the feature names and the
// standardisation its inputs went through, the class names (or a regression) and the loss it was
// trained with, as plain numbers and strings. Laws: decoding never throws; every size is checked
// against the network it describes, one line per problem naming its path.

import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import type { LayerSpec } from './network.js'
import { lossNames, type LossName } from './losses.js'
import {
  childContext,
  exactly,
  expectationFailure,
  finiteNumber,
  isJsonObject,
  jsonDecoder,
  listOf,
  numberThat,
  oneOf,
  strictObject,
  type DecodedBy,
} from './json-decoders.js'

/**
 * The standardisation applied to the inputs before the network: `(x − mean) / scale` column by
 * column, one number per input (as `data.Standardizer` holds them, as plain lists).
 *
 * @category Model files
 */
export interface InputStandardization {
  readonly mean: readonly number[]
  readonly scale: readonly number[]
}

/**
 * What the network reads: one name per input column, in order, and the standardisation applied
 * to them first, when there was one.
 *
 * @category Model files
 */
export interface InputMetadata {
  readonly features: readonly string[]
  readonly standardize?: InputStandardization
}

/**
 * What the network's outputs mean: class probabilities (`classes`, one name per class by index;
 * a one-output network has two classes, its output the probability of the second) or values
 * (`regression`); the data column the labels came from, and the loss it was trained with.
 *
 * @category Model files
 */
export type OutputMetadata =
  | {
      readonly target: 'classes'
      readonly classes: readonly string[]
      readonly loss: LossName
      readonly label?: string
    }
  | { readonly target: 'regression'; readonly loss: LossName; readonly label?: string }

/**
 * model.json's optional fields beside the network: its input and its output, each optional.
 *
 * @category Model files
 */
export interface ModelMetadata {
  readonly input?: InputMetadata
  readonly output?: OutputMetadata
}

const name = jsonDecoder<string>('a non-empty string', (input, context) =>
  typeof input === 'string' && input.length > 0
    ? t.success(input)
    : expectationFailure(input, context, 'a non-empty string'),
)

/** Names, none repeated (`features[3]: "age" repeats features[1]`). */
const distinctNames = (entries: string) => {
  const list = listOf(name, entries, { nonEmpty: true })
  return jsonDecoder<readonly string[]>(list.name, (input, context) => {
    const decoded = list.validate(input, context)
    if (E.isLeft(decoded)) return decoded
    const names = decoded.right
    const errors: t.ValidationError[] = []
    names.forEach((entry, index) => {
      const first = names.indexOf(entry)
      if (first !== index) {
        errors.push({
          value: entry,
          context: childContext(context, index, entry),
          message: `${JSON.stringify(entry)} repeats [${first}]`,
        })
      }
    })
    return errors.length > 0 ? t.failures(errors) : decoded
  })
}

const numbers = listOf(finiteNumber, 'finite numbers', { nonEmpty: true })
const positiveNumbers = listOf(
  numberThat('a finite number above 0', (value) => Number.isFinite(value) && value > 0),
  'finite numbers above 0',
  { nonEmpty: true },
)

const inputDecoder = strictObject(
  { features: distinctNames('feature names') },
  { standardize: strictObject({ mean: numbers, scale: positiveNumbers }, {}) },
)

const lossDecoder = oneOf(lossNames)

const classesOutput = strictObject(
  { target: exactly('classes'), classes: distinctNames('class names'), loss: lossDecoder },
  { label: name },
)
const regressionOutput = strictObject(
  { target: exactly('regression'), loss: lossDecoder },
  { label: name },
)

const outputDecoder = jsonDecoder<
  DecodedBy<typeof classesOutput> | DecodedBy<typeof regressionOutput>
>('an output description', (input, context) =>
  isJsonObject(input) && input.target === 'regression'
    ? regressionOutput.validate(input, context)
    : classesOutput.validate(input, context),
)

/** The decoders of model.json's optional `input` and `output` fields. */
export const metadataFields = { input: inputDecoder, output: outputDecoder } as const

/**
 * The metadata's sizes against the network's: as many feature names and standardisation numbers
 * as inputs, as many class names as outputs (two for a single output). One line per mismatch,
 * `input.standardize.mean: expected 64 numbers (the input size), got 63`.
 *
 * @example
 * import assert from 'node:assert'
 * import { metadataProblems } from './model-metadata.js'
 * const layers = [{ kind: 'dense', inputs: 2, outputs: 3, activation: 'softmax' }] as const
 * assert.deepStrictEqual(metadataProblems({ input: { features: ['a', 'b'] } }, 2, layers), [])
 * assert.deepStrictEqual(
 *   metadataProblems({ output: { target: 'classes', classes: ['x', 'y'], loss: 'softmaxCrossEntropy' } }, 2, layers),
 *   ['output.classes: expected 3 names (one per output), got 2'],
 * )
 */
export const metadataProblems = (
  metadata: ModelMetadata,
  inputSize: number,
  layers: readonly LayerSpec[],
): readonly string[] => {
  const problems: string[] = []
  const sized = (path: string, list: readonly unknown[], expected: number, why: string): void => {
    if (list.length !== expected) {
      problems.push(`${path}: expected ${expected} ${why}, got ${list.length}`)
    }
  }
  const { input, output } = metadata
  if (input !== undefined) {
    sized('input.features', input.features, inputSize, 'names (the input size)')
    if (input.standardize !== undefined) {
      sized('input.standardize.mean', input.standardize.mean, inputSize, 'numbers (the input size)')
      sized(
        'input.standardize.scale',
        input.standardize.scale,
        inputSize,
        'numbers (the input size)',
      )
    }
  }
  const outputs = layers[layers.length - 1]?.outputs
  if (output?.target === 'classes' && outputs !== undefined) {
    if (outputs === 1) {
      sized('output.classes', output.classes, 2, 'names (one output: two classes)')
    } else {
      sized('output.classes', output.classes, outputs, 'names (one per output)')
    }
  }
  return problems
}
