// Vega-Lite to SVG in Node, with no browser and no network: vega-lite compiles the spec, a
// headless Vega view (renderer 'none') draws it as SVG text. Laws: a bad spec is a one-line Left,
// never a throw; nothing is fetched (a spec that asks for a URL is a Left naming it).

import * as E from 'fp-ts/lib/Either.js'
import type { viz } from 'gradfold'
import { parse, View, type Loader, type LoggerInterface } from 'vega'
import { compile, type TopLevelSpec } from 'vega-lite'

/** A Vega-Lite spec as the library builds it: pure data, typed structurally (`viz.VegaLiteSpec`). */
export type VegaLiteSpec = viz.VegaLiteSpec

/**
 * A spec as vega-lite's own type, for its `compile`. The library types a spec structurally (the
 * core does not depend on vega-lite), so this is where it is narrowed: `compile` checks the spec
 * at run time and its errors come back as a Left; the viz tests compile every builder's spec.
 */
export const asTopLevelSpec = (spec: VegaLiteSpec): TopLevelSpec => spec as unknown as TopLevelSpec

/** Options: `onWarning` hears vega-lite's and Vega's warnings (ignored by default). */
export interface VegaRenderOptions {
  readonly onWarning?: (message: string) => void
}

const offlineMarker = 'figures render offline'

const refuse = (uri: unknown): Promise<never> =>
  Promise.reject(
    new Error(
      `${offlineMarker}: the spec asks to load '${String(uri)}' — put the data inline as values`,
    ),
  )

/** A Vega loader that loads nothing: data and images must be inline in the spec. */
const offlineLoader: Loader = { load: refuse, sanitize: refuse, http: refuse, file: refuse }

/** The first line of an error's message (all of it when it has one line). */
const oneLine = (error: unknown): string => {
  const message = error instanceof Error ? error.message : String(error)
  const end = message.indexOf('\n')
  return end < 0 ? message : message.slice(0, end)
}

const text = (parts: readonly unknown[]): string => parts.map((part) => oneLine(part)).join(' ')

/** A Vega/vega-lite logger that hands warnings and errors to callbacks instead of the console. */
const collectingLogger = (
  onWarning: (message: string) => void,
  onError: (message: string) => void,
): LoggerInterface => {
  let current = 2
  const logger: LoggerInterface = {
    level(level?: number) {
      if (level === undefined) return current
      current = level
      return logger
    },
    error(...parts: unknown[]) {
      onError(text(parts))
      return this
    },
    warn(...parts: unknown[]) {
      onWarning(text(parts))
      return this
    },
    info() {
      return this
    },
    debug() {
      return this
    },
  }
  return logger
}

/**
 * Renders a Vega-Lite spec to an SVG document (a string starting `<svg`), in Node with no
 * browser. The spec's data must be inline (`data: { values }`): the loader fetches nothing, and
 * a spec that names a URL resolves to a Left naming it. A spec that does not compile or run
 * resolves to a one-line Left; the promise never rejects.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { renderVegaLiteSvg } from './render-vega.js'
 * const svg = await renderVegaLiteSvg({
 *   width: 120, height: 80, config: { font: 'DejaVu Sans' },
 *   data: { values: [{ epoch: 0, loss: 0.7 }, { epoch: 1, loss: 0.4 }] },
 *   mark: 'line',
 *   encoding: { x: { field: 'epoch', type: 'quantitative' }, y: { field: 'loss', type: 'quantitative' } },
 * })
 * assert.ok(E.isRight(svg) && svg.right.startsWith('<svg') && svg.right.includes('role-mark'))
 * const bad = await renderVegaLiteSvg({ data: { url: 'https://example.com/x.csv' }, mark: 'point' })
 * assert.ok(E.isLeft(bad) && bad.left.includes('https://example.com/x.csv'))
 */
export const renderVegaLiteSvg = async (
  spec: VegaLiteSpec,
  options: VegaRenderOptions = {},
): Promise<E.Either<string, string>> => {
  const errors: string[] = []
  const refused: string[] = []
  const logger = collectingLogger(
    (message) => {
      if (message.includes(offlineMarker)) refused.push(message)
      else options.onWarning?.(message)
    },
    (message) => errors.push(message),
  )
  try {
    const compiled = compile(asTopLevelSpec(spec), { logger })
    const view = new View(parse(compiled.spec), {
      renderer: 'none',
      loader: offlineLoader,
      logger,
    })
    const svg = await view.toSVG()
    view.finalize()
    const refusal = refused[0]
    if (refusal !== undefined) {
      return E.left(`renderVegaLiteSvg: ${refusal.slice(refusal.indexOf(offlineMarker))}`)
    }
    const error = errors[0]
    return error === undefined ? E.right(svg) : E.left(`renderVegaLiteSvg: ${error}`)
  } catch (error: unknown) {
    return E.left(`renderVegaLiteSvg: the spec does not render: ${oneLine(error)}`)
  }
}
