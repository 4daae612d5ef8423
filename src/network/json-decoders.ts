// A small kit of io-ts decoders for JSON files people write by hand (model.json, training
// configs): strict objects that name unknown keys, lists, refinements, and a reporter that turns
// io-ts's contexts into one line per problem, `path: expected …, got …`. Law: decoding never
// throws, and every problem is a single line that names where it is.

import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { at } from '../linalg/internal.js'

/** A decoder from unknown JSON to `A` (io-ts's `Decoder`, whose failures carry a context). */
export type JsonDecoder<A> = t.Decoder<unknown, A>

/** What a decoder decodes to. */
export type DecodedBy<D> = D extends t.Decoder<unknown, infer A> ? A : never

/** Field decoders of an object, by key. */
export type Fields = Readonly<Record<string, JsonDecoder<unknown>>>

/** The object `strictObject(required, optional)` decodes: required keys, then optional ones. */
export type ObjectOf<Required extends Fields, Optional extends Fields> = {
  readonly [Key in keyof Required]: DecodedBy<Required[Key]>
} & { readonly [Key in keyof Optional]?: DecodedBy<Optional[Key]> }

/**
 * A value as a problem line shows it: strings quoted (long ones cut), lists and objects by kind,
 * a missing value as `nothing`; always a single line.
 *
 * @example
 * import assert from 'node:assert'
 * import * as decoders from './json-decoders.js'
 * assert.deepStrictEqual(
 *   [decoders.describeValue('ten'), decoders.describeValue(null), decoders.describeValue(undefined), decoders.describeValue([1, 2])],
 *   ['"ten"', 'null', 'nothing', 'a list of 2 entries'],
 * )
 */
export const describeValue = (value: unknown): string => {
  if (value === undefined) return 'nothing'
  if (value === null) return 'null'
  if (typeof value === 'string') {
    const quoted = JSON.stringify(value)
    return quoted.length > 42 ? `${quoted.slice(0, 40)}…"` : quoted
  }
  if (Array.isArray(value)) {
    return value.length === 0
      ? 'an empty list'
      : `a list of ${value.length} ${value.length === 1 ? 'entry' : 'entries'}`
  }
  if (typeof value === 'object') return 'an object'
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value)
  }
  return `a ${typeof value}`
}

const identifier = /^[A-Za-z_$][\w$]*$/

/**
 * The path an io-ts context points at, written as code would reach it: `model.layers[1]`,
 * `layers[0].W[3][1]`, `["odd key"]`; `(root)` for the value itself.
 *
 * @example
 * import assert from 'node:assert'
 * import * as decoders from './json-decoders.js'
 * const list = [0, 5]
 * const context = [
 *   { key: '', type: decoders.listOf(decoders.finiteNumber, 'numbers'), actual: { layers: list } },
 *   { key: 'layers', type: decoders.finiteNumber, actual: list },
 *   { key: '1', type: decoders.finiteNumber, actual: 5 },
 * ]
 * assert.strictEqual(decoders.formatPath(context), 'layers[1]')
 */
export const formatPath = (context: t.Context): string => {
  let path = ''
  context.forEach((entry, index) => {
    if (index === 0) return
    const parent = context[index - 1]
    if (Array.isArray(parent?.actual) && /^\d+$/.test(entry.key)) path += `[${entry.key}]`
    else if (identifier.test(entry.key)) path += path === '' ? entry.key : `.${entry.key}`
    else path += `[${JSON.stringify(entry.key)}]`
  })
  return path === '' ? '(root)' : path
}

/**
 * io-ts's errors as one line each, `path: message`, in order and without repeats; an error
 * without a message reads `path: expected <the decoder's name>, got <the value>`.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import * as decoders from './json-decoders.js'
 * const decoded = decoders.listOf(decoders.finiteNumber, 'finite numbers').decode([1, 'two'])
 * assert.ok(E.isLeft(decoded))
 * assert.deepStrictEqual(decoders.problemLines(decoded.left), ['[1]: expected a finite number, got "two"'])
 */
export const problemLines = (errors: t.Errors): readonly string[] => {
  const lines = errors.map((error) => {
    const last = error.context[error.context.length - 1]
    const message =
      error.message ?? `expected ${last?.type.name ?? 'a value'}, got ${describeValue(error.value)}`
    return `${formatPath(error.context)}: ${message.replace(/\s*\n\s*/g, ' ')}`
  })
  return [...new Set(lines)]
}

/** A decoder from its name (what it expects, e.g. `a positive integer`) and its validation. */
export const jsonDecoder = <A>(name: string, validate: t.Validate<unknown, A>): JsonDecoder<A> => {
  const self: JsonDecoder<A> = {
    name,
    validate,
    decode: (input) => validate(input, [{ key: '', type: self, actual: input }]),
  }
  return self
}

/** One failure at `context` with the message `expected <expectation>, got <value>`. */
export const expectationFailure = <A>(
  input: unknown,
  context: t.Context,
  expectation: string,
): t.Validation<A> =>
  t.failure(input, context, `expected ${expectation}, got ${describeValue(input)}`)

/** The context one step down, at `key` of `parent`. */
export const childContext = (context: t.Context, key: string | number, value: unknown): t.Context =>
  t.appendContext(context, String(key), anyValue, value)

const anyValue: JsonDecoder<unknown> = jsonDecoder('any value', (input) => t.success(input))

/**
 * Numbers for which `holds` is true; the message names `expectation`.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import * as decoders from './json-decoders.js'
 * const half = decoders.numberThat('a number below 0.5', (x) => x < 0.5)
 * assert.deepStrictEqual(half.decode(0.25), E.right(0.25))
 * assert.ok(E.isLeft(half.decode(0.75)))
 */
export const numberThat = (
  expectation: string,
  holds: (value: number) => boolean,
): JsonDecoder<number> =>
  jsonDecoder(expectation, (input, context) =>
    typeof input === 'number' && holds(input)
      ? t.success(input)
      : expectationFailure(input, context, expectation),
  )

/** Any finite number (JSON turns NaN and ±Infinity into null, which is refused here). */
export const finiteNumber = numberThat('a finite number', Number.isFinite)

/** A positive safe integer. */
export const positiveInteger = numberThat(
  'a positive integer',
  (value) => Number.isSafeInteger(value) && value > 0,
)

/**
 * Exactly `value`, as in `version: expected 1, got 2`.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import * as decoders from './json-decoders.js'
 * const decoded = decoders.exactly(1).decode(2)
 * assert.ok(E.isLeft(decoded) && decoders.problemLines(decoded.left)[0] === '(root): expected 1, got 2')
 */
export const exactly = <Value extends string | number | boolean>(
  value: Value,
): JsonDecoder<Value> =>
  jsonDecoder(JSON.stringify(value), (input, context) =>
    input === value ? t.success(value) : expectationFailure(input, context, JSON.stringify(value)),
  )

/**
 * One of the given names (aliases map other spellings to a name), as in
 * `expected one of moons, circles, got "mooons"`.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import * as decoders from './json-decoders.js'
 * const init = decoders.oneOf(['he-normal', 'lecun-normal'], { heNormal: 'he-normal' })
 * assert.deepStrictEqual(init.decode('heNormal'), E.right('he-normal'))
 * assert.ok(E.isLeft(init.decode('he')))
 */
export const oneOf = <Name extends string>(
  names: readonly Name[],
  aliases: Readonly<Record<string, Name>> = {},
): JsonDecoder<Name> => {
  const expectation = `one of ${names.join(', ')}`
  return jsonDecoder(expectation, (input, context) => {
    if (typeof input === 'string') {
      const named = names.find((name) => name === input)
      if (named !== undefined) return t.success(named)
      if (Object.hasOwn(aliases, input)) {
        const alias = aliases[input]
        if (alias !== undefined) return t.success(alias)
      }
    }
    return expectationFailure(input, context, expectation)
  })
}

/** Lengths in list messages: `a list of rows`, `a non-empty list of rows`. */
export interface ListOptions {
  readonly nonEmpty?: boolean
}

/**
 * A list whose every entry `element` decodes; one problem per bad entry, at `[index]`.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import * as decoders from './json-decoders.js'
 * const sizes = decoders.listOf(decoders.positiveInteger, 'positive integers', { nonEmpty: true })
 * assert.deepStrictEqual(sizes.decode([2, 3]), E.right([2, 3]))
 * const bad = sizes.decode([])
 * assert.ok(E.isLeft(bad) && decoders.problemLines(bad.left)[0] === '(root): expected a non-empty list of positive integers, got an empty list')
 */
export const listOf = <A>(
  element: JsonDecoder<A>,
  entries: string,
  options: ListOptions = {},
): JsonDecoder<readonly A[]> => {
  const expectation = `a ${options.nonEmpty === true ? 'non-empty ' : ''}list of ${entries}`
  return jsonDecoder(expectation, (input, context) => {
    if (!Array.isArray(input) || (options.nonEmpty === true && input.length === 0)) {
      return expectationFailure(input, context, expectation)
    }
    const errors: t.ValidationError[] = []
    const values: A[] = []
    input.forEach((item: unknown, index) => {
      const decoded = element.validate(item, t.appendContext(context, String(index), element, item))
      if (E.isLeft(decoded)) errors.push(...decoded.left)
      else values.push(decoded.right)
    })
    return errors.length > 0 ? t.failures(errors) : t.success(Object.freeze(values))
  })
}

/** Whether a value is a plain JSON object (not null, not a list). */
export const isJsonObject = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const editDistance = (a: string, b: string): number => {
  const where = 'editDistance'
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const substitution = at(previous, j - 1, where) + (a[i - 1] === b[j - 1] ? 0 : 1)
      const deletion = at(previous, j, where) + 1
      const insertion = at(current, j - 1, where) + 1
      current.push(Math.min(deletion, insertion, substitution))
    }
    previous = current
  }
  return at(previous, b.length, where)
}

/**
 * The closest of `known` to `given` when it is close enough to be a typo (an edit distance of at
 * most a third of the word, at least 1; case ignored), else undefined.
 *
 * @example
 * import assert from 'node:assert'
 * import * as decoders from './json-decoders.js'
 * assert.strictEqual(decoders.closestName('optimiser', ['optimizer', 'loss']), 'optimizer')
 * assert.strictEqual(decoders.closestName('banana', ['optimizer', 'loss']), undefined)
 */
export const closestName = (given: string, known: readonly string[]): string | undefined => {
  const scored = known
    .map((name) => ({ name, distance: editDistance(given.toLowerCase(), name.toLowerCase()) }))
    .filter(({ name, distance }) => distance <= Math.max(1, Math.floor(name.length / 3)))
    .sort((a, b) => a.distance - b.distance)
  return scored[0]?.name
}

/**
 * An object with these required and optional fields and no others: every bad field and every
 * unknown key is a problem, with the likely key (`optimiser: unknown key (did you mean optimizer?)`)
 * or else the known ones.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import * as decoders from './json-decoders.js'
 * const point = decoders.strictObject({ x: decoders.finiteNumber }, { y: decoders.finiteNumber })
 * assert.deepStrictEqual(point.decode({ x: 1 }), E.right({ x: 1 }))
 * const bad = point.decode({ x: 'one', z: 2 })
 * assert.ok(E.isLeft(bad))
 * assert.deepStrictEqual(decoders.problemLines(bad.left), ['x: expected a finite number, got "one"', 'z: unknown key (did you mean x?)'])
 */
export const strictObject = <Required extends Fields, Optional extends Fields>(
  required: Required,
  optional: Optional,
): JsonDecoder<ObjectOf<Required, Optional>> => {
  const known = [...Object.keys(required), ...Object.keys(optional)]
  return jsonDecoder('an object', (input, context) => {
    if (!isJsonObject(input)) return expectationFailure(input, context, 'an object')
    const errors: t.ValidationError[] = []
    const output: Record<string, unknown> = {}
    const field = (key: string, decoder: JsonDecoder<unknown>): void => {
      const value = Object.hasOwn(input, key) ? input[key] : undefined
      const decoded = decoder.validate(value, t.appendContext(context, key, decoder, value))
      if (E.isLeft(decoded)) errors.push(...decoded.left)
      else output[key] = decoded.right
    }
    for (const [key, decoder] of Object.entries(required)) field(key, decoder)
    for (const [key, decoder] of Object.entries(optional)) {
      if (Object.hasOwn(input, key)) field(key, decoder)
    }
    for (const key of Object.keys(input)) {
      if (known.includes(key)) continue
      const suggestion = closestName(key, known)
      const hint =
        suggestion === undefined
          ? ` (expected one of ${known.join(', ')})`
          : ` (did you mean ${suggestion}?)`
      errors.push({
        value: input[key],
        context: childContext(context, key, input[key]),
        message: `unknown key${hint}`,
      })
    }
    return errors.length > 0
      ? t.failures(errors)
      : t.success(Object.freeze(output) as ObjectOf<Required, Optional>)
  })
}
