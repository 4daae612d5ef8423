// The WebAssembly SIMD kernel module: matrix products (packed panels, an f64x2 register tile),
// element-wise kernels, column sums and transpose, on f64 row-major buffers at byte addresses of
// an imported memory. Law: every kernel gives bit for bit what its portable twin gives — each
// lane of an f64x2 is one output entry, summed in the portable order (see matmul.ts).

import { emitModule, frame, type FunctionDefinition, localNamed } from './emitter.js'
import {
  call,
  callValue,
  doWhile,
  type Expression,
  f64,
  f64x2,
  forRange,
  get,
  i32,
  ifThen,
  type Local,
  minimum,
  returnNow,
  returnValue,
  select,
  set,
  type Statement,
  statements,
  v128,
} from './instructions.js'

/**
 * The k-block of the shared summation order: each output entry is summed over this many
 * consecutive k from 0, then assigned (first block) or added (later blocks). It must equal
 * DEPTH_BLOCK in matmul.ts, or the two backends would round differently.
 */
export const DEPTH_BLOCK = 256

/** Bytes of one double. */
const DOUBLE = 8
/** Bytes of one v128: two doubles. */
const VECTOR = 16

/** The register tile of the product's micro-kernel and the cache blocks around it. */
export interface ProductShape {
  /** Rows of the output tile: left entries splatted per k. */
  readonly tileRows: number
  /** f64x2 vectors per tile row: the tile is 2·tileVectors columns wide. */
  readonly tileVectors: number
  /** k steps per pass of the micro-kernel's loop: a power of two. */
  readonly depthUnroll: number
  /** Rows of the left operand packed at a time. */
  readonly rowBlock: number
  /** Columns of the right operand packed at a time. */
  readonly columnBlock: number
}

/**
 * The shape the kernels use: a 5×4 tile. On V8 (Node 20, x86-64: 16 XMM registers, one kept as
 * scratch) its 10 accumulators, 2 right vectors, the splatted left entry and one product fit in
 * registers. Measured there: 5×4, 3×6 and 2×8 tiles reached about 21 GFLOP/s and 4×4 about 18;
 * 6×4, 4×6 and 2×10 spill (16 or more live vectors) and ran at 10–12; unrolling the k loop by 2
 * or 4 made every tile slower. The bitwise law holds for every shape (see the tests).
 */
export const PRODUCT_SHAPE: ProductShape = {
  tileRows: 5,
  tileVectors: 2,
  depthUnroll: 1,
  rowBlock: 60,
  columnBlock: 256,
}

/**
 * Where the kernels' scratch lies in memory: [base, base + scratchBytes) is theirs, and nothing
 * else may lie there. The packed left panel comes first, then the packed right panel, then the
 * edge tile. One instance per thread shares a memory with others by taking its own base.
 */
export interface ScratchLayout {
  /** The scratch's first byte (a multiple of 64). */
  readonly base: number
  readonly leftPanel: number
  readonly rightPanel: number
  readonly edgeTile: number
  /** The scratch's size in bytes (a multiple of 64). */
  readonly scratchBytes: number
}

/** Rounds `value` up to a multiple of `unit`. */
const roundUp = (value: number, unit: number): number => Math.ceil(value / unit) * unit

/**
 * The scratch layout for a product shape, starting at byte `base` (default 0; a multiple of 64).
 *
 * @example
 * import assert from 'node:assert'
 * import { PRODUCT_SHAPE, scratchLayout } from './kernels-module.js'
 * const layout = scratchLayout(PRODUCT_SHAPE)
 * assert.strictEqual(layout.leftPanel, 0)
 * assert.ok(layout.scratchBytes % 64 === 0 && layout.scratchBytes > layout.edgeTile)
 * const second = scratchLayout(PRODUCT_SHAPE, layout.scratchBytes)
 * assert.strictEqual(second.leftPanel, layout.scratchBytes)
 * assert.strictEqual(second.edgeTile - second.base, layout.edgeTile)
 */
export const scratchLayout = (shape: ProductShape, base = 0): ScratchLayout => {
  if (!Number.isSafeInteger(base) || base < 0 || base % 64 !== 0) {
    throw new RangeError(`scratchLayout: base ${base} is not a non-negative multiple of 64`)
  }
  const tileColumns = 2 * shape.tileVectors
  const leftPanel = base
  const rightPanel = leftPanel + roundUp(shape.rowBlock, shape.tileRows) * DEPTH_BLOCK * DOUBLE
  const edgeTile = rightPanel + roundUp(shape.columnBlock, tileColumns) * DEPTH_BLOCK * DOUBLE
  const scratchBytes = roundUp(edgeTile + shape.tileRows * tileColumns * DOUBLE, 64) - base
  return { base, leftPanel, rightPanel, edgeTile, scratchBytes }
}

/** The module's exported kernels and their parameters (addresses are byte offsets). */
export interface KernelExports {
  /**
   * out[rows × columns] = left · right summed over `depth`: entry (row, p) of the left operand is
   * at left + row·leftRowStride + p·leftDepthStride, entry (p, column) of the right operand at
   * right + p·rightDepthStride + column·rightColumnStride (strides in bytes).
   */
  readonly product: (
    left: number,
    leftRowStride: number,
    leftDepthStride: number,
    right: number,
    rightDepthStride: number,
    rightColumnStride: number,
    out: number,
    rows: number,
    depth: number,
    columns: number,
  ) => void
  readonly add: (a: number, b: number, out: number, count: number) => void
  readonly sub: (a: number, b: number, out: number, count: number) => void
  readonly mul: (a: number, b: number, out: number, count: number) => void
  readonly div: (a: number, b: number, out: number, count: number) => void
  readonly scale: (a: number, factor: number, out: number, count: number) => void
  readonly addRowVector: (
    a: number,
    row: number,
    out: number,
    rows: number,
    columns: number,
  ) => void
  readonly relu: (a: number, out: number, count: number) => void
  readonly reluBackward: (upstream: number, x: number, out: number, count: number) => void
  readonly addScaled: (y: number, alpha: number, x: number, out: number, count: number) => void
  readonly columnSums: (a: number, out: number, rows: number, columns: number) => void
  readonly transpose: (a: number, out: number, rows: number, columns: number) => void
  /**
   * Σ of `count` doubles from `a`, `stride` bytes apart, by numpy's pairwise summation (the
   * portable `sum`'s tree, so the same bits).
   */
  readonly sum: (a: number, count: number, stride: number) => number
}

/** The names of the exported kernels. */
export const kernelNames: readonly (keyof KernelExports)[] = [
  'product',
  'add',
  'sub',
  'mul',
  'div',
  'scale',
  'relu',
  'reluBackward',
  'addScaled',
  'addRowVector',
  'columnSums',
  'transpose',
  'sum',
]

/** Internal functions, called by the kernels, after the exported ones. */
const helperNames = [
  'microKernel',
  'packLeft',
  'packRight',
  'copyEdge',
  'fillZero',
  'directProduct',
  'gatherRight',
] as const
type HelperName = (typeof helperNames)[number]

/** A function's index in the module: exported kernels first, then helpers. */
const indexOf = (functionName: keyof KernelExports | HelperName): number => {
  const exported = kernelNames.indexOf(functionName as keyof KernelExports)
  return exported >= 0
    ? exported
    : kernelNames.length + helperNames.indexOf(functionName as HelperName)
}

/** The byte address `base + index · DOUBLE`. */
const addressOf = (base: Local<'i32'>, index: Expression<'i32'>): Expression<'i32'> =>
  i32.add(get(base), i32.mul(index, i32.const(DOUBLE)))

/** `local += step`. */
const increment = (local: Local<'i32'>, step: Expression<'i32'>): Statement =>
  set(local, i32.add(get(local), step))

/**
 * The micro-kernel: a tileRows × 2·tileVectors tile of partial sums over `depthCount` k ≥ 1, in
 * f64x2 locals (one lane per output column), reading one packed left strip (tileRows entries per
 * k) and one packed right strip (2·tileVectors entries per k). Each partial sum starts at +0 and
 * adds left·right for k in increasing order; the tile is then assigned to `target` (rows
 * `targetRowStride` bytes apart) or, when `accumulate` is non-zero, added to it.
 */
const microKernel = (shape: ProductShape): FunctionDefinition => {
  const { tileRows, tileVectors, depthUnroll } = shape
  const accumulatorNames = Array.from({ length: tileRows * tileVectors }, (_, index) => [
    `sum${index}`,
    'v128' as const,
  ])
  const rightNames = Array.from({ length: tileVectors }, (_, index) => [
    `right${index}`,
    'v128' as const,
  ])
  const { local, parameters, locals } = frame(
    {
      left: 'i32',
      right: 'i32',
      depthCount: 'i32',
      target: 'i32',
      targetRowStride: 'i32',
      accumulate: 'i32',
    },
    {
      rightEnd: 'i32',
      unrolledEnd: 'i32',
      splat: 'v128',
      ...(Object.fromEntries([...accumulatorNames, ...rightNames]) as Record<string, 'v128'>),
    },
  )
  const named = (key: string): Local<'v128'> => localNamed(local, key, 'v128')
  const sums = Array.from({ length: tileRows }, (_, row) =>
    Array.from({ length: tileVectors }, (_, vector) => named(`sum${row * tileVectors + vector}`)),
  )
  const rights = Array.from({ length: tileVectors }, (_, vector) => named(`right${vector}`))
  const leftStep = tileRows * DOUBLE
  const rightStep = 2 * tileVectors * DOUBLE

  /** One k: load the right vectors, then per row splat the left entry and add its products. */
  const step = (unrolled: number): Statement[] => [
    ...rights.map((right, vector) =>
      set(right, v128.load(get(local.right), unrolled * rightStep + vector * VECTOR)),
    ),
    ...sums.flatMap((row, rowIndex) => [
      set(local.splat, v128.load64Splat(get(local.left), unrolled * leftStep + rowIndex * DOUBLE)),
      ...row.map((sum, vector) =>
        set(sum, f64x2.add(get(sum), f64x2.mul(get(local.splat), get(rights[vector]!)))),
      ),
    ]),
  ]
  const advance = (steps: number): Statement[] => [
    increment(local.left, i32.const(steps * leftStep)),
    increment(local.right, i32.const(steps * rightStep)),
  ]
  const rowAddress = (row: number): Expression<'i32'> =>
    i32.add(get(local.target), i32.mul(get(local.targetRowStride), i32.const(row)))

  const body = statements(
    ...sums.flat().map((sum) => set(sum, v128.zero)),
    set(
      local.rightEnd,
      i32.add(get(local.right), i32.mul(get(local.depthCount), i32.const(rightStep))),
    ),
    // The k steps that do not fill a whole unrolled pass come first, one at a time.
    set(
      local.unrolledEnd,
      i32.add(
        get(local.right),
        i32.mul(i32.and(get(local.depthCount), i32.const(depthUnroll - 1)), i32.const(rightStep)),
      ),
    ),
    ifThen(i32.notEqual(get(local.right), get(local.unrolledEnd)), [
      doWhile([...step(0), ...advance(1)], i32.notEqual(get(local.right), get(local.unrolledEnd))),
    ]),
    ifThen(i32.notEqual(get(local.right), get(local.rightEnd)), [
      doWhile(
        [
          ...Array.from({ length: depthUnroll }, (_, unrolled) => step(unrolled)).flat(),
          ...advance(depthUnroll),
        ],
        i32.notEqual(get(local.right), get(local.rightEnd)),
      ),
    ]),
    ifThen(
      get(local.accumulate),
      sums.flatMap((row, rowIndex) =>
        row.map((sum, vector) =>
          v128.store(
            rowAddress(rowIndex),
            f64x2.add(v128.load(rowAddress(rowIndex), vector * VECTOR, 8), get(sum)),
            vector * VECTOR,
            8,
          ),
        ),
      ),
      sums.flatMap((row, rowIndex) =>
        row.map((sum, vector) => v128.store(rowAddress(rowIndex), get(sum), vector * VECTOR, 8)),
      ),
    ),
  )
  return { name: 'microKernel', parameters, locals, body, exported: false }
}

/**
 * A packing function for strips `width` entries wide at `panel`, with parameters (source,
 * lineStride, depthStride, lineCount, depthCount ≥ 1). Line l (a row of the left operand, or a
 * column of the right one) at k = p is read from source + l·lineStride + p·depthStride and
 * written to panel + ⌊l/width⌋·width·depthCount·8 + (p·width + l mod width)·8: within a strip the
 * `width` entries of one k are adjacent. Lines from lineCount to the strip's end are zeros.
 */
const packStrips = (
  functionName: 'packLeft' | 'packRight',
  width: number,
  panel: number,
): FunctionDefinition => {
  const { local, parameters, locals } = frame(
    {
      source: 'i32',
      lineStride: 'i32',
      depthStride: 'i32',
      lineCount: 'i32',
      depthCount: 'i32',
    },
    {
      strip: 'i32',
      within: 'i32',
      line: 'i32',
      from: 'i32',
      to: 'i32',
      toEnd: 'i32',
      stripBytes: 'i32',
    },
  )
  const step = width * DOUBLE
  const body = statements(
    set(local.stripBytes, i32.mul(get(local.depthCount), i32.const(step))),
    forRange(local.strip, i32.const(0), get(local.lineCount), width, [
      forRange(local.within, i32.const(0), i32.const(width), 1, [
        set(local.line, i32.add(get(local.strip), get(local.within))),
        set(
          local.to,
          i32.add(
            i32.const(panel),
            i32.add(
              i32.mul(get(local.strip), i32.mul(get(local.depthCount), i32.const(DOUBLE))),
              i32.mul(get(local.within), i32.const(DOUBLE)),
            ),
          ),
        ),
        set(local.toEnd, i32.add(get(local.to), get(local.stripBytes))),
        ifThen(
          i32.lessThan(get(local.line), get(local.lineCount)),
          [
            set(
              local.from,
              i32.add(get(local.source), i32.mul(get(local.line), get(local.lineStride))),
            ),
            doWhile(
              [
                f64.store(get(local.to), f64.load(get(local.from))),
                increment(local.from, get(local.depthStride)),
                increment(local.to, i32.const(step)),
              ],
              i32.notEqual(get(local.to), get(local.toEnd)),
            ),
          ],
          [
            doWhile(
              [f64.store(get(local.to), f64.const(0)), increment(local.to, i32.const(step))],
              i32.notEqual(get(local.to), get(local.toEnd)),
            ),
          ],
        ),
      ]),
    ]),
  )
  return { name: functionName, parameters, locals, body, exported: false }
}

/**
 * Copies the top-left tileRows × tileColumns of the edge tile (rows 2·tileVectors doubles apart)
 * to `target` (rows targetRowStride bytes apart): assigned, or added when `accumulate` is set.
 */
const copyEdge = (shape: ProductShape, layout: ScratchLayout): FunctionDefinition => {
  const { local, parameters, locals } = frame(
    {
      target: 'i32',
      tileRows: 'i32',
      tileColumns: 'i32',
      targetRowStride: 'i32',
      accumulate: 'i32',
    },
    { row: 'i32', column: 'i32', from: 'i32', to: 'i32' },
  )
  const body = forRange(local.row, i32.const(0), get(local.tileRows), 1, [
    forRange(local.column, i32.const(0), get(local.tileColumns), 1, [
      set(
        local.from,
        i32.add(
          i32.const(layout.edgeTile),
          i32.mul(
            i32.add(i32.mul(get(local.row), i32.const(2 * shape.tileVectors)), get(local.column)),
            i32.const(DOUBLE),
          ),
        ),
      ),
      set(
        local.to,
        i32.add(
          get(local.target),
          i32.add(
            i32.mul(get(local.row), get(local.targetRowStride)),
            i32.mul(get(local.column), i32.const(DOUBLE)),
          ),
        ),
      ),
      f64.store(
        get(local.to),
        select(
          f64.add(f64.load(get(local.to)), f64.load(get(local.from))),
          f64.load(get(local.from)),
          get(local.accumulate),
        ),
      ),
    ]),
  ])
  return { name: 'copyEdge', parameters, locals, body, exported: false }
}

/** Writes +0 to `count` doubles from `address`. */
const fillZero = (): FunctionDefinition => {
  const { local, parameters, locals } = frame({ address: 'i32', count: 'i32' }, { index: 'i32' })
  const body = forRange(local.index, i32.const(0), get(local.count), 1, [
    f64.store(addressOf(local.address, get(local.index)), f64.const(0)),
  ])
  return { name: 'fillZero', parameters, locals, body, exported: false }
}

/**
 * Products with at most this many multiply-adds (rows·depth·columns) skip packing and run
 * `directProduct`, reading the operands where they lie. Measured on V8 (Node 20, x86-64), the
 * direct kernel was 1.1–3× faster than the packed one on a small network's products (300×2·2×32,
 * 300×32·32×16, (300×32)ᵀ·(300×16), 300×16·(32×16)ᵀ) and still 1.1–1.5× faster up to 128×784·784×10
 * and 60×256·256×64, about 2²⁰; it has no cache blocking, so larger products keep the packed path.
 */
export const DIRECT_PRODUCT = 1 << 20

/**
 * The direct kernel's largest depth. With it the size test is exact in i32: rows·columns is
 * tested first (at most 2²⁰), so rows·columns·depth ≤ 2³⁰.
 */
const DIRECT_DEPTH = 1024

/** Rows of the direct kernel's tile. */
const DIRECT_ROWS = 4
/** f64x2 vectors per row of the direct kernel's tile: it is 2·DIRECT_VECTORS columns wide. */
const DIRECT_VECTORS = 2

/**
 * The direct product: out = left · right for products too small to pack, reading both operands
 * through their strides (the product's parameters). Per k-block, tiles of DIRECT_ROWS rows by
 * 2·DIRECT_VECTORS columns hold their partial sums in f64x2 locals (one lane per output column),
 * each starting at +0 and adding left·right in increasing k, then assigned (first block) or added
 * to `out`: the shared order. Leftover rows go one at a time, leftover column pairs one vector at
 * a time, and an odd last column as f64. The right operand's column stride must be one double
 * (rightColumnStride is ignored): a right vector is one load of two adjacent columns.
 */
const directProduct = (): FunctionDefinition => {
  const accumulators = Array.from({ length: DIRECT_ROWS * DIRECT_VECTORS }, (_, index) => [
    `sum${index}`,
    'v128' as const,
  ])
  const scalarAccumulators = Array.from({ length: DIRECT_ROWS }, (_, index) => [
    `scalar${index}`,
    'f64' as const,
  ])
  const rightVectors = Array.from({ length: DIRECT_VECTORS }, (_, index) => [
    `right${index}`,
    'v128' as const,
  ])
  const { local, parameters, locals } = frame(
    {
      left: 'i32',
      leftRowStride: 'i32',
      leftDepthStride: 'i32',
      right: 'i32',
      rightDepthStride: 'i32',
      rightColumnStride: 'i32',
      out: 'i32',
      rows: 'i32',
      depth: 'i32',
      columns: 'i32',
    },
    {
      depthStart: 'i32',
      depthBlockSize: 'i32',
      accumulate: 'i32',
      row: 'i32',
      column: 'i32',
      rowLimit: 'i32',
      columnLimit: 'i32',
      pairLimit: 'i32',
      leftAt: 'i32',
      rightAt: 'i32',
      target: 'i32',
      countdown: 'i32',
      outRowStride: 'i32',
      splat: 'v128',
      leftEntry: 'f64',
      rightEntry: 'f64',
      ...(Object.fromEntries(
        Array.from({ length: DIRECT_ROWS }, (_, row) => [
          [`leftRowOffset${row}`, 'i32'],
          [`outRowOffset${row}`, 'i32'],
        ]).flat(),
      ) as Record<string, 'i32'>),
      ...(Object.fromEntries([...accumulators, ...rightVectors]) as Record<string, 'v128'>),
      ...(Object.fromEntries(scalarAccumulators) as Record<string, 'f64'>),
    },
  )
  const vectorNamed = (key: string): Local<'v128'> => localNamed(local, key, 'v128')
  const integerNamed = (key: string): Local<'i32'> => localNamed(local, key, 'i32')
  const leftRowOffset = (row: number): Local<'i32'> => integerNamed(`leftRowOffset${row}`)
  const outRowOffset = (row: number): Local<'i32'> => integerNamed(`outRowOffset${row}`)
  const sumOf = (row: number, vector: number): Local<'v128'> =>
    vectorNamed(`sum${row * DIRECT_VECTORS + vector}`)
  const scalarOf = (row: number): Local<'f64'> => localNamed(local, `scalar${row}`, 'f64')
  const rightOf = (vector: number): Local<'v128'> => vectorNamed(`right${vector}`)
  const offsetAddress = (base: Local<'i32'>, offset: Local<'i32'>, index: number) =>
    index === 0 ? get(base) : i32.add(get(base), get(offset))

  /** Points leftAt, rightAt and target at the tile whose top-left entry is (row, column). */
  const aim: Statement[] = [
    set(
      local.leftAt,
      i32.add(
        get(local.left),
        i32.add(
          i32.mul(get(local.row), get(local.leftRowStride)),
          i32.mul(get(local.depthStart), get(local.leftDepthStride)),
        ),
      ),
    ),
    set(
      local.rightAt,
      i32.add(
        get(local.right),
        i32.add(
          i32.mul(get(local.depthStart), get(local.rightDepthStride)),
          i32.mul(get(local.column), get(local.rightColumnStride)),
        ),
      ),
    ),
    set(
      local.target,
      i32.add(
        get(local.out),
        i32.mul(
          i32.add(i32.mul(get(local.row), get(local.columns)), get(local.column)),
          i32.const(DOUBLE),
        ),
      ),
    ),
    set(local.countdown, get(local.depthBlockSize)),
  ]
  const advance: Statement[] = [
    increment(local.leftAt, get(local.leftDepthStride)),
    increment(local.rightAt, get(local.rightDepthStride)),
    set(local.countdown, i32.sub(get(local.countdown), i32.const(1))),
  ]
  const loadRight = (vector: number): Expression<'v128'> =>
    v128.load(get(local.rightAt), vector * VECTOR, 8)

  /** A tile of `tileRows` rows by `vectors` f64x2 columns at (row, column). */
  const vectorTile = (tileRows: number, vectors: number): Statement[] => {
    const rowIndices = Array.from({ length: tileRows }, (_, row) => row)
    const vectorIndices = Array.from({ length: vectors }, (_, vector) => vector)
    return [
      ...aim,
      ...rowIndices.flatMap((row) =>
        vectorIndices.map((vector) => set(sumOf(row, vector), v128.zero)),
      ),
      doWhile(
        [
          ...vectorIndices.map((vector) => set(rightOf(vector), loadRight(vector))),
          ...rowIndices.flatMap((row) => [
            set(
              local.splat,
              v128.load64Splat(offsetAddress(local.leftAt, leftRowOffset(row), row)),
            ),
            ...vectorIndices.map((vector) =>
              set(
                sumOf(row, vector),
                f64x2.add(
                  get(sumOf(row, vector)),
                  f64x2.mul(get(local.splat), get(rightOf(vector))),
                ),
              ),
            ),
          ]),
          ...advance,
        ],
        get(local.countdown),
      ),
      ifThen(
        get(local.accumulate),
        rowIndices.flatMap((row) =>
          vectorIndices.map((vector) =>
            v128.store(
              offsetAddress(local.target, outRowOffset(row), row),
              f64x2.add(
                v128.load(offsetAddress(local.target, outRowOffset(row), row), vector * VECTOR, 8),
                get(sumOf(row, vector)),
              ),
              vector * VECTOR,
              8,
            ),
          ),
        ),
        rowIndices.flatMap((row) =>
          vectorIndices.map((vector) =>
            v128.store(
              offsetAddress(local.target, outRowOffset(row), row),
              get(sumOf(row, vector)),
              vector * VECTOR,
              8,
            ),
          ),
        ),
      ),
    ]
  }

  /** A tile of `tileRows` rows by one column at (row, column), in f64. */
  const scalarTile = (tileRows: number): Statement[] => {
    const rowIndices = Array.from({ length: tileRows }, (_, row) => row)
    return [
      ...aim,
      ...rowIndices.map((row) => set(scalarOf(row), f64.const(0))),
      doWhile(
        [
          set(local.rightEntry, f64.load(get(local.rightAt))),
          ...rowIndices.flatMap((row) => [
            set(local.leftEntry, f64.load(offsetAddress(local.leftAt, leftRowOffset(row), row))),
            set(
              scalarOf(row),
              f64.add(get(scalarOf(row)), f64.mul(get(local.leftEntry), get(local.rightEntry))),
            ),
          ]),
          ...advance,
        ],
        get(local.countdown),
      ),
      ...rowIndices.map((row) =>
        f64.store(
          offsetAddress(local.target, outRowOffset(row), row),
          select(
            f64.add(
              f64.load(offsetAddress(local.target, outRowOffset(row), row)),
              get(scalarOf(row)),
            ),
            get(scalarOf(row)),
            get(local.accumulate),
          ),
        ),
      ),
    ]
  }

  /** Every column of the rows from `row`, `tileRows` at a time. */
  const columnsOf = (tileRows: number): Statement[] => [
    forRange(
      local.column,
      i32.const(0),
      get(local.columnLimit),
      2 * DIRECT_VECTORS,
      vectorTile(tileRows, DIRECT_VECTORS),
    ),
    // column pairs left over (none when the tile is one vector wide)
    forRange(local.column, get(local.column), get(local.pairLimit), 2, vectorTile(tileRows, 1)),
    ifThen(i32.lessThan(get(local.column), get(local.columns)), scalarTile(tileRows)),
  ]

  const body = statements(
    set(local.outRowStride, i32.mul(get(local.columns), i32.const(DOUBLE))),
    ...Array.from({ length: DIRECT_ROWS }, (_, row) => [
      set(leftRowOffset(row), i32.mul(get(local.leftRowStride), i32.const(row))),
      set(outRowOffset(row), i32.mul(get(local.outRowStride), i32.const(row))),
    ]).flat(),
    set(local.rowLimit, i32.sub(get(local.rows), i32.const(DIRECT_ROWS - 1))),
    set(local.columnLimit, i32.sub(get(local.columns), i32.const(2 * DIRECT_VECTORS - 1))),
    set(local.pairLimit, i32.sub(get(local.columns), i32.const(1))),
    forRange(local.depthStart, i32.const(0), get(local.depth), DEPTH_BLOCK, [
      set(
        local.depthBlockSize,
        minimum(i32.const(DEPTH_BLOCK), i32.sub(get(local.depth), get(local.depthStart))),
      ),
      set(local.accumulate, i32.notEqual(get(local.depthStart), i32.const(0))),
      forRange(local.row, i32.const(0), get(local.rowLimit), DIRECT_ROWS, columnsOf(DIRECT_ROWS)),
      forRange(local.row, get(local.row), get(local.rows), 1, columnsOf(1)),
    ]),
  )
  return {
    name: 'directProduct',
    parameters,
    locals,
    body,
    exported: false,
  }
}

/**
 * Copies the right operand (entry (p, column) at source + p·depthStride + column·columnStride) to
 * the start of the scratch (which the direct kernel does not otherwise use) as a row-major
 * depth × columns matrix, for the direct kernel.
 */
const gatherRight = (layout: ScratchLayout): FunctionDefinition => {
  const { local, parameters, locals } = frame(
    { source: 'i32', depthStride: 'i32', columnStride: 'i32', depth: 'i32', columns: 'i32' },
    { p: 'i32', column: 'i32', from: 'i32', to: 'i32' },
  )
  const body = statements(
    set(local.to, i32.const(layout.base)),
    forRange(local.p, i32.const(0), get(local.depth), 1, [
      set(local.from, i32.add(get(local.source), i32.mul(get(local.p), get(local.depthStride)))),
      forRange(local.column, i32.const(0), get(local.columns), 1, [
        f64.store(get(local.to), f64.load(get(local.from))),
        increment(local.from, get(local.columnStride)),
        increment(local.to, i32.const(DOUBLE)),
      ]),
    ]),
  )
  return { name: 'gatherRight', parameters, locals, body, exported: false }
}

/**
 * The product driver, the GotoBLAS loop nest: for each block of columns and each k-block, pack
 * the right operand; for each block of rows, pack the left operand; then run the micro-kernel on
 * every (column strip, row strip) pair, straight into `out` for whole tiles and through the edge
 * tile for partial ones. The first k-block assigns, later ones add: the shared order.
 */
const product = (shape: ProductShape, layout: ScratchLayout): FunctionDefinition => {
  const tileRows = shape.tileRows
  const tileColumns = 2 * shape.tileVectors
  const { local, parameters, locals } = frame(
    {
      left: 'i32',
      leftRowStride: 'i32',
      leftDepthStride: 'i32',
      right: 'i32',
      rightDepthStride: 'i32',
      rightColumnStride: 'i32',
      out: 'i32',
      rows: 'i32',
      depth: 'i32',
      columns: 'i32',
    },
    {
      columnBlockStart: 'i32',
      columnBlockSize: 'i32',
      depthBlockStart: 'i32',
      depthBlockSize: 'i32',
      accumulate: 'i32',
      rowBlockStart: 'i32',
      rowBlockSize: 'i32',
      stripColumn: 'i32',
      stripColumns: 'i32',
      rightStrip: 'i32',
      stripRow: 'i32',
      stripRows: 'i32',
      leftStrip: 'i32',
      target: 'i32',
      outRowStride: 'i32',
    },
  )
  const remaining = (limit: number, total: Local<'i32'>, start: Local<'i32'>): Expression<'i32'> =>
    minimum(i32.const(limit), i32.sub(get(total), get(start)))
  const directArguments = [
    get(local.left),
    get(local.leftRowStride),
    get(local.leftDepthStride),
    get(local.right),
    get(local.rightDepthStride),
    get(local.rightColumnStride),
    get(local.out),
    get(local.rows),
    get(local.depth),
    get(local.columns),
  ]
  const body = statements(
    ifThen(i32.or(i32.equalsZero(get(local.rows)), i32.equalsZero(get(local.columns))), [
      returnNow,
    ]),
    ifThen(i32.equalsZero(get(local.depth)), [
      call(indexOf('fillZero'), [get(local.out), i32.mul(get(local.rows), get(local.columns))]),
      returnNow,
    ]),
    // Small products read their operands in place: packing would cost more than it saves. The
    // depth and rows·columns tests keep rows·columns·depth within i32 (rows·columns itself fits,
    // as out does). A right operand whose columns are not adjacent (a·bᵀ) is first gathered into
    // the scratch.
    ifThen(
      i32.and(
        i32.and(
          i32.lessOrEqual(get(local.depth), i32.const(DIRECT_DEPTH)),
          i32.lessOrEqual(i32.mul(get(local.rows), get(local.columns)), i32.const(DIRECT_PRODUCT)),
        ),
        i32.lessOrEqual(
          i32.mul(i32.mul(get(local.rows), get(local.columns)), get(local.depth)),
          i32.const(DIRECT_PRODUCT),
        ),
      ),
      [
        ifThen(i32.equal(get(local.rightColumnStride), i32.const(DOUBLE)), [
          call(indexOf('directProduct'), directArguments),
          returnNow,
        ]),
        ifThen(
          i32.lessOrEqual(
            i32.mul(get(local.depth), get(local.columns)),
            i32.const(layout.scratchBytes / DOUBLE),
          ),
          [
            call(indexOf('gatherRight'), [
              get(local.right),
              get(local.rightDepthStride),
              get(local.rightColumnStride),
              get(local.depth),
              get(local.columns),
            ]),
            call(indexOf('directProduct'), [
              get(local.left),
              get(local.leftRowStride),
              get(local.leftDepthStride),
              i32.const(layout.base),
              i32.mul(get(local.columns), i32.const(DOUBLE)),
              i32.const(DOUBLE),
              get(local.out),
              get(local.rows),
              get(local.depth),
              get(local.columns),
            ]),
            returnNow,
          ],
        ),
      ],
    ),
    set(local.outRowStride, i32.mul(get(local.columns), i32.const(DOUBLE))),
    forRange(local.columnBlockStart, i32.const(0), get(local.columns), shape.columnBlock, [
      set(
        local.columnBlockSize,
        remaining(shape.columnBlock, local.columns, local.columnBlockStart),
      ),
      forRange(local.depthBlockStart, i32.const(0), get(local.depth), DEPTH_BLOCK, [
        set(local.depthBlockSize, remaining(DEPTH_BLOCK, local.depth, local.depthBlockStart)),
        set(local.accumulate, i32.notEqual(get(local.depthBlockStart), i32.const(0))),
        call(indexOf('packRight'), [
          i32.add(
            get(local.right),
            i32.add(
              i32.mul(get(local.depthBlockStart), get(local.rightDepthStride)),
              i32.mul(get(local.columnBlockStart), get(local.rightColumnStride)),
            ),
          ),
          get(local.rightColumnStride),
          get(local.rightDepthStride),
          get(local.columnBlockSize),
          get(local.depthBlockSize),
        ]),
        forRange(local.rowBlockStart, i32.const(0), get(local.rows), shape.rowBlock, [
          set(local.rowBlockSize, remaining(shape.rowBlock, local.rows, local.rowBlockStart)),
          call(indexOf('packLeft'), [
            i32.add(
              get(local.left),
              i32.add(
                i32.mul(get(local.rowBlockStart), get(local.leftRowStride)),
                i32.mul(get(local.depthBlockStart), get(local.leftDepthStride)),
              ),
            ),
            get(local.leftRowStride),
            get(local.leftDepthStride),
            get(local.rowBlockSize),
            get(local.depthBlockSize),
          ]),
          forRange(local.stripColumn, i32.const(0), get(local.columnBlockSize), tileColumns, [
            set(
              local.stripColumns,
              remaining(tileColumns, local.columnBlockSize, local.stripColumn),
            ),
            set(
              local.rightStrip,
              i32.add(
                i32.const(layout.rightPanel),
                i32.mul(
                  get(local.stripColumn),
                  i32.mul(get(local.depthBlockSize), i32.const(DOUBLE)),
                ),
              ),
            ),
            forRange(local.stripRow, i32.const(0), get(local.rowBlockSize), tileRows, [
              set(local.stripRows, remaining(tileRows, local.rowBlockSize, local.stripRow)),
              set(
                local.leftStrip,
                i32.add(
                  i32.const(layout.leftPanel),
                  i32.mul(
                    get(local.stripRow),
                    i32.mul(get(local.depthBlockSize), i32.const(DOUBLE)),
                  ),
                ),
              ),
              set(
                local.target,
                i32.add(
                  get(local.out),
                  i32.mul(
                    i32.add(
                      i32.mul(
                        i32.add(get(local.rowBlockStart), get(local.stripRow)),
                        get(local.columns),
                      ),
                      i32.add(get(local.columnBlockStart), get(local.stripColumn)),
                    ),
                    i32.const(DOUBLE),
                  ),
                ),
              ),
              ifThen(
                i32.and(
                  i32.equal(get(local.stripRows), i32.const(tileRows)),
                  i32.equal(get(local.stripColumns), i32.const(tileColumns)),
                ),
                [
                  call(indexOf('microKernel'), [
                    get(local.leftStrip),
                    get(local.rightStrip),
                    get(local.depthBlockSize),
                    get(local.target),
                    get(local.outRowStride),
                    get(local.accumulate),
                  ]),
                ],
                [
                  call(indexOf('microKernel'), [
                    get(local.leftStrip),
                    get(local.rightStrip),
                    get(local.depthBlockSize),
                    i32.const(layout.edgeTile),
                    i32.const(tileColumns * DOUBLE),
                    i32.const(0),
                  ]),
                  call(indexOf('copyEdge'), [
                    get(local.target),
                    get(local.stripRows),
                    get(local.stripColumns),
                    get(local.outRowStride),
                    get(local.accumulate),
                  ]),
                ],
              ),
            ]),
          ]),
        ]),
      ]),
    ]),
  )
  return { name: 'product', parameters, locals, body, exported: true }
}

/** How one element-wise kernel reads its operands and combines them. */
interface Lanewise {
  readonly name: 'add' | 'sub' | 'mul' | 'div' | 'scale' | 'relu' | 'reluBackward' | 'addScaled'
  /** The parameters in order: addresses (i32) including `out`, scalars (f64), then `count`. */
  readonly parameters: Readonly<Record<string, 'i32' | 'f64'>>
  /** The address parameters read, in the order `vector` and `scalar` receive their values. */
  readonly inputs: readonly string[]
  /** Both lanes of out from both lanes of the inputs; `splat(name)` is an f64 parameter splatted. */
  readonly vector: (
    values: readonly Expression<'v128'>[],
    splat: (parameter: string) => Expression<'v128'>,
  ) => Expression<'v128'>
  /** One entry of out, computed exactly as one lane of `vector`; `scalar(name)` is a parameter. */
  readonly scalar: (
    values: readonly Expression<'f64'>[],
    scalar: (parameter: string) => Expression<'f64'>,
  ) => Expression<'f64'>
}

/** The `index`-th of `values`, which the kernel definitions below always supply. */
const at = <T>(values: readonly T[], index: number): T => {
  const value = values[index]
  if (value === undefined) throw new Error(`kernel definition: no operand ${index}`)
  return value
}

const binaryLanewise = (
  name: 'add' | 'sub' | 'mul' | 'div',
  vector: (left: Expression<'v128'>, right: Expression<'v128'>) => Expression<'v128'>,
  scalar: (left: Expression<'f64'>, right: Expression<'f64'>) => Expression<'f64'>,
): Lanewise => ({
  name,
  parameters: { a: 'i32', b: 'i32', out: 'i32', count: 'i32' },
  inputs: ['a', 'b'],
  vector: (values) => vector(at(values, 0), at(values, 1)),
  scalar: (values) => scalar(at(values, 0), at(values, 1)),
})

/** The element-wise kernels: out[i] from the inputs' entries i, the portable expressions. */
const lanewiseKernels: readonly Lanewise[] = [
  binaryLanewise('add', f64x2.add, f64.add),
  binaryLanewise('sub', f64x2.sub, f64.sub),
  binaryLanewise('mul', f64x2.mul, f64.mul),
  binaryLanewise('div', f64x2.div, f64.div),
  {
    // out[i] = factor · a[i]
    name: 'scale',
    parameters: { a: 'i32', factor: 'f64', out: 'i32', count: 'i32' },
    inputs: ['a'],
    vector: (values, splat) => f64x2.mul(splat('factor'), at(values, 0)),
    scalar: (values, scalar) => f64.mul(scalar('factor'), at(values, 0)),
  },
  {
    // out[i] = Math.max(a[i], 0): NaN stays NaN and −0 becomes +0, as WebAssembly's max gives.
    name: 'relu',
    parameters: { a: 'i32', out: 'i32', count: 'i32' },
    inputs: ['a'],
    vector: (values) => f64x2.max(at(values, 0), v128.zero),
    scalar: (values) => f64.max(at(values, 0), f64.const(0)),
  },
  {
    // out[i] = upstream[i] · (x[i] > 0 ? 1 : 0): a real multiply, so ∞ · 0 is NaN as in JS.
    name: 'reluBackward',
    parameters: { upstream: 'i32', x: 'i32', out: 'i32', count: 'i32' },
    inputs: ['upstream', 'x'],
    vector: (values) =>
      f64x2.mul(
        at(values, 0),
        v128.and(f64x2.greaterThan(at(values, 1), v128.zero), f64x2.splat(f64.const(1))),
      ),
    scalar: (values) =>
      f64.mul(
        at(values, 0),
        select(f64.const(1), f64.const(0), f64.greaterThan(at(values, 1), f64.const(0))),
      ),
  },
  {
    // out[i] = y[i] + alpha · x[i]: the multiply, then the add.
    name: 'addScaled',
    parameters: { y: 'i32', alpha: 'f64', x: 'i32', out: 'i32', count: 'i32' },
    inputs: ['y', 'x'],
    vector: (values, splat) => f64x2.add(at(values, 0), f64x2.mul(splat('alpha'), at(values, 1))),
    scalar: (values, scalar) => f64.add(at(values, 0), f64.mul(scalar('alpha'), at(values, 1))),
  },
]

/**
 * An element-wise kernel: pairs of entries as f64x2 (loads and stores with an 8-byte alignment
 * hint, so any Float64Array view works), then the odd last entry as f64. Each pass loads all its
 * inputs before it stores, so `out` may be exactly one of the inputs (same address).
 */
const lanewise = (kernel: Lanewise): FunctionDefinition => {
  const scalarNames = Object.entries(kernel.parameters)
    .filter(([, type]) => type === 'f64')
    .map(([key]) => key)
  const { local, parameters, locals } = frame(kernel.parameters, {
    offset: 'i32',
    bytes: 'i32',
    vectorBytes: 'i32',
    ...(Object.fromEntries(scalarNames.map((key) => [`${key}Splat`, 'v128'])) as Record<
      string,
      'v128'
    >),
  })
  const address = (key: string): Local<'i32'> => localNamed(local, key, 'i32')
  const scalarOf = (key: string): Local<'f64'> => localNamed(local, key, 'f64')
  const splatOf = (key: string): Local<'v128'> => localNamed(local, `${key}Splat`, 'v128')
  const out = address('out')
  const count = address('count')
  const addressAt = (base: Local<'i32'>, offset: Local<'i32'>): Expression<'i32'> =>
    i32.add(get(base), get(offset))
  const splat = (key: string): Expression<'v128'> => get(splatOf(key))
  const scalar = (key: string): Expression<'f64'> => get(scalarOf(key))
  const body = statements(
    ...scalarNames.map((key) => set(splatOf(key), f64x2.splat(get(scalarOf(key))))),
    set(local.bytes, i32.mul(get(count), i32.const(DOUBLE))),
    set(local.vectorBytes, i32.and(get(local.bytes), i32.const(-VECTOR))),
    forRange(local.offset, i32.const(0), get(local.vectorBytes), VECTOR, [
      v128.store(
        addressAt(out, local.offset),
        kernel.vector(
          kernel.inputs.map((key) => v128.load(addressAt(address(key), local.offset), 0, 8)),
          splat,
        ),
        0,
        8,
      ),
    ]),
    ifThen(i32.notEqual(get(local.vectorBytes), get(local.bytes)), [
      f64.store(
        addressAt(out, local.vectorBytes),
        kernel.scalar(
          kernel.inputs.map((key) => f64.load(addressAt(address(key), local.vectorBytes))),
          scalar,
        ),
      ),
    ]),
  )
  return { name: kernel.name, parameters, locals, body, exported: true }
}

/** out[r, c] = a[r, c] + row[c]: per row, pairs of columns as f64x2, the odd last one as f64. */
const addRowVector = (): FunctionDefinition => {
  const { local, parameters, locals } = frame(
    { a: 'i32', row: 'i32', out: 'i32', rows: 'i32', columns: 'i32' },
    { rowIndex: 'i32', offset: 'i32', rowBytes: 'i32', vectorBytes: 'i32', rowStart: 'i32' },
  )
  const body = statements(
    set(local.rowBytes, i32.mul(get(local.columns), i32.const(DOUBLE))),
    set(local.vectorBytes, i32.and(get(local.rowBytes), i32.const(-VECTOR))),
    forRange(local.rowIndex, i32.const(0), get(local.rows), 1, [
      set(local.rowStart, i32.mul(get(local.rowIndex), get(local.rowBytes))),
      forRange(local.offset, i32.const(0), get(local.vectorBytes), VECTOR, [
        v128.store(
          i32.add(get(local.out), i32.add(get(local.rowStart), get(local.offset))),
          f64x2.add(
            v128.load(i32.add(get(local.a), i32.add(get(local.rowStart), get(local.offset))), 0, 8),
            v128.load(i32.add(get(local.row), get(local.offset)), 0, 8),
          ),
          0,
          8,
        ),
      ]),
      ifThen(i32.notEqual(get(local.vectorBytes), get(local.rowBytes)), [
        f64.store(
          i32.add(get(local.out), i32.add(get(local.rowStart), get(local.vectorBytes))),
          f64.add(
            f64.load(i32.add(get(local.a), i32.add(get(local.rowStart), get(local.vectorBytes)))),
            f64.load(i32.add(get(local.row), get(local.vectorBytes))),
          ),
        ),
      ]),
    ]),
  )
  return { name: 'addRowVector', parameters, locals, body, exported: true }
}

/**
 * out[c] = +0 + a[0, c] + a[1, c] + …, row after row (the portable order): out is zeroed, then
 * each row is added to it, pairs of columns as f64x2 and the odd last one as f64.
 */
const columnSums = (): FunctionDefinition => {
  const { local, parameters, locals } = frame(
    { a: 'i32', out: 'i32', rows: 'i32', columns: 'i32' },
    { rowIndex: 'i32', offset: 'i32', rowBytes: 'i32', vectorBytes: 'i32', rowStart: 'i32' },
  )
  const outAt = (offset: Local<'i32'>): Expression<'i32'> => i32.add(get(local.out), get(offset))
  const aAt = (offset: Local<'i32'>): Expression<'i32'> =>
    i32.add(get(local.a), i32.add(get(local.rowStart), get(offset)))
  const body = statements(
    set(local.rowBytes, i32.mul(get(local.columns), i32.const(DOUBLE))),
    set(local.vectorBytes, i32.and(get(local.rowBytes), i32.const(-VECTOR))),
    call(indexOf('fillZero'), [get(local.out), get(local.columns)]),
    forRange(local.rowIndex, i32.const(0), get(local.rows), 1, [
      set(local.rowStart, i32.mul(get(local.rowIndex), get(local.rowBytes))),
      forRange(local.offset, i32.const(0), get(local.vectorBytes), VECTOR, [
        v128.store(
          outAt(local.offset),
          f64x2.add(v128.load(outAt(local.offset), 0, 8), v128.load(aAt(local.offset), 0, 8)),
          0,
          8,
        ),
      ]),
      ifThen(i32.notEqual(get(local.vectorBytes), get(local.rowBytes)), [
        f64.store(
          outAt(local.vectorBytes),
          f64.add(f64.load(outAt(local.vectorBytes)), f64.load(aAt(local.vectorBytes))),
        ),
      ]),
    ]),
  )
  return { name: 'columnSums', parameters, locals, body, exported: true }
}

/** Tiles of the transpose: TRANSPOSE_TILE × TRANSPOSE_TILE entries, as in transpose.ts. */
const TRANSPOSE_TILE = 32

/** out[c, r] = a[r, c] for a of shape rows × columns, in 32 × 32 tiles. */
const transpose = (): FunctionDefinition => {
  const { local, parameters, locals } = frame(
    { a: 'i32', out: 'i32', rows: 'i32', columns: 'i32' },
    {
      rowStart: 'i32',
      rowEnd: 'i32',
      columnStart: 'i32',
      columnEnd: 'i32',
      row: 'i32',
      column: 'i32',
    },
  )
  const tileEnd = (start: Local<'i32'>, limit: Local<'i32'>): Expression<'i32'> =>
    minimum(i32.add(get(start), i32.const(TRANSPOSE_TILE)), get(limit))
  const body = forRange(local.rowStart, i32.const(0), get(local.rows), TRANSPOSE_TILE, [
    set(local.rowEnd, tileEnd(local.rowStart, local.rows)),
    forRange(local.columnStart, i32.const(0), get(local.columns), TRANSPOSE_TILE, [
      set(local.columnEnd, tileEnd(local.columnStart, local.columns)),
      forRange(local.row, get(local.rowStart), get(local.rowEnd), 1, [
        forRange(local.column, get(local.columnStart), get(local.columnEnd), 1, [
          f64.store(
            addressOf(
              local.out,
              i32.add(i32.mul(get(local.column), get(local.rows)), get(local.row)),
            ),
            f64.load(
              addressOf(
                local.a,
                i32.add(i32.mul(get(local.row), get(local.columns)), get(local.column)),
              ),
            ),
          ),
        ]),
      ]),
    ]),
  ])
  return { name: 'transpose', parameters, locals, body, exported: true }
}

/** numpy's pairwise block: runs of at most this many terms are summed by eight accumulators. */
const PAIRWISE_BLOCK = 128

/**
 * Σ a[i] (each `stride` bytes after the last) in numpy's `pairwise_sum` order, as reduce.ts's
 * `sum`: below 8 terms a plain loop from +0; up to 128, eight accumulators started at the first
 * eight terms, each adding every eighth term, combined as ((r0 + r1) + (r2 + r3)) + ((r4 + r5) +
 * (r6 + r7)), then the remaining terms one by one; above, the run split at half its length
 * rounded down to a multiple of 8 and the two halves' sums (this function, recursively) added.
 * Contiguous runs keep the accumulators in pairs as f64x2 (r0, r1), (r2, r3), …: each lane is
 * its accumulator, so the rounding is the same.
 */
const pairwiseSum = (): FunctionDefinition => {
  const accumulators = ['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7'] as const
  const pairs = ['p01', 'p23', 'p45', 'p67'] as const
  const { local, parameters, locals } = frame(
    { a: 'i32', count: 'i32', stride: 'i32' },
    {
      total: 'f64',
      index: 'i32',
      whole: 'i32',
      address: 'i32',
      end: 'i32',
      half: 'i32',
      r0: 'f64',
      r1: 'f64',
      r2: 'f64',
      r3: 'f64',
      r4: 'f64',
      r5: 'f64',
      r6: 'f64',
      r7: 'f64',
      p01: 'v128',
      p23: 'v128',
      p45: 'v128',
      p67: 'v128',
    },
  )
  const termAt = (index: Expression<'i32'>): Expression<'f64'> =>
    f64.load(i32.add(get(local.a), i32.mul(index, get(local.stride))))
  const addTo = (target: Local<'f64'>, value: Expression<'f64'>): Statement =>
    set(target, f64.add(get(target), value))
  const laneSum = (pair: Local<'v128'>): Expression<'f64'> =>
    f64.add(f64x2.extractLane(get(pair), 0), f64x2.extractLane(get(pair), 1))
  const remainder = forRange(local.index, get(local.whole), get(local.count), 1, [
    addTo(local.total, termAt(get(local.index))),
  ])
  const contiguousBlock = statements(
    ...pairs.map((pair, position) =>
      set(local[pair], v128.load(get(local.a), position * VECTOR, 8)),
    ),
    set(local.end, i32.add(get(local.a), i32.mul(get(local.whole), i32.const(DOUBLE)))),
    forRange(local.address, i32.add(get(local.a), i32.const(8 * DOUBLE)), get(local.end), 64, [
      ...pairs.map((pair, position) =>
        set(
          local[pair],
          f64x2.add(get(local[pair]), v128.load(get(local.address), position * VECTOR, 8)),
        ),
      ),
    ]),
    set(
      local.total,
      f64.add(
        f64.add(laneSum(local.p01), laneSum(local.p23)),
        f64.add(laneSum(local.p45), laneSum(local.p67)),
      ),
    ),
  )
  const stridedBlock = statements(
    ...accumulators.map((name, position) => set(local[name], termAt(i32.const(position)))),
    forRange(local.index, i32.const(8), get(local.whole), 8, [
      ...accumulators.map((name, position) =>
        addTo(local[name], termAt(i32.add(get(local.index), i32.const(position)))),
      ),
    ]),
    set(
      local.total,
      f64.add(
        f64.add(f64.add(get(local.r0), get(local.r1)), f64.add(get(local.r2), get(local.r3))),
        f64.add(f64.add(get(local.r4), get(local.r5)), f64.add(get(local.r6), get(local.r7))),
      ),
    ),
  )
  const body = statements(
    ifThen(i32.lessThan(get(local.count), i32.const(8)), [
      set(local.total, f64.const(0)),
      set(local.whole, i32.const(0)),
      remainder,
      returnValue(get(local.total)),
    ]),
    ifThen(i32.lessOrEqual(get(local.count), i32.const(PAIRWISE_BLOCK)), [
      set(local.whole, i32.and(get(local.count), i32.const(-8))),
      ifThen(i32.equal(get(local.stride), i32.const(DOUBLE)), [contiguousBlock], [stridedBlock]),
      remainder,
      returnValue(get(local.total)),
    ]),
    // half = ⌊count / 2⌋ rounded down to a multiple of 8 (count > 128, so both are positive)
    set(local.half, i32.and(i32.shiftRightUnsigned(get(local.count), i32.const(1)), i32.const(-8))),
    returnValue(
      f64.add(
        callValue(indexOf('sum'), [get(local.a), get(local.half), get(local.stride)], 'f64'),
        callValue(
          indexOf('sum'),
          [
            i32.add(get(local.a), i32.mul(get(local.half), get(local.stride))),
            i32.sub(get(local.count), get(local.half)),
            get(local.stride),
          ],
          'f64',
        ),
      ),
    ),
  )
  return { name: 'sum', parameters, locals, body, result: 'f64', exported: true }
}

/** Bytes of one WebAssembly memory page. */
export const PAGE_BYTES = 65536

/** Where an instance of the kernel module keeps its scratch, and which memory it imports. */
export interface KernelPlacement {
  /** The scratch's first byte: 0 for an instance alone in its memory (see `scratchLayout`). */
  readonly scratchBase: number
  /** Whether the imported memory is shared between threads (it then has a maximum). */
  readonly shared: boolean
}

/** The placement of an instance that owns its memory. */
export const ALONE: KernelPlacement = { scratchBase: 0, shared: false }

/** The most pages a memory the kernels address may have: 2 GiB, as their signed i32 bounds allow. */
export const MAXIMUM_PAGES = 32768

/**
 * The kernel module's binary for a product shape and placement: its memory is imported as
 * `env.memory` (shared, with at most MAXIMUM_PAGES pages, when the placement says so) and must
 * reach past its scratch; the kernels' names and parameters are those of {@link KernelExports}.
 *
 * @example
 * import assert from 'node:assert'
 * import { emitKernelModule, PRODUCT_SHAPE } from './kernels-module.js'
 * import { webAssembly } from './webassembly.js'
 * assert.ok(webAssembly()?.validate(emitKernelModule(PRODUCT_SHAPE)))
 * assert.ok(webAssembly()?.validate(emitKernelModule(PRODUCT_SHAPE, { scratchBase: 1 << 20, shared: true })))
 */
export const emitKernelModule = (
  shape: ProductShape,
  placement: KernelPlacement = ALONE,
): Uint8Array => {
  const layout = scratchLayout(shape, placement.scratchBase)
  const definitions: readonly FunctionDefinition[] = [
    product(shape, layout),
    ...lanewiseKernels.map(lanewise),
    addRowVector(),
    columnSums(),
    transpose(),
    pairwiseSum(),
    microKernel(shape),
    packStrips('packLeft', shape.tileRows, layout.leftPanel),
    packStrips('packRight', 2 * shape.tileVectors, layout.rightPanel),
    copyEdge(shape, layout),
    fillZero(),
    directProduct(),
    gatherRight(layout),
  ]
  // Function indices are positions: check the definitions are in the order `indexOf` assumes.
  const order = definitions.map((definition) => definition.name)
  const expected = [...kernelNames, ...helperNames]
  const mismatch = expected.find(
    (expectedName) => order.indexOf(expectedName) !== indexOf(expectedName),
  )
  if (mismatch !== undefined || order.length !== expected.length) {
    throw new Error(`emitKernelModule: functions out of order at ${mismatch ?? 'the end'}`)
  }
  return emitModule({
    memory: {
      kind: 'import',
      module: 'env',
      name: 'memory',
      minimumPages: Math.ceil((layout.base + layout.scratchBytes) / PAGE_BYTES),
      ...(placement.shared ? { sharedMaximumPages: MAXIMUM_PAGES } : {}),
    },
    functions: definitions,
  })
}
