// The DOT rendering, checked as structure (Graphviz itself is not installed, so nothing is laid
// out here): the figure's nodes with their values, blue solid forward edges with the values they
// carry, red dashed backward edges with the gradients, and escaping of awkward labels.

import { describe, expect, test } from 'vitest'
import * as teach from '../../../src/teach/index.js'
import {
  awkwardLabel,
  awkwardTrace,
  chainRuleTrace,
  lossTrace,
  matrixTrace,
  sharedTrace,
} from './traces.js'

/** A DOT string literal: a quote, then escaped characters or anything but a quote or backslash. */
const dotString = String.raw`"(?:[^"\\]|\\.)*"`
const attributeList = String.raw`\[\w+=${dotString}(?:, \w+=${dotString})*\]`
const statement = new RegExp(
  String.raw`^  (?:(?:graph|node|edge) ${attributeList}|${dotString}(?: -> ${dotString})? ${attributeList})$`,
)

/** The text a DOT string literal stands for (`\n` and `\l` as line breaks). */
const unquote = (literal: string): string =>
  literal
    .slice(1, -1)
    .replace(/\\(.)/g, (_, character: string) =>
      character === 'n' || character === 'l' ? '\n' : character,
    )

interface Statement {
  readonly from: string
  readonly to: string | undefined
  readonly attributes: Readonly<Record<string, string>>
}

/** Parses the renderer's output: one statement a line between `digraph … {` and `}`. */
const parse = (dot: string): Statement[] => {
  const all = dot.split('\n')
  expect(all[0]).toMatch(new RegExp(String.raw`^digraph ${dotString} \{$`))
  expect(all[all.length - 1]).toBe('}')
  return all.slice(1, -1).flatMap((line) => {
    expect(line, 'a node, edge or default statement').toMatch(statement)
    const ids = [
      ...line.matchAll(new RegExp(String.raw`^  (${dotString})(?: -> (${dotString}))? \[`, 'g')),
    ][0]
    if (ids === undefined) return []
    const attributes = Object.fromEntries(
      [...line.matchAll(new RegExp(String.raw`(\w+)=(${dotString})`, 'g'))].map((match) => [
        match[1] ?? '',
        unquote(match[2] ?? '""'),
      ]),
    )
    return [
      {
        from: unquote(ids[1] ?? '""'),
        to: ids[2] === undefined ? undefined : unquote(ids[2]),
        attributes,
      },
    ]
  })
}

const nodes = (statements: readonly Statement[]): Statement[] =>
  statements.filter((entry) => entry.to === undefined)
const edges = (statements: readonly Statement[], color: string): Statement[] =>
  statements.filter((entry) => entry.to !== undefined && entry.attributes.color === color)

/** The id of the node whose label starts with `first` (its first line). */
const idOf = (statements: readonly Statement[], first: string): string => {
  const found = nodes(statements).filter(
    (entry) => (entry.attributes.label ?? '').split('\n')[0] === first,
  )
  expect(found, `one node labelled ${first}`).toHaveLength(1)
  return found[0]?.from ?? ''
}

describe('renderDot', () => {
  const dot = teach.renderDot(lossTrace())
  const statements = parse(dot)

  test('L = (x·w + b)²: a node for x, w, b, xw, z and L with its value, and the output', () => {
    for (const label of ['x = 2', 'w = 3', 'b = 1', 'xw = 6', 'z = 7', 'L = 49']) {
      expect(dot).toMatch(new RegExp(String.raw`^  "n\d+" \[label="${label}(?:\\n[^"]*)?", `, 'm'))
    }
    expect(nodes(statements).map((entry) => entry.attributes.label)).toEqual([
      'x = 2',
      'w = 3',
      'xw = 6\nx ⊙ w',
      'b = 1',
      'z = 7\nxw + b',
      'L = 49\nz²',
      'output',
    ])
  })

  test('inputs, parameters, operations and the output are styled apart', () => {
    const style = (first: string): (string | undefined)[] => {
      const id = idOf(statements, first)
      const node = nodes(statements).find((entry) => entry.from === id)
      return [node?.attributes.shape, node?.attributes.fillcolor]
    }
    expect(style('x = 2')).toEqual(['ellipse', 'lightblue'])
    expect(style('w = 3')).toEqual(['box', 'lightblue'])
    expect(style('b = 1')).toEqual(['box', 'lightblue'])
    expect(style('xw = 6')).toEqual(['ellipse', 'lightgreen'])
    expect(style('L = 49')).toEqual(['ellipse', 'lightgreen'])
    expect(style('output')).toEqual(['doublecircle', 'lightcoral'])
  })

  test('forward edges operand → operation carry the values 2, 3, 6, 1, 7, 49 in blue solid', () => {
    const id = (first: string): string => idOf(statements, first)
    const expected = [
      ['x = 2', 'xw = 6', 'x = 2'],
      ['w = 3', 'xw = 6', 'w = 3'],
      ['xw = 6', 'z = 7', 'xw = 6'],
      ['b = 1', 'z = 7', 'b = 1'],
      ['z = 7', 'L = 49', 'z = 7'],
      ['L = 49', 'output', 'L = 49'],
    ] as const
    for (const [from, to, label] of expected) {
      expect(dot).toMatch(
        new RegExp(
          String.raw`^  "${id(from)}" -> "${id(to)}" \[label="${label}", color="blue", fontcolor="blue", style="solid"\]$`,
          'm',
        ),
      )
    }
    expect(edges(statements, 'blue')).toHaveLength(expected.length)
  })

  test('backward edges operation → operand carry the gradients 1, 14, 14, 14, 42, 28 in red dashed', () => {
    const id = (first: string): string => idOf(statements, first)
    const expected = [
      ['output', 'L = 49', 'dL/dL = 1'],
      ['L = 49', 'z = 7', 'dL/dz = 14'],
      ['z = 7', 'xw = 6', 'dL/d\\(xw\\) = 14'],
      ['z = 7', 'b = 1', 'dL/db = 14'],
      ['xw = 6', 'x = 2', 'dL/dx = 42'],
      ['xw = 6', 'w = 3', 'dL/dw = 28'],
    ] as const
    for (const [from, to, label] of expected) {
      expect(dot).toMatch(
        new RegExp(
          String.raw`^  "${id(from)}" -> "${id(to)}" \[label="${label}", color="red", fontcolor="red", style="dashed", constraint="false"\]$`,
          'm',
        ),
      )
    }
    expect(edges(statements, 'red')).toHaveLength(expected.length)
  })

  test('a constant is a grey box feeding its operation, and no gradient is drawn into it', () => {
    const chain = parse(teach.renderDot(chainRuleTrace()))
    const two = idOf(chain, '2')
    expect(nodes(chain).find((entry) => entry.from === two)?.attributes).toMatchObject({
      shape: 'box',
      fillcolor: 'lightgrey',
    })
    const u = idOf(chain, 'u = 8')
    expect(edges(chain, 'blue').filter((edge) => edge.from === two && edge.to === u)).toHaveLength(
      1,
    )
    expect(edges(chain, 'red').filter((edge) => edge.to === two)).toHaveLength(0)
    // f = (3x + 2)²: the gradient into x is 48, the notebook's df/dx.
    const x = idOf(chain, 'x = 2')
    expect(edges(chain, 'red').find((edge) => edge.to === x)?.attributes.label).toBe('df/dx = 48')
  })

  test('labels with quotes, backslashes and line breaks are escaped', () => {
    const awkward = teach.renderDot(awkwardTrace(), { title: 'say "hi" \\ twice' })
    const parsed = parse(awkward)
    expect(awkward).toContain(String.raw`[label="a \"quoted\" \\ x_1\n#2 = 3", `)
    expect(awkward).toContain(String.raw`label="say \"hi\" \\ twice"`)
    expect(nodes(parsed).map((entry) => entry.attributes.label)).toContain(`${awkwardLabel} = 3`)
    // Forward and backward edges of the awkward node keep the label whole too; L = 2v² at v = 3
    // sends back dL/dv = 4v = 12.
    expect(edges(parsed, 'blue').map((edge) => edge.attributes.label)).toContain(
      `${awkwardLabel} = 3`,
    )
    expect(edges(parsed, 'red').map((edge) => edge.attributes.label)).toContain(
      `dL/d(${awkwardLabel}) = 12`,
    )
  })

  test('matrices show their shape, and their values up to maxEntries', () => {
    const small = parse(teach.renderDot(matrixTrace()))
    expect(nodes(small).map((entry) => entry.attributes.label)).toContain(
      'W (2×3)\n[[ 1.  0. -1.]\n [ 2.  1.  0.]]',
    )
    const shapesOnly = parse(teach.renderDot(matrixTrace(), { maxEntries: 3 }))
    expect(nodes(shapesOnly).map((entry) => entry.attributes.label)).toContain('W (2×3)')
    expect(edges(shapesOnly, 'red').map((edge) => edge.attributes.label)).toContain(
      'd(loss)/dZ (1×3)\n[[10.  4. -2.]]',
    )
    expect(() => teach.renderDot(matrixTrace(), { maxEntries: -1 })).toThrow(RangeError)
  })

  test('contributions that add up are marked +=, and the output node can be renamed', () => {
    const shared = parse(teach.renderDot(sharedTrace(), { outputName: 'Loss', language: 'ru' }))
    const a = idOf(shared, 'a = 5')
    expect(
      edges(shared, 'red')
        .filter((edge) => edge.to === a)
        .map((edge) => edge.attributes.label),
    ).toEqual(['dL/da += 1', 'dL/da += 5', 'dL/da += 5'])
    expect(nodes(shared).map((entry) => entry.attributes.label)).toContain('Loss')
    const russian = parse(teach.renderDot(sharedTrace(), { language: 'ru' }))
    expect(nodes(russian).map((entry) => entry.attributes.label)).toContain('выход')
  })
})
