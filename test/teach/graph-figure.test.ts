// graphFigure: fig_01 of the notebook (L = (x·w + b)² at x = 2, w = 3, b = 1) as DOT — every node
// and edge with its label, forward edges blue and solid, backward edges red and dashed, the node
// kinds in distinct shapes, the title and legend, DejaVu Sans only — and Graphviz lays it out.

import { Graphviz } from '@hpcc-js/wasm-graphviz'
import { describe, expect, test } from 'vitest'
import { graph, linalg } from '../../src/index.js'
import { graphFigure } from '../../src/teach/index.js'
import { right } from '../support/either.js'

const one = (value: number): linalg.Matrix => linalg.fill(1, 1, value)

/** The notebook's graph L = (x·w + b)², traced at x = 2, w = 3, b = 1. */
const notebookTrace = (): graph.Trace => {
  const xw = graph.named(graph.mul(graph.scalarInput('x'), graph.scalarParameter('w')), 'xw')
  const z = graph.named(graph.add(xw, graph.scalarParameter('b')), 'z')
  const plan = right(graph.compile(graph.named(graph.square(z), 'L')))
  return right(
    graph.traceGradients(plan, { inputs: { x: one(2) }, parameters: { w: one(3), b: one(1) } }),
  ).trace
}

/** The statements of a DOT digraph: nodes by id and edges, with their attributes. */
const statements = (dot: string) => {
  const attributes = (text: string): Record<string, string> =>
    Object.fromEntries(
      [...text.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m): [string, string] => [
        m[1] ?? '',
        m[2] ?? '',
      ]),
    )
  const nodes = new Map<string, Record<string, string>>()
  const edges: { from: string; to: string; attributes: Record<string, string> }[] = []
  for (const line of dot.split('\n')) {
    const edge = /^\s*"([^"]+)" -> "([^"]+)" \[(.*)\]$/.exec(line)
    const node = /^\s*"([^"]+)" \[(.*)\]$/.exec(line)
    if (edge !== null) {
      edges.push({ from: edge[1] ?? '', to: edge[2] ?? '', attributes: attributes(edge[3] ?? '') })
    } else if (node !== null) {
      nodes.set(node[1] ?? '', attributes(node[2] ?? ''))
    }
  }
  return { nodes, edges }
}

describe('graphFigure of the notebook’s graph (fig_01)', () => {
  const dot = graphFigure(notebookTrace())
  const { nodes, edges } = statements(dot)
  const labelled = (label: string) => [...nodes.values()].find((node) => node.label === label)

  test('draws every node with its value, the node kinds apart', () => {
    expect(labelled('x = 2')).toMatchObject({ shape: 'ellipse', fillcolor: 'lightblue' })
    expect(labelled('w = 3')).toMatchObject({ shape: 'box', fillcolor: 'lightblue' })
    expect(labelled('b = 1')).toMatchObject({ shape: 'box', fillcolor: 'lightblue' })
    expect(labelled('xw = 6\\nx ⊙ w')).toMatchObject({ shape: 'ellipse', fillcolor: 'lightgreen' })
    expect(labelled('z = 7\\nxw + b')).toMatchObject({ fillcolor: 'lightgreen' })
    expect(labelled('L = 49\\nz²')).toMatchObject({ fillcolor: 'lightgreen' })
    expect(labelled('Loss')).toMatchObject({ shape: 'doublecircle', fillcolor: 'lightcoral' })
    expect(nodes.size).toBe(7)
  })

  test('draws every forward edge blue and solid with the value it carries', () => {
    const forward = edges.filter((edge) => edge.attributes.color === 'blue')
    expect(forward.map((edge) => edge.attributes.label).sort()).toStrictEqual(
      ['L = 49', 'b = 1', 'w = 3', 'x = 2', 'xw = 6', 'z = 7'].sort(),
    )
    for (const edge of forward) expect(edge.attributes.style).toBe('solid')
  })

  test('draws every backward edge red and dashed with the gradient it sends (the notebook’s numbers)', () => {
    const backward = edges.filter((edge) => edge.attributes.color === 'red')
    expect(backward.map((edge) => edge.attributes.label).sort()).toStrictEqual(
      ['dL/dL = 1', 'dL/dz = 14', 'dL/d(xw) = 14', 'dL/db = 14', 'dL/dx = 42', 'dL/dw = 28'].sort(),
    )
    for (const edge of backward) expect(edge.attributes.style).toBe('dashed')
    expect(edges.length).toBe(12)
  })

  test('has the title and the legend, and names no font but DejaVu Sans', () => {
    expect(dot).toContain(
      'label="Computational graph\\n→ forward propagation (blue)   ⇢ backpropagation (red, dashed)"',
    )
    const fonts = [...dot.matchAll(/fontname="([^"]*)"/g)].map((match) => match[1])
    expect(fonts.length).toBeGreaterThan(0)
    expect(new Set(fonts)).toStrictEqual(new Set(['DejaVu Sans']))
  })

  test('speaks Russian, takes a title and can leave the legend out', () => {
    const russian = graphFigure(notebookTrace(), { language: 'ru' })
    expect(russian).toContain('label="Вычислительный граф\\n→ Прямое распространение (forward)')
    const plain = graphFigure(notebookTrace(), { title: 'L = (xw + b)²', legend: false })
    expect(plain).toContain('label="L = (xw + b)²", labelloc="t"')
  })

  test('is laid out by Graphviz with every label in the picture', async () => {
    const svg = (await Graphviz.load()).dot(dot)
    const text = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) =>
      (match[1] ?? '').replaceAll('&#45;', '-').replaceAll('&#160;', ' '),
    )
    for (const label of ['x = 2', 'Loss', 'dL/dw = 28', 'dL/dx = 42', 'L = 49', 'z²']) {
      expect(text).toContain(label)
    }
    expect(svg).toContain('font-family="DejaVu Sans')
  })
})

describe('graphFigure of a matrix graph', () => {
  test('shows small matrices’ values and every gradient into a parameter', () => {
    const X = graph.input('X', 1, 2)
    const W = graph.parameter('W', 2, 3)
    const plan = right(graph.compile(graph.named(graph.sum(graph.matmul(X, W)), 'S')))
    const traced = right(
      graph.traceGradients(plan, {
        inputs: { X: right(linalg.fromRows([[0.5, 0.3]])) },
        parameters: { W: linalg.fill(2, 3, 1) },
      }),
    )
    const { edges } = statements(graphFigure(traced.trace))
    const labels = edges.map((edge) => edge.attributes.label ?? '')
    expect(labels.some((label) => label.startsWith('dS/dW (2×3)'))).toBe(true)
    expect(labels.some((label) => label.startsWith('X (1×2)\\n[[0.5 0.3]]'))).toBe(true)
  })
})
