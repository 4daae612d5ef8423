// Transformations from their flat form (`transformation`: init, update, inPlace from one loop), and
// flattened chains of them (`composed`, a learning rate fused into the absorber before it). Laws:
// `update` runs the loop on copies, never writing its arguments; `inPlace` = update + applyUpdates.

import * as E from 'fp-ts/lib/Either.js'
import { formatPath, leaves, mapTree, type Path, type Tree } from '../../graph/index.js'
import { leafAt } from '../../graph/internal.js'
import type { Matrix, ReadonlyFloat64Array } from '../../linalg/index.js'
import { adopt, bufferOf } from '../../linalg/internal.js'
import {
  itemAt,
  type FlatTransform,
  type Fusion,
  type InPlaceUpdate,
  type LanewiseKernels,
  type Layout,
  type Optimizer,
  type Part,
  type Parts,
} from '../optimizer.js'
import { zerosLike } from '../tree-math.js'

/**
 * The state of a stateless transformation.
 *
 * @category Transformations
 */
export type EmptyState = Readonly<Record<string, never>>

/** The one empty state. */
export const empty: EmptyState = Object.freeze({})

/**
 * Entry `at` of a buffer (a counter, a factor); outside the buffer is a bug in the caller, so it
 * throws.
 *
 * @example
 * import assert from 'node:assert'
 * import { valueAt } from './flat.js'
 * assert.strictEqual(valueAt(Float64Array.of(0, 7), 1), 7)
 * assert.throws(() => valueAt(Float64Array.of(0), 1), /no entry 1/)
 */
export const valueAt = (buffer: ReadonlyFloat64Array, at: number): number => {
  const value = buffer[at]
  if (value === undefined) throw new Error(`in-place update: no entry ${at} in a buffer`)
  return value
}

/** `flat.pack` of zero counters and slots of zeros shaped like the parameters. */
const initOf =
  <State>(flat: FlatTransform<State>) =>
  (parameters: Tree): State =>
    flat.pack(
      Array.from({ length: flat.counters }, () => 0),
      Array.from({ length: flat.slots }, () => zerosLike(parameters)),
    )

/** The leaves of the updates: the paths and shapes every other tree is read at. */
type Reference = readonly (readonly [Path, Matrix])[]

/**
 * The leaves of `tree` at the paths of `reference`'s leaves, in `reference`'s order; RangeError
 * naming the leaf `tree` lacks, shapes differently, or has beyond them.
 */
const alignedLeaves = (where: string, reference: Reference, tree: Tree): Matrix[] => {
  const aligned = reference.map(([path, shape]) => {
    const leaf = leafAt(tree, path)
    if (E.isLeft(leaf)) throw new RangeError(`${where}: ${leaf.left}`)
    if (leaf.right.rows !== shape.rows || leaf.right.cols !== shape.cols) {
      throw new RangeError(
        `${where}: ${formatPath(path)} is ${shape.rows}×${shape.cols} in the updates but ` +
          `${leaf.right.rows}×${leaf.right.cols} in another tree`,
      )
    }
    return leaf.right
  })
  const all = leaves(tree)
  if (all.length !== reference.length) {
    const known = new Set(reference.map(([path]) => formatPath(path)))
    const extra = all.find(([path]) => !known.has(formatPath(path)))
    throw new RangeError(
      `${where}: ${extra === undefined ? 'a leaf' : formatPath(extra[0])} is missing from the updates`,
    )
  }
  return aligned
}

/** `reference` with its leaves' values replaced by `buffers`, in leaf order: fresh and frozen. */
const rebuilt = (reference: Tree, buffers: readonly Float64Array[]): Tree => {
  let leaf = 0
  return mapTree(reference, (shape) => {
    const values = itemAt(buffers, leaf, 'leaf')
    leaf++
    return adopt(shape.rows, shape.cols, values)
  })
}

/**
 * One step of `flat` with factor `factor`, run on copies of the trees: its updates (shaped like
 * the incoming ones) and its next state. The arguments are never written.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph, linalg } from 'gradfold'
 * import { runOnTrees } from './flat.js'
 * import { scaleByRms } from './scale-by-rms.js'
 * const entries = (tree: graph.Tree) => graph.leaves(tree).flatMap(([, leaf]) => linalg.toFlat(leaf))
 * const rms = scaleByRms({ decay: 0.75, epsilon: 0 })
 * assert.ok(E.isRight(rms) && rms.right.parts !== undefined)
 * const flat = rms.right.parts.list[0]?.flat
 * assert.ok(flat !== undefined)
 * const parameters = { w: linalg.zeros(1, 1) }
 * // s = 0.25·2² = 1; the factor −0.1 multiplies the numerator: (−0.1·2)/(√1 + 0)
 * const { updates } = runOnTrees(flat, -0.1, { w: linalg.fill(1, 1, 2) }, rms.right.init(parameters), parameters)
 * assert.deepStrictEqual(entries(updates), [-0.2])
 */
export const runOnTrees = <State>(
  flat: FlatTransform<State>,
  factor: number,
  updates: Tree,
  state: State,
  parameters: Tree,
): { readonly updates: Tree; readonly state: State } => {
  const reference = leaves(updates)
  const updateBuffers = reference.map(([, leaf]) => bufferOf(leaf).slice())
  const parameterBuffers = alignedLeaves(flat.name, reference, parameters).map(bufferOf)
  const unpacked = flat.unpack(state)
  const counters = Float64Array.from(unpacked.counters)
  const slots = unpacked.slots.map((tree) =>
    alignedLeaves(flat.name, reference, tree).map((leaf) => bufferOf(leaf).slice()),
  )
  flat.run(Float64Array.of(factor), updateBuffers, parameterBuffers, slots, 0, counters, 0)
  return Object.freeze({
    updates: rebuilt(updates, updateBuffers),
    state: flat.pack(
      Array.from(counters),
      slots.map((buffers) => rebuilt(updates, buffers)),
    ),
  })
}

/** The fusion of a scaling. */
type Scaling = Extract<Fusion, { readonly kind: 'scales' }>

/**
 * How a part runs in its chain: alone; absorbing the factor of the scaling at `scale`; passing
 * that factor through; or as a scaling whose factor an absorber has applied.
 */
type Role = 'alone' | 'absorbs' | 'commutes' | 'absorbed'

/** A part of a chain as the chain runs it: its role, and for a fused one the scaling's index. */
interface Placed {
  readonly part: Part
  readonly role: Role
  /** For an absorber and the parts it passes the factor through: the scaling's index. */
  readonly scale: number
}

/** The fusion of the part at `index`, which must be a scaling. */
const scalingAt = (list: readonly Part[], index: number): Scaling => {
  const fusion = itemAt(list, index, 'part').flat?.fusion
  if (fusion?.kind !== 'scales') throw new Error(`chain: part ${index} is not a scaling`)
  return fusion
}

/**
 * Each part's role: a scaling is fused into the nearest absorber before it when only commuting
 * parts lie between them and none of them is fused already; every other part runs alone.
 */
const placed = (list: readonly Part[]): readonly Placed[] => {
  const roles: Role[] = list.map(() => 'alone')
  const scales: number[] = list.map(() => -1)
  const kindAt = (index: number): Fusion['kind'] | undefined =>
    itemAt(list, index, 'part').flat?.fusion.kind
  list.forEach((_, index) => {
    if (kindAt(index) !== 'scales') return
    let from = index - 1
    while (from >= 0 && roles[from] === 'alone' && kindAt(from) === 'commutes') from--
    if (from < 0 || roles[from] !== 'alone' || kindAt(from) !== 'absorbs') return
    roles[from] = 'absorbs'
    for (let between = from; between < index; between++) {
      if (between > from) roles[between] = 'commutes'
      scales[between] = index
    }
    roles[index] = 'absorbed'
  })
  return list.map((part, index) => ({
    part,
    role: itemAt(roles, index, 'role'),
    scale: itemAt(scales, index, 'scale'),
  }))
}

/** Where each flat form's counters (or slots) start in a chain's: the running sums of `sizes`. */
const starts = (sizes: readonly number[]): number[] => {
  let total = 0
  return sizes.map((size) => {
    const start = total
    total += size
    return start
  })
}

/** Each part's state, by index, out of a state nested as `layout` says. */
const spread = (layout: Layout, state: unknown, into: unknown[]): void => {
  if (typeof layout === 'number') {
    into[layout] = state
    return
  }
  if (!Array.isArray(state) || state.length !== layout.length) {
    throw new Error(`chain: expected a state of ${layout.length} parts, one per transformation`)
  }
  layout.forEach((inner, index) => {
    spread(inner, (state as readonly unknown[])[index], into)
  })
}

const statesOf = (parts: Parts, state: unknown): unknown[] => {
  const into: unknown[] = parts.list.map(() => undefined)
  spread(parts.layout, state, into)
  return into
}

/** The parts' states nested as `layout` says, every tuple frozen. */
const assemble = (layout: Layout, states: readonly unknown[]): unknown =>
  typeof layout === 'number'
    ? states[layout]
    : Object.freeze(layout.map((inner) => assemble(inner, states)))

/** The flat form of a part that has one (its role says so). */
const flatOf = (part: Part): FlatTransform<unknown> => {
  if (part.flat === undefined) throw new Error('chain: a fused part has no flat form')
  return part.flat
}

/** A scaling's factor at the counters `state` holds. */
const factorIn = (part: Part, scaling: Scaling, state: unknown): number => {
  const into = new Float64Array(1)
  scaling.factor(Float64Array.from(flatOf(part).unpack(state).counters), 0, into)
  return valueAt(into, 0)
}

/** A scaling's state one step on, its factor applied by an absorber. */
const advanced = (part: Part, scaling: Scaling, state: unknown): unknown => {
  const flat = flatOf(part)
  const unpacked = flat.unpack(state)
  const counters = Float64Array.from(unpacked.counters)
  scaling.advance(counters, 0)
  return flat.pack(Array.from(counters), unpacked.slots)
}

/**
 * The in-place step of `parts` when every part has a flat form: the fused parts run on the
 * gradient buffers in order (the updates end there), then the parameters take the updates.
 */
const inPlaceOf = <State>(parts: Parts): InPlaceUpdate<State> | undefined => {
  const flats: FlatTransform<unknown>[] = []
  for (const part of parts.list) {
    if (part.flat === undefined) return undefined
    flats.push(part.flat)
  }
  const steps = placed(parts.list)
  const counterStarts = starts(flats.map((flat) => flat.counters))
  const slotStarts = starts(flats.map((flat) => flat.slots))
  const flatAt = (index: number): FlatTransform<unknown> => itemAt(flats, index, 'part')
  /** The factor the parts run with, written in place: the same buffer every step. */
  const factor = new Float64Array(1)
  return Object.freeze({
    counters: flats.reduce((total, flat) => total + flat.counters, 0),
    slots: flats.reduce((total, flat) => total + flat.slots, 0),
    unpack: (state: State) => {
      const states = statesOf(parts, state)
      const unpacked = flats.map((flat, index) => flat.unpack(states[index]))
      return Object.freeze({
        counters: unpacked.flatMap((each) => each.counters),
        slots: unpacked.flatMap((each) => each.slots),
      })
    },
    pack: (counters: readonly number[], slots: readonly Tree[]): State => {
      const states = flats.map((flat, index) => {
        const counterAt = itemAt(counterStarts, index, 'part')
        const slotAt = itemAt(slotStarts, index, 'part')
        return flat.pack(
          counters.slice(counterAt, counterAt + flat.counters),
          slots.slice(slotAt, slotAt + flat.slots),
        )
      })
      return assemble(parts.layout, states) as State
    },
    apply: (
      counters: Float64Array,
      parameters: readonly Float64Array[],
      gradients: readonly Float64Array[],
      slots: readonly (readonly Float64Array[])[],
      lanewise?: LanewiseKernels,
    ) => {
      if (gradients.length !== parameters.length) {
        throw new Error(
          `in-place update: ${gradients.length} gradient leaves for ${parameters.length} parameters`,
        )
      }
      for (let index = 0; index < steps.length; index++) {
        const step = itemAt(steps, index, 'part')
        const flat = flatAt(index)
        const counterAt = itemAt(counterStarts, index, 'part')
        const slotAt = itemAt(slotStarts, index, 'part')
        switch (step.role) {
          case 'alone':
            factor[0] = 1
            flat.run(factor, gradients, parameters, slots, slotAt, counters, counterAt, lanewise)
            break
          case 'absorbs':
            scalingAt(parts.list, step.scale).factor(
              counters,
              itemAt(counterStarts, step.scale, 'part'),
              factor,
            )
            flat.run(factor, gradients, parameters, slots, slotAt, counters, counterAt, lanewise)
            break
          case 'commutes':
            // the absorber before it left its factor in `factor`
            flat.run(factor, gradients, parameters, slots, slotAt, counters, counterAt, lanewise)
            break
          case 'absorbed':
            scalingAt(parts.list, index).advance(counters, counterAt)
            break
        }
      }
      // applyUpdates: θ + u, leaf by leaf
      for (let leaf = 0; leaf < parameters.length; leaf++) {
        const parameter = itemAt(parameters, leaf, 'parameter leaf')
        const update = itemAt(gradients, leaf, 'gradient leaf')
        if (lanewise !== undefined) lanewise.add(parameter, update, parameter)
        else for (let i = 0; i < parameter.length; i++) parameter[i] = parameter[i]! + update[i]!
      }
    },
  })
}

/**
 * The transformation of a list of parts: `init` nests their states as `parts.layout` says,
 * `update` runs them in order — each alone, or fused with the scaling after it — and `inPlace`
 * does the same on flat buffers when every part has a flat form.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph, linalg } from 'gradfold'
 * import { composed, joined } from './flat.js'
 * import { scaleByLearningRate } from './scale-by-learning-rate.js'
 * import { scaleByRss } from './scale-by-rss.js'
 * const entries = (tree: graph.Tree) => graph.leaves(tree).flatMap(([, leaf]) => linalg.toFlat(leaf))
 * const rss = scaleByRss({ epsilon: 0 })
 * const rate = scaleByLearningRate(0.5)
 * assert.ok(E.isRight(rss) && E.isRight(rate))
 * const adagrad = composed(joined(rss.right, rate.right))
 * const parameters = { w: linalg.zeros(1, 1) }
 * // the rate fused into the numerator: (−0.5·3)/√9
 * const { updates } = adagrad.update({ w: linalg.fill(1, 1, 3) }, adagrad.init(parameters), parameters)
 * assert.deepStrictEqual(entries(updates), [-0.5])
 */
export const composed = <State>(parts: Parts): Optimizer<State> => {
  const steps = placed(parts.list)
  const inPlace = inPlaceOf<State>(parts)
  return Object.freeze({
    init: (parameters: Tree) =>
      assemble(
        parts.layout,
        parts.list.map((part) => part.init(parameters)),
      ) as State,
    update: (gradients: Tree, state: State, parameters: Tree) => {
      const states = statesOf(parts, state)
      const next: unknown[] = []
      let updates = gradients
      let factor = 1
      steps.forEach((step, index) => {
        const current = states[index]
        if (step.role === 'alone') {
          const result = step.part.update(updates, current, parameters)
          updates = result.updates
          next.push(result.state)
          return
        }
        if (step.role === 'absorbed') {
          next.push(advanced(step.part, scalingAt(parts.list, index), current))
          return
        }
        if (step.role === 'absorbs') {
          const scale = itemAt(parts.list, step.scale, 'part')
          factor = factorIn(scale, scalingAt(parts.list, step.scale), states[step.scale])
        }
        const result = runOnTrees(flatOf(step.part), factor, updates, current, parameters)
        updates = result.updates
        next.push(result.state)
      })
      return Object.freeze({ updates, state: assemble(parts.layout, next) as State })
    },
    ...(inPlace === undefined ? {} : { inPlace }),
    parts,
  })
}

/** A transformation's parts: its own, or itself as one part run through `update`. */
const partsOf = (optimizer: Optimizer<unknown>): Parts =>
  optimizer.parts ?? { list: [{ init: optimizer.init, update: optimizer.update }], layout: 0 }

/** `layout` with every part index moved on by `offset`. */
const shifted = (layout: Layout, offset: number): Layout =>
  typeof layout === 'number' ? layout + offset : layout.map((inner) => shifted(inner, offset))

/**
 * The parts of a chain of these transformations: theirs, in order, one after another (a chain
 * inside a chain is flattened into it), its state the tuple of theirs.
 *
 * @example
 * import assert from 'node:assert'
 * import { chain, passThrough } from '../combinators.js'
 * import { joined } from './flat.js'
 * const parts = joined(passThrough(), chain(passThrough(), passThrough()))
 * assert.strictEqual(parts.list.length, 3)
 * assert.deepStrictEqual(parts.layout, [0, [1, 2]])
 */
export const joined = <States extends readonly unknown[]>(
  ...members: { readonly [K in keyof States]: Optimizer<States[K]> }
): Parts => {
  const list: Part[] = []
  // each member's state is its own business: a part carries its pure pair and its flat form
  const layout = (members as unknown as readonly Optimizer<unknown>[]).map((member) => {
    const parts = partsOf(member)
    const offset = list.length
    list.push(...parts.list)
    return shifted(parts.layout, offset)
  })
  return { list, layout }
}

/**
 * The transformation a flat form describes: `init` packs zero counters and slots of zeros,
 * `update` runs `flat` alone on copies (unless a pure `update` is given, which must agree with it
 * bit for bit), and `inPlace` runs it on the compiled plan's buffers.
 *
 * @category Transformations
 * @example
 * import assert from 'node:assert'
 * import { graph, linalg } from 'gradfold'
 * import { empty, transformation } from './flat.js'
 * const entries = (tree: graph.Tree) => graph.leaves(tree).flatMap(([, leaf]) => linalg.toFlat(leaf))
 * // a stateless transformation that doubles the updates
 * const double = transformation({
 *   name: 'double', counters: 0, slots: 0, fusion: { kind: 'none' },
 *   unpack: () => ({ counters: [], slots: [] }), pack: () => empty,
 *   run: (_factor, updates) => {
 *     for (const values of updates) values.forEach((value, i) => { values[i] = 2 * value })
 *   },
 * })
 * const parameters = { w: linalg.ones(1, 2) }
 * const { updates } = double.update({ w: linalg.fill(1, 2, 3) }, double.init(parameters), parameters)
 * assert.deepStrictEqual(entries(updates), [6, 6])
 * assert.ok(double.inPlace !== undefined)
 */
export const transformation = <State>(
  flat: FlatTransform<State>,
  update?: Optimizer<State>['update'],
): Optimizer<State> => {
  const init = initOf(flat)
  const pure =
    update ??
    ((gradients: Tree, state: State, parameters: Tree) =>
      runOnTrees(flat, 1, gradients, state, parameters))
  // The part forgets the state's type: a chain passes each part only the state it made.
  const part = {
    init,
    update: pure,
    flat,
  } as unknown as Part
  const parts: Parts = { list: [part], layout: 0 }
  const inPlace = inPlaceOf<State>(parts)
  return Object.freeze({
    init,
    update: pure,
    ...(inPlace === undefined ? {} : { inPlace }),
    parts,
  })
}
