// fig_01 for any graph: a derivation trace as Graphviz DOT — renderDot's drawing (inputs,
// parameters, operations and the loss in distinct shapes; values forward in blue, gradients back
// in red dashed) with the notebook's title and legend, in the one font the renderer has.
// Laws: pure; the DOT holds every node and edge renderDot draws, and no other font.

import type { Trace } from '../graph/index.js'
import { FONT } from '../viz/internal.js'
import { figureWords } from './figure-words.js'
import type { Language } from './language.js'
import { renderDot } from './render/dot.js'

/**
 * Options of `graphFigure`.
 *
 * @category Figures
 */
export interface GraphFigureOptions {
  /** The title (default `Computational graph`, in Russian `Вычислительный граф`). */
  readonly title?: string
  /** The words (title, legend, loss node, renderDot's): English (default) or the notebook's Russian. */
  readonly language?: Language
  /** Print the legend of the two edge kinds under the title (default true). */
  readonly legend?: boolean
  /** The node the output flows into (default `Loss`, as fig_01 names it). */
  readonly outputName?: string
  /** Matrices with at most this many entries show their values (renderDot's default 12). */
  readonly maxEntries?: number
}

/**
 * The computational graph of a trace as DOT, drawn like the notebook's fig_01: inputs light blue
 * ellipses, parameters light blue rounded boxes, constants grey boxes, operations light green
 * ellipses, the output flowing into a light coral double circle named `Loss`; every forward edge
 * blue and solid with the value it carries, every backward edge red and dashed with the gradient it
 * sends back; the title and a legend on top; every label in DejaVu Sans.
 *
 * @category Figures
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph, linalg } from 'gradfold'
 * import { graphFigure } from 'gradfold/teach'
 * const xw = graph.named(graph.mul(graph.scalarInput('x'), graph.scalarParameter('w')), 'xw')
 * const z = graph.named(graph.add(xw, graph.scalarParameter('b')), 'z')
 * const plan = graph.compile(graph.named(graph.square(z), 'L'))
 * assert.ok(E.isRight(plan))
 * const one = (value: number) => linalg.fill(1, 1, value)
 * const traced = graph.traceGradients(plan.right, { inputs: { x: one(2) }, parameters: { w: one(3), b: one(1) } })
 * assert.ok(E.isRight(traced))
 * const dot = graphFigure(traced.right.trace, { language: 'ru' })
 * assert.ok(dot.includes('label="Вычислительный граф\\n'))
 * assert.ok(dot.includes('label="dL/dw = 28", color="red"'))
 * assert.ok(!dot.includes('Helvetica'))
 */
export const graphFigure = (trace: Trace, options: GraphFigureOptions = {}): string => {
  const words = figureWords(options.language)
  const title = options.title ?? words.graphTitle
  const dot = renderDot(trace, {
    ...(options.language === undefined ? {} : { language: options.language }),
    ...(options.maxEntries === undefined ? {} : { maxEntries: options.maxEntries }),
    title: options.legend === false ? title : `${title}\n${words.graphLegend}`,
    outputName: options.outputName ?? words.lossNode,
  })
  // renderDot names Helvetica for the graph, its nodes and its edges; the renderer has DejaVu only
  return dot.replaceAll('fontname="Helvetica"', `fontname="${FONT}"`)
}
