// The one argument parser: its laws as fast-check properties over declarations drawn at random
// and the four commands' own — rendered arguments parse back, flags in any order, undeclared flags
// refused, every mistake one line naming its flag — then parseArgs's edge cases and the help.

import { fc, test as propertyTest } from '@fast-check/vitest'
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { describe, expect, test } from 'vitest'
import {
  choice,
  count,
  defineCommand,
  nonNegativeNumber,
  parseArguments,
  positiveCount,
  positiveNumber,
  quote,
  renderArguments,
  renderHelp,
  renderProgramHelp,
  text,
  type ArgumentSpec,
  type CommandSpec,
  type OptionSpec,
  type Parsed,
} from '../src/arguments.js'
import { explainArguments } from '../src/explain-command.js'
import { gradcheckArguments } from '../src/gradcheck-command.js'
import { tourArguments } from '../src/tour-command.js'
import { trainArguments } from '../src/train-command.js'

type AnyParsed = Parsed<ArgumentSpec>

interface Case {
  readonly spec: ArgumentSpec
  readonly parsed: AnyParsed
}

const commands: readonly CommandSpec[] = [
  trainArguments,
  gradcheckArguments,
  explainArguments,
  tourArguments,
]

/** A value option of each reader kind, with its presence and a default its reader accepts. */
const valueOptions = (
  [
    [text('a word'), 'w'],
    [count, '0'],
    [positiveCount, '3'],
    [positiveNumber, '1e-5'],
    [nonNegativeNumber, '0.5'],
    [choice(['en', 'ru', 'de']), 'en'],
  ] as const
).flatMap(([reader, fallback]): OptionSpec[] => [
  { type: 'string', valueName: 'V', description: 'a value', reader },
  { type: 'string', valueName: 'V', description: 'a value', reader, required: true },
  { type: 'string', valueName: 'V', description: 'a value', reader, default: fallback },
])

const optionName = fc
  .stringMatching(/^[a-z][a-z0-9]{1,6}(?:-[a-z0-9]{1,4})?$/u)
  .filter((name) => name !== 'help')

const randomSpec: fc.Arbitrary<ArgumentSpec> = fc.record({
  options: fc
    .uniqueArray(
      fc.tuple(
        optionName,
        fc.oneof(
          fc.constant<OptionSpec>({ type: 'boolean', description: 'a flag' }),
          fc.constantFrom(...valueOptions),
        ),
      ),
      { selector: ([name]) => name, maxLength: 6 },
    )
    .map((entries) => Object.fromEntries(entries)),
  positionals: fc
    .nat({ max: 3 })
    .map((n) =>
      Array.from({ length: n }, (_, index) => ({ name: `P${index + 1}`, description: 'a word' })),
    ),
})

const spec: fc.Arbitrary<ArgumentSpec> = fc.oneof(randomSpec, fc.constantFrom(...commands))

/** Texts of every shape a user may type; a reader keeps those it reads. */
const typed = fc.oneof(
  fc.string({ minLength: 1 }),
  fc.string({ unit: 'grapheme', minLength: 1 }),
  fc.constantFrom('', '-', '--', '-x', '--out', '-5', '-.5', '=', 'a=b', '-h', '--help', 'en'),
  fc.constantFrom('ru', 'de', 'text', 'markdown'),
  fc.nat().map(String),
  fc.double({ noNaN: true }).map(String),
)

const valueOf = (option: OptionSpec & { readonly type: 'string' }): fc.Arbitrary<unknown> =>
  typed
    .map((written) => option.reader.read(written))
    .filter(O.isSome)
    .map((read) => read.value)

const parsedOf = (argumentSpec: ArgumentSpec): fc.Arbitrary<AnyParsed> =>
  fc
    .record(
      {
        options: fc.record(
          Object.fromEntries(
            Object.entries(argumentSpec.options).map(([name, option]) => [
              name,
              option.type === 'boolean'
                ? fc.boolean()
                : option.required === true || option.default !== undefined
                  ? valueOf(option)
                  : fc.option(valueOf(option), { nil: undefined }),
            ]),
          ),
          { noNullPrototype: true },
        ),
        positionals: fc.array(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' })), {
          minLength: argumentSpec.positionals.length,
          maxLength: argumentSpec.positionals.length,
        }),
      },
      { noNullPrototype: true },
    )
    .map((drawn) => drawn as AnyParsed)

const aCase: fc.Arbitrary<Case> = spec.chain((drawn) =>
  parsedOf(drawn).map((parsed) => ({ spec: drawn, parsed })),
)

const show = (option: OptionSpec & { readonly type: 'string' }, value: unknown): string =>
  (option.reader.show as (value: unknown) => string)(value)

/**
 * The options of a case as groups of arguments, one group per option given, each value written
 * `--name=value` or (`spaced`, when it may) `--name value`: written independently of
 * renderArguments, so the laws do not test the renderer against itself.
 */
const groupsOf = (
  { spec: argumentSpec, parsed }: Case,
  spaced: (index: number) => boolean = () => false,
): (readonly string[])[] => {
  const values: Readonly<Record<string, unknown>> = parsed.options
  return Object.entries(argumentSpec.options).flatMap(([name, option], index) => {
    const value = values[name]
    if (option.type === 'boolean') return value === true ? [[`--${name}`]] : []
    if (value === undefined) return []
    const written = show(option, value)
    const canSpace = !written.startsWith('-') || /^-\.?\d/u.test(written)
    return [canSpace && spaced(index) ? [`--${name}`, written] : [`--${name}=${written}`]]
  })
}

/** The positionals after the options, behind `--` when one of them starts with '-'. */
const positionalsOf = ({ parsed }: Case): readonly string[] => {
  const positionals: readonly string[] = parsed.positionals
  return positionals.some((positional) => positional.startsWith('-'))
    ? ['--', ...positionals]
    : positionals
}

const nameOf = (group: readonly string[]): string => {
  const [first] = group
  if (first === undefined) throw new Error('an empty group')
  return first.replace(/=.*$/su, '')
}

const valueOptionNames = (argumentSpec: ArgumentSpec): readonly string[] =>
  Object.entries(argumentSpec.options)
    .filter(([, option]) => option.type === 'string')
    .map(([name]) => name)

/** The item at `index`, which must be there (a miss is a bug in the test, thrown). */
const at = <A>(items: readonly A[], index: number): A => {
  if (index < 0 || index >= items.length) throw new Error(`no item ${index} of ${items.length}`)
  return items[index] as A
}

/** One of `items`, chosen by any natural number. */
const pick = <A>(items: readonly A[], index: number): A => at(items, index % items.length)

const without = (groups: readonly (readonly string[])[], name: string): (readonly string[])[] =>
  groups.filter((group) => nameOf(group) !== `--${name}`)

const optionAt = (argumentSpec: ArgumentSpec, name: string): OptionSpec => {
  const option = argumentSpec.options[name]
  if (option === undefined) throw new Error(`no option ${name}`)
  return option
}

const oneLine = (message: E.Either<string, unknown>): void => {
  expect(E.isLeft(message)).toBe(true)
  if (E.isLeft(message)) expect(message.left).not.toMatch(/[\n\r]/u)
}

describe('the laws of parseArguments', () => {
  propertyTest.prop([aCase])('parsing rendered arguments gives back what was rendered', (drawn) => {
    expect(parseArguments(drawn.spec, renderArguments(drawn.spec, drawn.parsed))).toStrictEqual(
      E.right(drawn.parsed),
    )
  })

  propertyTest.prop([aCase, fc.array(fc.double({ noNaN: true }), { minLength: 12 }), fc.nat()])(
    'the order of flags does not matter, nor how each value is written, nor where positionals go',
    (drawn, keys, spacing) => {
      const positionals: readonly string[] = drawn.parsed.positionals
      const interleaved = positionals.every((positional) => !positional.startsWith('-'))
      const groups = groupsOf(drawn, (index) => ((spacing >> index) & 1) === 1)
      const items = [
        ...groups.map((group) => ({ group, positional: false })),
        ...(interleaved ? positionals.map((value) => ({ group: [value], positional: true })) : []),
      ]
      const order = items
        .map((item, index) => ({ item, key: pick(keys, index), index }))
        .sort((a, b) => a.key - b.key || a.index - b.index)
      // Positionals keep their order among themselves: each positional slot takes the next one.
      let next = 0
      const shuffled = order.flatMap(({ item }) =>
        item.positional ? [at(positionals, next++)] : item.group,
      )
      const args = interleaved ? shuffled : [...shuffled, ...positionalsOf(drawn)]
      expect(parseArguments(drawn.spec, args)).toStrictEqual(E.right(drawn.parsed))
    },
  )

  const undeclared = fc.oneof(
    optionName,
    fc.constantFrom('constructor', '__proto__', 'toString', 'hasOwnProperty', 'h', 'Help', 'x y'),
    fc.string({ minLength: 1 }).filter((name) => !name.includes('=')),
  )

  propertyTest.prop([aCase, undeclared, fc.nat(), fc.constantFrom('bare', 'valued', 'short')])(
    'an undeclared flag is refused, wherever it stands, by its name',
    (drawn, name, at, form) => {
      fc.pre(!Object.hasOwn(drawn.spec.options, name) && name !== 'help')
      const letter = /^[a-gi-zA-Z]/u.test(name) ? name.charAt(0) : 'q'
      const written = form === 'short' ? `-${letter}` : `--${name}`
      const groups = groupsOf(drawn)
      groups.splice(at % (groups.length + 1), 0, [form === 'valued' ? `${written}=1` : written])
      const result = parseArguments(drawn.spec, [...groups.flat(), ...positionalsOf(drawn)])
      expect(result).toStrictEqual(E.left(`unknown option ${quote(written)}`))
    },
  )

  describe('every mistake is one line naming the flag or argument at fault', () => {
    const safe = (drawn: Case): boolean =>
      drawn.parsed.positionals.every((positional) => !positional.startsWith('-'))

    propertyTest.prop([aCase, fc.nat()])('a value option without its value', (drawn, index) => {
      const names = valueOptionNames(drawn.spec)
      fc.pre(names.length > 0 && safe(drawn))
      const name = pick(names, index)
      const option = optionAt(drawn.spec, name)
      if (option.type !== 'string') throw new Error('a flag')
      const args = [...without(groupsOf(drawn), name).flat(), ...drawn.parsed.positionals]
      const result = parseArguments(drawn.spec, [...args, `--${name}`])
      expect(result).toStrictEqual(
        E.left(`--${name}: expected ${option.reader.expected}, got nothing`),
      )
      oneLine(result)
    })

    propertyTest.prop([aCase, fc.nat(), fc.string()])(
      'a value given to a flag',
      (drawn, index, value) => {
        const names = Object.keys(drawn.spec.options).filter(
          (name) => optionAt(drawn.spec, name).type === 'boolean',
        )
        fc.pre(names.length > 0)
        const name = pick(names, index)
        const args = [...without(groupsOf(drawn), name).flat(), `--${name}=${value}`]
        const result = parseArguments(drawn.spec, [...args, ...positionalsOf(drawn)])
        expect(result).toStrictEqual(E.left(`--${name}: expected no value, got ${quote(value)}`))
        oneLine(result)
      },
    )

    propertyTest.prop([aCase, fc.nat(), typed])(
      'a value its reader refuses',
      (drawn, index, value) => {
        const names = valueOptionNames(drawn.spec)
        fc.pre(names.length > 0)
        const name = pick(names, index)
        const option = optionAt(drawn.spec, name)
        if (option.type !== 'string') throw new Error('a flag')
        fc.pre(O.isNone(option.reader.read(value)))
        const args = [...without(groupsOf(drawn), name).flat(), `--${name}=${value}`]
        const result = parseArguments(drawn.spec, [...args, ...positionalsOf(drawn)])
        expect(result).toStrictEqual(
          E.left(`--${name}: expected ${option.reader.expected}, got ${quote(value)}`),
        )
        oneLine(result)
      },
    )

    propertyTest.prop([aCase, fc.nat(), fc.nat()])('an option given twice', (drawn, index, at) => {
      const groups = groupsOf(drawn)
      fc.pre(groups.length > 0)
      const group = pick(groups, index)
      groups.splice(at % (groups.length + 1), 0, group)
      const result = parseArguments(drawn.spec, [...groups.flat(), ...positionalsOf(drawn)])
      expect(result).toStrictEqual(E.left(`${nameOf(group)}: given more than once`))
      oneLine(result)
    })

    propertyTest.prop([aCase, fc.nat()])('a required option left out', (drawn, index) => {
      const names = valueOptionNames(drawn.spec).filter((name) => {
        const option = optionAt(drawn.spec, name)
        return option.type === 'string' && option.required === true
      })
      fc.pre(names.length > 0)
      const name = pick(names, index)
      const option = optionAt(drawn.spec, name)
      if (option.type !== 'string') throw new Error('a flag')
      const args = [...without(groupsOf(drawn), name).flat(), ...positionalsOf(drawn)]
      const result = parseArguments(drawn.spec, args)
      expect(result).toStrictEqual(E.left(`missing --${name} ${option.valueName}`))
      oneLine(result)
    })

    propertyTest.prop([aCase, fc.string()])('a positional too few or too many', (drawn, extra) => {
      const positionals: readonly string[] = drawn.parsed.positionals
      const args = groupsOf(drawn).flat()
      const more = parseArguments(drawn.spec, [...args, '--', ...positionals, extra])
      expect(more).toStrictEqual(E.left(`unexpected argument ${quote(extra)}`))
      oneLine(more)
      const [missing] = drawn.spec.positionals.slice(-1)
      if (missing === undefined) return
      const fewer = parseArguments(drawn.spec, [...args, '--', ...positionals.slice(0, -1)])
      expect(fewer).toStrictEqual(E.left(`missing ${missing.name}`))
      oneLine(fewer)
    })
  })
})

describe('parseArguments at the edges parseArgs leaves', () => {
  const example = {
    positionals: [{ name: 'FILE', description: 'a file' }],
    options: {
      out: { type: 'string', valueName: 'DIR', description: 'd', reader: text('a directory') },
      epochs: { type: 'string', valueName: 'N', description: 'n', reader: count, default: '0' },
      force: { type: 'boolean', description: 'f' },
    },
  } as const
  const parse = (args: readonly string[]): ReturnType<typeof parseArguments<typeof example>> =>
    parseArguments(example, args)

  test('the parsed call is typed by the declaration', () => {
    const parsed = parse(['a', '--out', 'o'])
    if (E.isLeft(parsed) || parsed.right === 'help') throw new Error('not parsed')
    const { out, epochs, force } = parsed.right.options
    const [file] = parsed.right.positionals
    expect([out, epochs, force, file]).toStrictEqual(['o', 0, false, 'a'])
  })

  test.each([
    [['--out=-x', 'a'], { out: '-x', epochs: 0, force: false }, ['a']],
    [['a', '--out', '-'], { out: '-', epochs: 0, force: false }, ['a']],
    [['--', '--force'], { out: undefined, epochs: 0, force: false }, ['--force']],
    [['--', '-h'], { out: undefined, epochs: 0, force: false }, ['-h']],
    [['--out', 'a=b', '-'], { out: 'a=b', epochs: 0, force: false }, ['-']],
    [['--epochs', '1e1', 'a'], { out: undefined, epochs: 10, force: false }, ['a']],
  ])('%j parses', (args, options, positionals) => {
    expect(parse(args)).toStrictEqual(E.right({ options, positionals }))
  })

  test.each([
    [['a', '--out', '--force'], "--out: expected a directory, got '--force'"],
    [['a', '--out', '-x'], "--out: expected a directory, got '-x'"],
    [['a', '--out='], "--out: expected a directory, got ''"],
    [['a', '--epochs', '-2'], "--epochs: expected a non-negative integer, got '-2'"],
    [['a', '--epochs', '-.5'], "--epochs: expected a non-negative integer, got '-.5'"],
    [['a', '-fx'], "unknown option '-fx'"],
    [['a', '-out'], "unknown option '-out'"],
    [['a', '---out'], "unknown option '---out'"],
    [['a', '--Out'], "unknown option '--Out'"],
    [['a', '--constructor'], "unknown option '--constructor'"],
    [['a', '--fo\nrce'], "unknown option '--fo\\u000arce'"],
    [['a', '--force', '--force'], '--force: given more than once'],
    [['a', '--out=x', '--out', 'x'], '--out: given more than once'],
    [['a', '-5'], "unknown option '-5'"],
  ])('%j is a mistake: %s', (args, message) => {
    expect(parse(args)).toStrictEqual(E.left(message))
  })

  test('--help and -h anywhere before `--` ask for the help, whatever else is wrong', () => {
    for (const args of [['--help'], ['--nope', '-h'], ['--out', '--help'], ['a', 'b', '-h']]) {
      expect(parse(args)).toStrictEqual(E.right('help'))
    }
    expect(parse(['--out=--help', 'a'])).toStrictEqual(
      E.right({ options: { out: '--help', epochs: 0, force: false }, positionals: ['a'] }),
    )
  })

  test('a declaration that cannot work is a bug, thrown where it is written', () => {
    const base = {
      name: 'x',
      summary: 's',
      description: [],
      positionals: [],
      notes: [],
      exitCodes: '0.',
      examples: ['gradfold x'],
    } as const
    expect(() =>
      defineCommand({ ...base, options: { help: { type: 'boolean', description: 'mine' } } }),
    ).toThrow(/--help/u)
    expect(() =>
      defineCommand({
        ...base,
        options: { verbose: { type: 'boolean', short: 'h', description: 'v' } },
      }),
    ).toThrow(/short alias/u)
    expect(() =>
      defineCommand({ ...base, options: { v: { type: 'boolean', description: 'v' } } }),
    ).toThrow(/one letter/u)
    expect(() =>
      defineCommand({
        ...base,
        options: {
          nn: { type: 'string', valueName: 'N', description: 'n', reader: count, default: '-1' },
        },
      }),
    ).toThrow(/default '-1' is not a non-negative integer/u)
    expect(() =>
      defineCommand({
        ...base,
        options: {
          nn: {
            type: 'string',
            valueName: 'N',
            description: 'n',
            reader: count,
            default: '1',
            required: true,
          },
        },
      }),
    ).toThrow(/required/u)
  })
})

describe('the help, one format for every command', () => {
  test.each(commands.map((command) => [command.name, command] as const))(
    '%s: usage, every option with its value name, -h, the exit codes and an example',
    (name, command) => {
      const help = renderHelp(command)
      expect(help).toMatch(new RegExp(`^Usage: gradfold ${name} `, 'u'))
      const options = help.slice(help.indexOf('\nOptions:\n'))
      for (const [option, declared] of Object.entries(command.options)) {
        const cell =
          declared.type === 'boolean' ? `--${option}` : `--${option} ${declared.valueName}`
        expect(options).toContain(`\n  ${cell} `)
        if (declared.type === 'string' && declared.default !== undefined) {
          expect(options).toContain(`[default: ${declared.default}]`)
        }
      }
      expect(options).toContain(`\n  -h, --help `)
      expect(help).toContain('\nExit codes: ')
      expect(help).toMatch(new RegExp(`\\nExamples?:\\n  gradfold ${name}`, 'u'))
      for (const line of help.split('\n')) expect(Array.from(line).length).toBeLessThanOrEqual(96)
    },
  )

  test('the program’s help lists every command with its summary in the same layout', () => {
    const help = renderProgramHelp(
      {
        title: 'gradfold 0.0.0 — test',
        positionals: [],
        options: { version: { type: 'boolean', short: 'v', description: 'the version' } },
        notes: [],
        exitCodes: '0 success.',
        examples: ['gradfold tour'],
      },
      commands,
    )
    for (const command of commands) {
      expect(help).toContain(`\n  ${command.name.padEnd(9)}  ${command.summary}\n`)
    }
    expect(help).toContain('\n  -v, --version  the version\n')
    expect(help).toContain('\n  -h, --help     this help (also: gradfold help)\n')
  })
})
