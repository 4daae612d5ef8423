// What every figure shares: the Vega-Lite spec type, the one font the renderer has, and the class
// colours and marks of the notebook's scatter plots (the words a plot prints: plot-words.ts).
// Laws: pure constants and total functions; every spec built here names the font 'DejaVu Sans'.
//
// A spec is pure data, so its type is written here structurally — the parts of Vega-Lite's
// grammar these builders use — and the core does not depend on vega-lite (not even its types).
// The CLI, which renders, hands a spec to vega-lite's `compile` (gradfold-cli's render-vega.ts);
// the viz tests compile every builder's spec with it, so a misspelt property fails there.

/**
 * A value inside a spec: JSON (a property set to `undefined` is left out, as JSON does).
 *
 * @category Specs
 */
export type SpecValue =
  string | number | boolean | null | undefined | readonly SpecValue[] | SpecObject

/**
 * An object inside a spec: a mark, an encoding, a scale, a title, a config block, …
 *
 * @category Specs
 */
export interface SpecObject {
  readonly [property: string]: SpecValue
}

/**
 * A view's data: rows given inline (`values`), or a named or fetched source.
 *
 * @category Specs
 */
export interface SpecData {
  readonly values?: readonly SpecValue[]
  readonly name?: string
  readonly url?: string
  readonly format?: SpecObject
}

/**
 * A spec's `config`: the font, the background, defaults for titles, views, axes, …
 *
 * @category Specs
 */
export interface SpecConfig extends SpecObject {
  readonly font?: string
  readonly background?: string
  readonly title?: SpecObject
  readonly view?: SpecObject
}

/**
 * What any view may carry besides its kind (Vega-Lite's property names).
 *
 * @category Specs
 */
export interface ViewProperties {
  readonly $schema?: string
  readonly name?: string
  readonly title?: string | SpecObject | undefined
  readonly description?: string
  readonly data?: SpecData
  readonly width?: number | 'container' | SpecObject
  readonly height?: number | 'container' | SpecObject
  readonly transform?: readonly SpecObject[]
  readonly params?: readonly SpecObject[]
  readonly encoding?: SpecObject
  readonly resolve?: SpecObject
  readonly spacing?: number | SpecObject
  readonly padding?: number | SpecObject
  readonly autosize?: string | SpecObject
  readonly background?: string
  readonly config?: SpecConfig
}

/**
 * A single view of one mark (a unit spec).
 *
 * @category Specs
 */
export interface UnitView extends ViewProperties {
  readonly mark: string | SpecObject
}

/**
 * Views drawn on top of each other, sharing scales unless `resolve` says otherwise.
 *
 * @category Specs
 */
export interface LayeredView extends ViewProperties {
  readonly layer: readonly LayerView[]
}

/**
 * One layer of a layered view: a unit view or another layered view.
 *
 * @category Specs
 */
export type LayerView = UnitView | LayeredView

/**
 * Views side by side.
 *
 * @category Specs
 */
export interface HorizontalConcat extends ViewProperties {
  readonly hconcat: readonly View[]
}

/**
 * Views one above the other.
 *
 * @category Specs
 */
export interface VerticalConcat extends ViewProperties {
  readonly vconcat: readonly View[]
}

/**
 * Views in a wrapped grid (`columns` per row).
 *
 * @category Specs
 */
export interface WrappedConcat extends ViewProperties {
  readonly concat: readonly View[]
  readonly columns?: number
}

/**
 * One view repeated per value of a field (`facet: { column: … }`), over the same data.
 *
 * @category Specs
 */
export interface FacetView extends ViewProperties {
  readonly facet: SpecObject
  readonly spec: LayerView
  readonly columns?: number
}

/**
 * Any view: a unit, a layered view, a concatenation or a facet.
 *
 * @category Specs
 */
export type View =
  UnitView | LayeredView | HorizontalConcat | VerticalConcat | WrappedConcat | FacetView

/**
 * A complete Vega-Lite specification: a view with, usually, the shared `config`. The CLI passes
 * it to vega-lite's `compile` as vega-lite's own `TopLevelSpec`.
 *
 * @category Specs
 */
export type VegaLiteSpec = View

/** The only font the renderer loads (resvg draws no text in a font it does not have). */
export const FONT = 'DejaVu Sans'

/** The `config` every spec carries: the font, and a white background like matplotlib's. */
export const baseConfig = { font: FONT, background: 'white' } as const

/** The notebook's class colours (class 0 red, class 1 blue), then more for further classes. */
export const CLASS_COLORS: readonly string[] = ['red', 'blue', 'green', 'orange', 'purple', 'brown']

/**
 * The class colours blended at opacity 0.4 over white (as the two-class boundary's bands are): the
 * regions a multi-class boundary paints in the colour of the class predicted there.
 */
export const CLASS_REGION_COLORS: readonly string[] = [
  '#ff9999',
  '#9999ff',
  '#99cc99',
  '#ffdb99',
  '#cc99cc',
  '#dbaaaa',
]

/** The notebook's class markers (class 0 circles, class 1 squares), then more. */
export const CLASS_SHAPES: readonly string[] = [
  'circle',
  'square',
  'triangle-up',
  'diamond',
  'cross',
  'triangle-down',
]

/**
 * A finite number rounded to `digits` significant digits, to keep specs small (plots need no
 * more than this); 0 stays 0.
 *
 * @example
 * import assert from 'node:assert'
 * import { compact } from './spec.js'
 * assert.strictEqual(compact(0.123456789), 0.123457)
 * assert.strictEqual(compact(-1234567.8, 3), -1230000)
 */
export const compact = (value: number, digits = 6): number =>
  value === 0 || !Number.isFinite(value) ? value : Number(value.toPrecision(digits))

/**
 * A unit view as a whole figure: the view with the shared config (the font) on top.
 *
 * @example
 * import assert from 'node:assert'
 * import { standalone } from './spec.js'
 * const spec = standalone({ data: { values: [{ a: 1 }] }, mark: 'point', width: 100, height: 100 })
 * assert.strictEqual(spec.config?.font, 'DejaVu Sans')
 */
export const standalone = (view: UnitView): VegaLiteSpec => ({
  ...view,
  data: view.data ?? { values: [] },
  config: baseConfig,
})
