// One argument parser for every command: its options and positionals declared as data, parsed by
// node:util's parseArgs (strict), the help rendered from the same declaration. Laws: rendered
// arguments parse back to what was rendered; an undeclared flag is always refused; the order of
// flags does not matter; every mistake is one line naming the flag or argument at fault.

import { parseArgs } from 'node:util'
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { usageError } from './cli-result.js'
import type { World } from './world.js'

/** The program's name, as usage lines and messages write it. */
export const programName = 'gradfold'

/** The element at `index`, which the caller knows is there (a miss is a bug, thrown). */
const at = <A>(items: readonly A[], index: number): A => {
  if (index < 0 || index >= items.length) throw new Error(`no element ${index} of ${items.length}`)
  return items[index] as A
}

/** How an option's text becomes a value: what it must be, how to read it and how to write it. */
export interface Reader<A> {
  /** What a value must be, as messages say it: `a positive number`, `en or ru`. */
  readonly expected: string
  /** The value a text stands for, or None when it stands for none. */
  readonly read: (text: string) => O.Option<A>
  /** The text of a value; `read(show(a))` is `some(a)`. */
  readonly show: (value: A) => string
}

/**
 * Any non-empty text (a path, a name); `expected` says what it stands for in messages.
 *
 * @example
 * import assert from 'node:assert'
 * import * as O from 'fp-ts/lib/Option.js'
 * import { text } from './arguments.js'
 * assert.deepStrictEqual(text('a directory').read('runs/a'), O.some('runs/a'))
 * assert.deepStrictEqual(text('a directory').read(''), O.none)
 */
export const text = (expected: string): Reader<string> => ({
  expected,
  read: (value) => (value === '' ? O.none : O.some(value)),
  show: (value) => value,
})

/** `a`, `a or b`, `a, b or c`. */
const listed = (names: readonly [string, ...string[]]): string =>
  names.length === 1
    ? names[0]
    : `${names.slice(0, -1).join(', ')} or ${at(names, names.length - 1)}`

/**
 * One of a few words, exactly as written (`en` or `ru`).
 *
 * @example
 * import assert from 'node:assert'
 * import * as O from 'fp-ts/lib/Option.js'
 * import { choice } from './arguments.js'
 * const language = choice(['en', 'ru'])
 * assert.strictEqual(language.expected, 'en or ru')
 * assert.deepStrictEqual(language.read('ru'), O.some('ru'))
 * assert.deepStrictEqual(language.read('RU'), O.none)
 */
export const choice = <const C extends readonly [string, ...string[]]>(
  choices: C,
): Reader<C[number]> => ({
  expected: listed(choices),
  read: (value) => O.fromNullable(choices.find((name) => name === value)),
  show: (value) => value,
})

/**
 * A number as JavaScript reads it (`12`, `1e-5`, `0.5`) that `accepts` takes; -0 reads as 0.
 *
 * @example
 * import assert from 'node:assert'
 * import * as O from 'fp-ts/lib/Option.js'
 * import { numeric } from './arguments.js'
 * const even = numeric('an even number', (value) => value % 2 === 0)
 * assert.deepStrictEqual(even.read('1e1'), O.some(10))
 * assert.deepStrictEqual(even.read('3'), O.none)
 * assert.deepStrictEqual(even.read(' '), O.none)
 */
export const numeric = (expected: string, accepts: (value: number) => boolean): Reader<number> => ({
  expected,
  read: (value) => {
    const number = Number(value)
    return value.trim() !== '' && accepts(number) ? O.some(number === 0 ? 0 : number) : O.none
  },
  show: (value) => String(value),
})

/** A whole number ≥ 0 (`--epochs N`). */
export const count: Reader<number> = numeric(
  'a non-negative integer',
  (value) => Number.isSafeInteger(value) && value >= 0,
)

/** A whole number > 0 (`--directions K`). */
export const positiveCount: Reader<number> = numeric(
  'a positive integer',
  (value) => Number.isSafeInteger(value) && value > 0,
)

/** A finite number > 0 (`--epsilon E`). */
export const positiveNumber: Reader<number> = numeric(
  'a positive number',
  (value) => Number.isFinite(value) && value > 0,
)

/** A finite number ≥ 0 (`--tolerance A`). */
export const nonNegativeNumber: Reader<number> = numeric(
  'a number ≥ 0',
  (value) => Number.isFinite(value) && value >= 0,
)

/** An option without a value: `--force` is true when given, false otherwise. */
export interface FlagOption {
  readonly type: 'boolean'
  readonly description: string
  /** A one-letter alias: `v` for `-v`. */
  readonly short?: string
}

/** An option with a value: `--out DIR` or `--out=DIR`, read by `reader`. */
export interface ValueOption<A> {
  readonly type: 'string'
  /** The value's name in the help: `DIR`, `N`, `en|ru`. */
  readonly valueName: string
  readonly description: string
  readonly reader: Reader<A>
  /** The value when the option is not given, as a user would write it (read by `reader`). */
  readonly default?: string
  /** The option must be given (a command's parsed value is then never undefined). */
  readonly required?: true
}

/** A reader of any type: what a declaration may hold. */
interface SomeReader {
  readonly expected: string
  readonly read: (text: string) => O.Option<unknown>
  readonly show: (value: never) => string
}

/** An option of either kind, whatever its value's type. */
export type OptionSpec =
  FlagOption | (Omit<ValueOption<unknown>, 'reader'> & { readonly reader: SomeReader })

/** A command's options by long name (`out` for `--out`); `help` is every command's own. */
export type OptionSpecs = Readonly<Record<string, OptionSpec>>

/** A positional argument: its name in the help (`CONFIG.json`) and what it is. */
export interface PositionalSpec {
  readonly name: string
  readonly description: string
}

/** What a parser needs: the positionals (each required, in order) and the options. */
export interface ArgumentSpec {
  readonly positionals: readonly PositionalSpec[]
  readonly options: OptionSpecs
}

/** A command's declaration: its arguments and the words of its help. */
export interface CommandSpec extends ArgumentSpec {
  readonly name: string
  /** One line for the list of commands. */
  readonly summary: string
  /** Paragraphs between the usage line and the arguments. */
  readonly description: readonly string[]
  /** Paragraphs after the options. */
  readonly notes: readonly string[]
  /** One sentence: `0 trained; 1 …; 2 a usage mistake.` */
  readonly exitCodes: string
  readonly examples: readonly [string, ...string[]]
}

/** The program's own declaration: its options (`--version`), the words around its commands. */
export interface ProgramSpec extends ArgumentSpec {
  readonly positionals: readonly []
  /** The first line: name, version and what the program is. */
  readonly title: string
  readonly notes: readonly string[]
  readonly exitCodes: string
  readonly examples: readonly [string, ...string[]]
}

/** The value an option's declaration gives: a flag a boolean, an optional value maybe undefined. */
export type OptionValue<S> = S extends FlagOption
  ? boolean
  : S extends { readonly reader: Reader<infer A> }
    ? S extends { readonly required: true } | { readonly default: string }
      ? A
      : A | undefined
    : never

/** A string for each declared positional: a tuple as long as the declaration's. */
export type Positionals<P extends readonly PositionalSpec[]> = { readonly [I in keyof P]: string }

/** A parsed call: every declared option's value (by long name) and the positionals in order. */
export interface Parsed<S extends ArgumentSpec> {
  readonly options: { readonly [K in keyof S['options']]: OptionValue<S['options'][K]> }
  readonly positionals: Positionals<S['positionals']>
}

/** Every command's `--help`, `-h`. */
const helpOption: FlagOption = { type: 'boolean', short: 'h', description: 'this help' }

/** The declared option `name` (own properties only: `--constructor` is not an option). */
const optionNamed = (options: OptionSpecs, name: string): OptionSpec | undefined =>
  Object.hasOwn(options, name) ? options[name] : undefined

/**
 * A user's text as messages show it: in single quotes, control and line-break characters escaped,
 * so a message stays on one line.
 *
 * @example
 * import assert from 'node:assert'
 * import { quote } from './arguments.js'
 * assert.strictEqual(quote('fly'), "'fly'")
 * assert.strictEqual(quote('a\nb'), "'a\\u000ab'")
 */
export const quote = (value: string): string =>
  `'${value.replace(/[\p{Cc}\p{Zl}\p{Zp}]/gu, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`)}'`

const beforeTerminator = (args: readonly string[]): readonly string[] => {
  const end = args.indexOf('--')
  return end < 0 ? args : args.slice(0, end)
}

/**
 * `--epochs -2` as `--epochs=-2`: parseArgs refuses a value starting with '-' after a space (it
 * may be a forgotten value), but a negative number is meant as one, and its reader judges it.
 */
const joinNegativeNumbers = (options: OptionSpecs, args: readonly string[]): string[] => {
  const joined: string[] = []
  for (let index = 0; index < args.length; index += 1) {
    const argument = at(args, index)
    if (argument === '--') return [...joined, ...args.slice(index)]
    const next = args[index + 1]
    const takesValue =
      argument.startsWith('--') &&
      !argument.includes('=') &&
      optionNamed(options, argument.slice(2))?.type === 'string'
    if (takesValue && next !== undefined && /^-\.?\d/u.test(next)) {
      joined.push(`${argument}=${next}`)
      index += 1
    } else {
      joined.push(argument)
    }
  }
  return joined
}

/** parseArgs's view of the options: each one's type and short alias, and `help`. */
const parseArgsOptions = (
  options: OptionSpecs,
): Record<string, { type: 'boolean' | 'string'; short?: string }> => {
  if (Object.hasOwn(options, 'help')) throw new Error('--help is every command’s own option')
  const entries: readonly (readonly [string, OptionSpec])[] = [
    ...Object.entries(options),
    ['help', helpOption],
  ]
  return Object.fromEntries(
    entries.map(([name, option]) => [
      name,
      option.type === 'boolean' && option.short !== undefined
        ? { type: option.type, short: option.short }
        : { type: option.type },
    ]),
  )
}

/**
 * Why parseArgs refused `args`: the first option token that is undeclared, lacks its value or
 * has a value it may not have, found in the tokens of a lenient parse (which never throws).
 */
const firstMistake = (options: OptionSpecs, args: readonly string[]): string => {
  const { tokens } = parseArgs({
    args: [...args],
    options: parseArgsOptions(options),
    strict: false,
    allowPositionals: true,
    tokens: true,
  })
  for (const token of tokens) {
    if (token.kind !== 'option') continue
    const option = token.name === 'help' ? helpOption : optionNamed(options, token.name)
    const flag = `--${token.name}`
    if (option === undefined) {
      // A short option is shown with the argument it came in (`-out`, not `-o`).
      const written = token.rawName.startsWith('--') ? token.rawName : at(args, token.index)
      return `unknown option ${quote(written)}`
    }
    if (option.type === 'boolean' && token.value !== undefined) {
      return `${flag}: expected no value, got ${quote(token.value)}`
    }
    if (option.type === 'string') {
      if (token.value === undefined)
        return `${flag}: expected ${option.reader.expected}, got nothing`
      if (!token.inlineValue && token.value.length > 1 && token.value.startsWith('-')) {
        return `${flag}: expected ${option.reader.expected}, got ${quote(token.value)}`
      }
    }
  }
  throw new Error(`parseArgs refused ${JSON.stringify(args)} for no reason the parser knows`)
}

const isParseArgsError = (error: unknown): boolean =>
  error instanceof TypeError &&
  'code' in error &&
  typeof error.code === 'string' &&
  error.code.startsWith('ERR_PARSE_ARGS_')

/** An option's default read by its own reader; a default it cannot read is a bug, thrown. */
const readDefault = (name: string, reader: SomeReader, value: string): unknown => {
  const read = reader.read(value)
  if (O.isNone(read))
    throw new Error(`--${name}: the default ${quote(value)} is not ${reader.expected}`)
  return read.value
}

/**
 * Parses `args` (the arguments after the command's name) against `spec` with node:util's
 * `parseArgs` (strict: an undeclared option is refused). Right with every declared option's value
 * — a flag true or false, a value read by its reader, else its default or undefined — and the
 * positionals; Right `'help'` when `--help` or `-h` is among the arguments (before `--`); Left
 * with one line naming the flag or argument at fault for any mistake: an unknown option, a
 * missing value, a value given to a flag, a value its reader refuses, an option given twice, a
 * missing or extra positional, a missing required option. A value starting with '-' goes after
 * '=' (`--out=-x`), except a negative number (`--epochs -2`); arguments after `--` are positionals.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { count, parseArguments, text } from './arguments.js'
 * const spec = {
 *   positionals: [{ name: 'CONFIG.json', description: 'the config' }],
 *   options: {
 *     out: { type: 'string', valueName: 'DIR', description: 'where', reader: text('a directory'), required: true },
 *     epochs: { type: 'string', valueName: 'N', description: 'how long', reader: count, default: '0' },
 *     force: { type: 'boolean', description: 'overwrite' },
 *   },
 * } as const
 * assert.deepStrictEqual(
 *   parseArguments(spec, ['--force', 'a.json', '--out=runs', '--epochs', '3']),
 *   E.right({ options: { out: 'runs', epochs: 3, force: true }, positionals: ['a.json'] }),
 * )
 * assert.deepStrictEqual(parseArguments(spec, ['a.json', '--help']), E.right('help'))
 * assert.deepStrictEqual(parseArguments(spec, ['a.json', '--fast']), E.left("unknown option '--fast'"))
 * assert.deepStrictEqual(parseArguments(spec, ['a.json', '--out']), E.left('--out: expected a directory, got nothing'))
 * assert.deepStrictEqual(parseArguments(spec, ['a.json', '--force=yes']), E.left("--force: expected no value, got 'yes'"))
 * assert.deepStrictEqual(
 *   parseArguments(spec, ['a.json', '--out', 'r', '--epochs', '-2']),
 *   E.left("--epochs: expected a non-negative integer, got '-2'"),
 * )
 * assert.deepStrictEqual(parseArguments(spec, ['a.json']), E.left('missing --out DIR'))
 * assert.deepStrictEqual(parseArguments(spec, ['--out', 'r']), E.left('missing CONFIG.json'))
 */
export const parseArguments = <S extends ArgumentSpec>(
  spec: S,
  args: readonly string[],
): E.Either<string, Parsed<S> | 'help'> => {
  if (beforeTerminator(args).some((argument) => argument === '--help' || argument === '-h')) {
    return E.right('help')
  }
  const joined = joinNegativeNumbers(spec.options, args)
  let parsed
  try {
    parsed = parseArgs({
      args: joined,
      options: parseArgsOptions(spec.options),
      strict: true,
      allowPositionals: true,
      tokens: true,
    })
  } catch (error: unknown) {
    if (isParseArgsError(error)) return E.left(firstMistake(spec.options, joined))
    throw error
  }
  const given = new Map<string, unknown>()
  for (const token of parsed.tokens) {
    if (token.kind !== 'option') continue
    // `-vh`: a short help among other short flags.
    if (token.name === 'help') return E.right('help')
    const flag = `--${token.name}`
    if (given.has(token.name)) return E.left(`${flag}: given more than once`)
    const option = optionNamed(spec.options, token.name)
    if (option === undefined) throw new Error(`parseArgs let ${flag} through`)
    if (option.type === 'boolean') {
      given.set(token.name, true)
      continue
    }
    if (token.value === undefined) throw new Error(`parseArgs let ${flag} through without a value`)
    const value = option.reader.read(token.value)
    if (O.isNone(value)) {
      return E.left(`${flag}: expected ${option.reader.expected}, got ${quote(token.value)}`)
    }
    given.set(token.name, value.value)
  }
  const { positionals } = parsed
  if (positionals.length < spec.positionals.length) {
    return E.left(`missing ${at(spec.positionals, positionals.length).name}`)
  }
  if (positionals.length > spec.positionals.length) {
    return E.left(`unexpected argument ${quote(at(positionals, spec.positionals.length))}`)
  }
  const declared = Object.entries(spec.options)
  for (const [name, option] of declared) {
    if (option.type === 'string' && option.required === true && !given.has(name)) {
      return E.left(`missing --${name} ${option.valueName}`)
    }
  }
  const values = Object.fromEntries(
    declared.map(([name, option]) => [
      name,
      given.has(name)
        ? given.get(name)
        : option.type === 'boolean'
          ? false
          : option.default === undefined
            ? undefined
            : readDefault(name, option.reader, option.default),
    ]),
  )
  return E.right({
    options: Object.freeze(values) as Parsed<S>['options'],
    positionals: Object.freeze(positionals) as Parsed<S>['positionals'],
  })
}

/**
 * The arguments that stand for `parsed`: the inverse of `parseArguments` (law: parsing them gives
 * `parsed` back). Options in declaration order — `--name value`, or `--name=value` when the value
 * starts with '-' — then the positionals, after `--` when one of them starts with '-'.
 *
 * @example
 * import assert from 'node:assert'
 * import { choice, renderArguments, text } from './arguments.js'
 * const spec = {
 *   positionals: [{ name: 'FILE', description: 'a file' }],
 *   options: {
 *     out: { type: 'string', valueName: 'DIR', description: 'where', reader: text('a directory') },
 *     lang: { type: 'string', valueName: 'en|ru', description: 'language', reader: choice(['en', 'ru']), default: 'en' },
 *     quiet: { type: 'boolean', description: 'say less' },
 *   },
 * } as const
 * assert.deepStrictEqual(
 *   renderArguments(spec, { options: { out: '-x', lang: 'ru', quiet: true }, positionals: ['a'] }),
 *   ['--out=-x', '--lang', 'ru', '--quiet', 'a'],
 * )
 * assert.deepStrictEqual(
 *   renderArguments(spec, { options: { out: undefined, lang: 'en', quiet: false }, positionals: ['-'] }),
 *   ['--lang', 'en', '--', '-'],
 * )
 */
export const renderArguments = <S extends ArgumentSpec>(
  spec: S,
  parsed: Parsed<S>,
): readonly string[] => {
  const values: Readonly<Record<string, unknown>> = parsed.options
  const options = Object.entries(spec.options).flatMap(([name, option]): readonly string[] => {
    const value = values[name]
    if (option.type === 'boolean') return value === true ? [`--${name}`] : []
    if (value === undefined) return []
    // The reader of this option wrote this value: it reads its own type.
    const shown = (option.reader.show as (value: unknown) => string)(value)
    return shown.startsWith('-') ? [`--${name}=${shown}`] : [`--${name}`, shown]
  })
  const positionals: readonly string[] = parsed.positionals
  return positionals.some((positional) => positional.startsWith('-'))
    ? [...options, '--', ...positionals]
    : [...options, ...positionals]
}

/** The help's width in columns. */
const helpWidth = 96

const width = (line: string): number => Array.from(line).length

/** Units (words) joined by spaces into lines of at most `columns`; a longer unit keeps a line. */
const fill = (units: readonly string[], columns: number): readonly string[] => {
  const lines: string[] = []
  let line = ''
  for (const unit of units) {
    if (line === '') line = unit
    else if (width(line) + 1 + width(unit) <= columns) line = `${line} ${unit}`
    else {
      lines.push(line)
      line = unit
    }
  }
  return line === '' ? lines : [...lines, line]
}

/** A paragraph as lines of at most `columns`, broken at spaces. */
const wrap = (paragraph: string, columns: number): readonly string[] =>
  fill(
    paragraph.split(' ').filter((word) => word !== ''),
    columns,
  )

/** Two columns: each left cell indented by two, the right text wrapped beside the widest. */
const table = (rows: readonly (readonly [string, string])[]): readonly string[] => {
  const left = 2 + Math.max(...rows.map(([cell]) => width(cell))) + 2
  return rows.flatMap(([cell, description]) =>
    wrap(description, helpWidth - left).map((line, index) =>
      index === 0 ? `  ${cell.padEnd(left - 2)}${line}` : `${' '.repeat(left)}${line}`,
    ),
  )
}

const optionCell = (name: string, option: OptionSpec): string => {
  const long = option.type === 'boolean' ? `--${name}` : `--${name} ${option.valueName}`
  return option.type === 'boolean' && option.short !== undefined
    ? `-${option.short}, ${long}`
    : long
}

const optionDescription = (option: OptionSpec): string =>
  option.type === 'boolean'
    ? option.description
    : option.required === true
      ? `${option.description} [required]`
      : option.default === undefined
        ? option.description
        : `${option.description} [default: ${option.default}]`

const optionRows = (options: OptionSpecs, help: string): readonly (readonly [string, string])[] => [
  ...Object.entries(options).map(
    ([name, option]) => [optionCell(name, option), optionDescription(option)] as const,
  ),
  [optionCell('help', helpOption), help],
]

/** A usage line: `head` then the units (`[--epochs N]` is one), wrapped under the first unit. */
const usageLine = (head: string, units: readonly string[]): readonly string[] => {
  const indent = ' '.repeat(width(head) + 1)
  return fill(units, helpWidth - indent.length).map((line, index) =>
    index === 0 ? `${head} ${line}` : `${indent}${line}`,
  )
}

const paragraphs = (texts: readonly string[]): readonly (readonly string[])[] =>
  texts.map((paragraph) => wrap(paragraph, helpWidth))

const examplesBlock = (examples: readonly [string, ...string[]]): readonly string[] => [
  examples.length === 1 ? 'Example:' : 'Examples:',
  ...examples.map((example) => `  ${example}`),
]

/** Blocks of lines separated by blank lines, ending with a newline. */
const blocks = (parts: readonly (readonly string[])[]): string =>
  `${parts
    .filter((part) => part.length > 0)
    .map((part) => part.join('\n'))
    .join('\n\n')}\n`

/**
 * A command's help, in the one format every command shares: the usage line, the description, the
 * arguments, the options (each with its default; `-h, --help` last), the notes, the exit codes
 * and the examples — all from the declaration `parseArguments` reads, wrapped at 96 columns.
 *
 * @example
 * import assert from 'node:assert'
 * import { defineCommand, renderHelp, text } from './arguments.js'
 * const greet = defineCommand({
 *   name: 'greet',
 *   summary: 'say hello',
 *   description: ['Says hello to NAME.'],
 *   positionals: [{ name: 'NAME', description: 'who to greet' }],
 *   options: {
 *     out: { type: 'string', valueName: 'FILE', description: 'write it there', reader: text('a file') },
 *     loud: { type: 'boolean', description: 'in capitals' },
 *   },
 *   notes: [],
 *   exitCodes: '0 greeted; 2 a usage mistake.',
 *   examples: ['gradfold greet Ada --loud'],
 * })
 * assert.strictEqual(renderHelp(greet), [
 *   'Usage: gradfold greet NAME [--out FILE] [--loud]',
 *   '',
 *   'Says hello to NAME.',
 *   '',
 *   'Arguments:',
 *   '  NAME  who to greet',
 *   '',
 *   'Options:',
 *   '  --out FILE  write it there',
 *   '  --loud      in capitals',
 *   '  -h, --help  this help (also: gradfold help greet)',
 *   '',
 *   'Exit codes: 0 greeted; 2 a usage mistake.',
 *   '',
 *   'Example:',
 *   '  gradfold greet Ada --loud',
 *   '',
 * ].join('\n'))
 */
export const renderHelp = (spec: CommandSpec): string => {
  const options = Object.entries(spec.options)
  const required = options.filter(([, option]) => option.type === 'string' && option.required)
  const optional = options.filter(([, option]) => option.type === 'boolean' || !option.required)
  return blocks([
    usageLine(`Usage: ${programName} ${spec.name}`, [
      ...spec.positionals.map((positional) => positional.name),
      ...required.map(([name, option]) => optionCell(name, option)),
      ...optional.map(([name, option]) => `[${optionCell(name, option)}]`),
    ]),
    ...paragraphs(spec.description),
    spec.positionals.length === 0
      ? []
      : [
          'Arguments:',
          ...table(spec.positionals.map((positional) => [positional.name, positional.description])),
        ],
    [
      'Options:',
      ...table(optionRows(spec.options, `this help (also: ${programName} help ${spec.name})`)),
    ],
    ...paragraphs(spec.notes),
    wrap(`Exit codes: ${spec.exitCodes}`, helpWidth),
    examplesBlock(spec.examples),
  ])
}

/**
 * The program's help, in the same format: its title, usage, the commands with their summaries,
 * its own options, notes, exit codes and examples.
 *
 * @example
 * import assert from 'node:assert'
 * import { defineCommand, renderProgramHelp } from './arguments.js'
 * const greet = defineCommand({
 *   name: 'greet', summary: 'say hello', description: [], positionals: [], options: {}, notes: [],
 *   exitCodes: '0 greeted.', examples: ['gradfold greet'],
 * })
 * const help = renderProgramHelp({
 *   title: 'gradfold 1.0.0', positionals: [],
 *   options: { version: { type: 'boolean', short: 'v', description: 'the version' } },
 *   notes: [], exitCodes: '0 success.', examples: ['gradfold greet'],
 * }, [greet])
 * assert.ok(help.startsWith('gradfold 1.0.0\n\nUsage: gradfold COMMAND [options]\n\nCommands:\n  greet  say hello\n'))
 * assert.ok(help.includes('\n  -v, --version  the version\n'))
 */
export const renderProgramHelp = (program: ProgramSpec, commands: readonly CommandSpec[]): string =>
  blocks([
    [program.title],
    [`Usage: ${programName} COMMAND [options]`],
    ['Commands:', ...table(commands.map((command) => [command.name, command.summary]))],
    ['Options:', ...table(optionRows(program.options, `this help (also: ${programName} help)`))],
    ...paragraphs(program.notes),
    wrap(`Exit codes: ${program.exitCodes}`, helpWidth),
    examplesBlock(program.examples),
  ])

/**
 * Checks a command's declaration once, where it is written, and returns it with its literal types
 * (which `Parsed` reads). A declaration that cannot work — an option named `help` or with a
 * one-letter name, a short alias that is not one letter or is `h`, a default its reader refuses,
 * a required option with a default — is a bug, thrown.
 *
 * @example
 * import assert from 'node:assert'
 * import { count, defineCommand } from './arguments.js'
 * const base = { name: 'x', summary: 'x', description: [], positionals: [], notes: [], exitCodes: '0.', examples: ['gradfold x'] } as const
 * const spec = defineCommand({ ...base, options: { epochs: { type: 'string', valueName: 'N', description: 'epochs', reader: count, default: '0' } } })
 * assert.strictEqual(spec.options.epochs.default, '0')
 * assert.throws(() => defineCommand({ ...base, options: { epochs: { type: 'string', valueName: 'N', description: 'epochs', reader: count, default: 'ten' } } }))
 */
export const defineCommand = <const S extends CommandSpec>(spec: S): S => {
  parseArgsOptions(spec.options)
  for (const [name, option] of Object.entries(spec.options)) {
    // parseArgs reads `-x` as `--x` when an option is named x: a short alias is declared as one.
    if (Array.from(name).length < 2) throw new Error(`--${name}: a long name of one letter`)
    if (option.type === 'boolean') {
      if (option.short !== undefined && !/^[a-gi-zA-Z]$/u.test(option.short)) {
        throw new Error(`--${name}: the short alias '${option.short}' is not a letter other than h`)
      }
    } else if (option.default !== undefined) {
      if (option.required === true) throw new Error(`--${name}: required, yet with a default`)
      readDefault(name, option.reader, option.default)
    }
  }
  return spec
}

/**
 * Writes a usage mistake of `command` — one line on stderr pointing at its help — and returns its
 * exit code, 2.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { reportUsage } from './arguments.js'
 * const errors: string[] = []
 * const world = {
 *   print: () => {}, warn: (text: string) => { errors.push(text) }, isTerminal: false, columns: 80,
 *   readText: () => E.left('none'), readBytes: () => E.left('none'), listDirectory: () => E.right(undefined),
 *   writeText: () => E.right(undefined), writeBytes: () => E.right(undefined),
 *   joinPath: (...parts: readonly string[]) => parts.join('/'),
 * }
 * assert.strictEqual(reportUsage(world, 'train', 'missing --out DIR'), 2)
 * assert.deepStrictEqual(errors, ["gradfold: train: missing --out DIR (try 'gradfold train --help')\n"])
 */
export const reportUsage = (world: World, command: string, problem: string): number => {
  const result = usageError(problem, command)
  world.warn(result.stderr)
  return result.exitCode
}

/**
 * Problems with the user's files (a config, a model, a data file), one line each on stderr as
 * `gradfold COMMAND: problem`, and exit code 2: nothing ran.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { reportProblems } from './arguments.js'
 * const errors: string[] = []
 * const world = {
 *   print: () => {}, warn: (text: string) => { errors.push(text) }, isTerminal: false, columns: 80,
 *   readText: () => E.left('none'), readBytes: () => E.left('none'), listDirectory: () => E.right(undefined),
 *   writeText: () => E.right(undefined), writeBytes: () => E.right(undefined),
 *   joinPath: (...parts: readonly string[]) => parts.join('/'),
 * }
 * assert.strictEqual(reportProblems(world, 'predict', ['a.csv: no data rows', 'b']), 2)
 * assert.deepStrictEqual(errors, ['gradfold predict: a.csv: no data rows\ngradfold predict: b\n'])
 */
export const reportProblems = (
  world: World,
  command: string,
  problems: readonly string[],
): number => {
  world.warn(problems.map((problem) => `gradfold ${command}: ${problem}\n`).join(''))
  return 2
}

/**
 * A command that parses its arguments against `spec` first: `--help` prints `renderHelp(spec)`
 * (exit 0), a mistake is `reportUsage`'s one line (exit 2), and otherwise `run` gets the parsed
 * call and the world. A `Command`, synchronous when `run` is.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { defineCommand, withArguments } from './arguments.js'
 * const lines: string[] = []
 * const world = {
 *   print: (text: string) => { lines.push(text) }, warn: (text: string) => { lines.push(text) },
 *   isTerminal: false, columns: 80, readText: () => E.left('none'), readBytes: () => E.left('none'), listDirectory: () => E.right(undefined),
 *   writeText: () => E.right(undefined), writeBytes: () => E.right(undefined),
 *   joinPath: (...parts: readonly string[]) => parts.join('/'),
 * }
 * const hello = withArguments(
 *   defineCommand({
 *     name: 'hello', summary: 'greet', description: [], positionals: [],
 *     options: { loud: { type: 'boolean', description: 'in capitals' } },
 *     notes: [], exitCodes: '0 greeted.', examples: ['gradfold hello --loud'],
 *   }),
 *   ({ options }, out) => { out.print(options.loud ? 'HELLO\n' : 'hello\n'); return 0 },
 * )
 * assert.strictEqual(await hello(['--loud'], world), 0)
 * assert.strictEqual(await hello(['--lound'], world), 2)
 * assert.deepStrictEqual(lines, ['HELLO\n', "gradfold: hello: unknown option '--lound' (try 'gradfold hello --help')\n"])
 */
export const withArguments =
  <S extends CommandSpec, R extends number | Promise<number>>(
    spec: S,
    run: (parsed: Parsed<S>, world: World) => R,
  ): ((args: readonly string[], world: World) => R | number) =>
  (args, world) => {
    const parsed = parseArguments(spec, args)
    if (E.isLeft(parsed)) return reportUsage(world, spec.name, parsed.left)
    if (parsed.right === 'help') {
      world.print(renderHelp(spec))
      return 0
    }
    return run(parsed.right, world)
  }
