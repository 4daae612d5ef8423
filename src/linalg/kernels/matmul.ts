// Matrix products on row-major Float64Array buffers: small ones by a 4×4 register tile reading the
// operands in place, large ones cache-blocked (GotoBLAS), packed into panels a 4×3 micro-kernel
// multiplies. Laws: inputs are never written, all of `out` is assigned, every path sums each entry
// in the same order, and aᵀ·b, a·bᵀ equal matmul on a transposed copy bit for bit.

import type { ReadonlyFloat64Array } from '../buffer.js'

/**
 * Rows of the output tile the micro-kernel keeps in local variables. Of the shapes from 2×2 to 4×8
 * measured under V8 (Node 20, x86-64), 4×3 (12 sums, 7 operands) was fastest: 4×4 and larger spill
 * sums to the stack, smaller ones load more operands per multiply-add.
 */
const TILE_ROWS = 4
/** Columns of the output tile the micro-kernel keeps in local variables. */
const TILE_COLUMNS = 3
/**
 * The k-block: each output entry is summed over this many consecutive k in local variables, then
 * added to `out`. Every product uses the same value, which is what makes their results identical.
 */
const DEPTH_BLOCK = 256
/** Rows of the left operand packed at a time (DEPTH_BLOCK × ROW_BLOCK doubles stay in L2). */
const ROW_BLOCK = 64
/** Columns of the right operand packed at a time. */
const COLUMN_BLOCK = 512
/**
 * Products with at most this many multiply-adds (a small network's layers: 300×32 · 32×16 is
 * 153 600) skip packing and run `directProduct`, a 4×4 register tile reading the operands where
 * they lie: at these sizes they sit in cache and packing costs more than it saves (measured under
 * V8, Node 20: 1.2–2.7× faster on the notebook's shapes, equal at 128×128 · 128×10).
 */
const DIRECT_PRODUCT = 160_000

/**
 * Where the operands' entries live. Entry (row, p) of the left operand is
 * `left[row · leftRowStride + p · leftDepthStride]`; entry (p, column) of the right operand is
 * `right[p · rightDepthStride + column · rightColumnStride]`. Choosing the strides is how one
 * routine computes a·b, aᵀ·b and a·bᵀ without materialising a transpose.
 */
interface Operands {
  readonly left: ReadonlyFloat64Array
  readonly leftRowStride: number
  readonly leftDepthStride: number
  readonly right: ReadonlyFloat64Array
  readonly rightDepthStride: number
  readonly rightColumnStride: number
}

/**
 * out[rows×columns] = left · right summed over `depth`, in the shared order: for each k-block in
 * turn, a partial sum that starts at 0 and adds the block's products in increasing k; the first
 * partial sum is assigned to the entry, later ones are added to it.
 */
const product = (
  operands: Operands,
  out: Float64Array,
  rows: number,
  depth: number,
  columns: number,
): void => {
  if (rows === 0 || columns === 0) return
  if (depth === 0) {
    out.fill(0, 0, rows * columns)
    return
  }
  if (rows * depth * columns <= DIRECT_PRODUCT) {
    directProduct(operands, out, rows, depth, columns)
    return
  }
  if (rows < TILE_ROWS) {
    rowwiseProduct(operands, out, rows, depth, columns)
    return
  }
  blockedProduct(operands, out, rows, depth, columns)
}

/**
 * The shared summation order without packing: 4×4 tiles of partial sums held in local variables,
 * reading both operands through their strides; per k-block each partial sum starts at 0, adds the
 * block's products in increasing k, and is assigned to (first block) or added into `out`. Columns
 * past the last whole tile, and rows past the last whole strip, are summed one entry at a time
 * in the same order.
 */
const directProduct = (
  operands: Operands,
  out: Float64Array,
  rows: number,
  depth: number,
  columns: number,
): void => {
  const { left, leftRowStride, leftDepthStride, right, rightDepthStride, rightColumnStride } =
    operands
  const wholeRows = rows - (rows % 4)
  const wholeColumns = columns - (columns % 4)
  for (let depthStart = 0; depthStart < depth; depthStart += DEPTH_BLOCK) {
    const depthEnd = Math.min(depthStart + DEPTH_BLOCK, depth)
    const accumulate = depthStart > 0
    for (let row = 0; row < wholeRows; row += 4) {
      for (let column = 0; column < wholeColumns; column += 4) {
        let sum00 = 0
        let sum01 = 0
        let sum02 = 0
        let sum03 = 0
        let sum10 = 0
        let sum11 = 0
        let sum12 = 0
        let sum13 = 0
        let sum20 = 0
        let sum21 = 0
        let sum22 = 0
        let sum23 = 0
        let sum30 = 0
        let sum31 = 0
        let sum32 = 0
        let sum33 = 0
        let leftIndex = row * leftRowStride + depthStart * leftDepthStride
        let rightIndex = depthStart * rightDepthStride + column * rightColumnStride
        for (let p = depthStart; p < depthEnd; p++) {
          const left0 = left[leftIndex]!
          const left1 = left[leftIndex + leftRowStride]!
          const left2 = left[leftIndex + 2 * leftRowStride]!
          const left3 = left[leftIndex + 3 * leftRowStride]!
          const right0 = right[rightIndex]!
          const right1 = right[rightIndex + rightColumnStride]!
          const right2 = right[rightIndex + 2 * rightColumnStride]!
          const right3 = right[rightIndex + 3 * rightColumnStride]!
          sum00 += left0 * right0
          sum01 += left0 * right1
          sum02 += left0 * right2
          sum03 += left0 * right3
          sum10 += left1 * right0
          sum11 += left1 * right1
          sum12 += left1 * right2
          sum13 += left1 * right3
          sum20 += left2 * right0
          sum21 += left2 * right1
          sum22 += left2 * right2
          sum23 += left2 * right3
          sum30 += left3 * right0
          sum31 += left3 * right1
          sum32 += left3 * right2
          sum33 += left3 * right3
          leftIndex += leftDepthStride
          rightIndex += rightDepthStride
        }
        const row0 = row * columns + column
        const row1 = row0 + columns
        const row2 = row1 + columns
        const row3 = row2 + columns
        if (accumulate) {
          out[row0] = out[row0]! + sum00
          out[row0 + 1] = out[row0 + 1]! + sum01
          out[row0 + 2] = out[row0 + 2]! + sum02
          out[row0 + 3] = out[row0 + 3]! + sum03
          out[row1] = out[row1]! + sum10
          out[row1 + 1] = out[row1 + 1]! + sum11
          out[row1 + 2] = out[row1 + 2]! + sum12
          out[row1 + 3] = out[row1 + 3]! + sum13
          out[row2] = out[row2]! + sum20
          out[row2 + 1] = out[row2 + 1]! + sum21
          out[row2 + 2] = out[row2 + 2]! + sum22
          out[row2 + 3] = out[row2 + 3]! + sum23
          out[row3] = out[row3]! + sum30
          out[row3 + 1] = out[row3 + 1]! + sum31
          out[row3 + 2] = out[row3 + 2]! + sum32
          out[row3 + 3] = out[row3 + 3]! + sum33
        } else {
          out[row0] = sum00
          out[row0 + 1] = sum01
          out[row0 + 2] = sum02
          out[row0 + 3] = sum03
          out[row1] = sum10
          out[row1 + 1] = sum11
          out[row1 + 2] = sum12
          out[row1 + 3] = sum13
          out[row2] = sum20
          out[row2 + 1] = sum21
          out[row2 + 2] = sum22
          out[row2 + 3] = sum23
          out[row3] = sum30
          out[row3 + 1] = sum31
          out[row3 + 2] = sum32
          out[row3 + 3] = sum33
        }
      }
    }
    // The edges, in the same order: whole strips × leftover columns as 4×1 tiles, leftover rows ×
    // whole column strips as 1×4 tiles, and the corner entry by entry.
    for (let column = wholeColumns; column < columns; column++) {
      for (let row = 0; row < wholeRows; row += 4) {
        let sum0 = 0
        let sum1 = 0
        let sum2 = 0
        let sum3 = 0
        let leftIndex = row * leftRowStride + depthStart * leftDepthStride
        let rightIndex = depthStart * rightDepthStride + column * rightColumnStride
        for (let p = depthStart; p < depthEnd; p++) {
          const rightEntry = right[rightIndex]!
          sum0 += left[leftIndex]! * rightEntry
          sum1 += left[leftIndex + leftRowStride]! * rightEntry
          sum2 += left[leftIndex + 2 * leftRowStride]! * rightEntry
          sum3 += left[leftIndex + 3 * leftRowStride]! * rightEntry
          leftIndex += leftDepthStride
          rightIndex += rightDepthStride
        }
        const at = row * columns + column
        out[at] = accumulate ? out[at]! + sum0 : sum0
        out[at + columns] = accumulate ? out[at + columns]! + sum1 : sum1
        out[at + 2 * columns] = accumulate ? out[at + 2 * columns]! + sum2 : sum2
        out[at + 3 * columns] = accumulate ? out[at + 3 * columns]! + sum3 : sum3
      }
    }
    for (let row = wholeRows; row < rows; row++) {
      for (let column = 0; column < wholeColumns; column += 4) {
        let sum0 = 0
        let sum1 = 0
        let sum2 = 0
        let sum3 = 0
        let leftIndex = row * leftRowStride + depthStart * leftDepthStride
        let rightIndex = depthStart * rightDepthStride + column * rightColumnStride
        for (let p = depthStart; p < depthEnd; p++) {
          const leftEntry = left[leftIndex]!
          sum0 += leftEntry * right[rightIndex]!
          sum1 += leftEntry * right[rightIndex + rightColumnStride]!
          sum2 += leftEntry * right[rightIndex + 2 * rightColumnStride]!
          sum3 += leftEntry * right[rightIndex + 3 * rightColumnStride]!
          leftIndex += leftDepthStride
          rightIndex += rightDepthStride
        }
        const at = row * columns + column
        out[at] = accumulate ? out[at]! + sum0 : sum0
        out[at + 1] = accumulate ? out[at + 1]! + sum1 : sum1
        out[at + 2] = accumulate ? out[at + 2]! + sum2 : sum2
        out[at + 3] = accumulate ? out[at + 3]! + sum3 : sum3
      }
      for (let column = wholeColumns; column < columns; column++) {
        let sum = 0
        let leftIndex = row * leftRowStride + depthStart * leftDepthStride
        let rightIndex = depthStart * rightDepthStride + column * rightColumnStride
        for (let p = depthStart; p < depthEnd; p++) {
          sum += left[leftIndex]! * right[rightIndex]!
          leftIndex += leftDepthStride
          rightIndex += rightDepthStride
        }
        const at = row * columns + column
        out[at] = accumulate ? out[at]! + sum : sum
      }
    }
  }
}

/**
 * The shared summation order as a plain i-k-j loop, for products too thin (fewer rows than a
 * tile) to repay tiling: per row and k-block, the block's partial sums of all columns are
 * gathered in a scratch row, then assigned to or added into the row of `out`.
 */
const rowwiseProduct = (
  operands: Operands,
  out: Float64Array,
  rows: number,
  depth: number,
  columns: number,
): void => {
  const { left, leftRowStride, leftDepthStride, right, rightDepthStride, rightColumnStride } =
    operands
  const partialSums = new Float64Array(columns)
  for (let row = 0; row < rows; row++) {
    const outRowStart = row * columns
    for (let depthStart = 0; depthStart < depth; depthStart += DEPTH_BLOCK) {
      const depthEnd = Math.min(depthStart + DEPTH_BLOCK, depth)
      partialSums.fill(0)
      for (let p = depthStart; p < depthEnd; p++) {
        const leftEntry = left[row * leftRowStride + p * leftDepthStride]!
        let rightIndex = p * rightDepthStride
        for (let column = 0; column < columns; column++) {
          partialSums[column] = partialSums[column]! + leftEntry * right[rightIndex]!
          rightIndex += rightColumnStride
        }
      }
      for (let column = 0; column < columns; column++) {
        const partialSum = partialSums[column]!
        out[outRowStart + column] =
          depthStart === 0 ? partialSum : out[outRowStart + column]! + partialSum
      }
    }
  }
}

/** Rounds `count` up to a whole number of `tile`s. */
const roundUp = (count: number, tile: number): number => Math.ceil(count / tile) * tile

/**
 * The GotoBLAS loop nest: for each block of columns and k, pack the right operand into strips
 * TILE_COLUMNS wide; for each block of rows, pack the left operand into strips TILE_ROWS tall;
 * then run the micro-kernel on every (row strip, column strip) pair. Partial tiles at the edges
 * are computed into a small scratch tile and only their valid part is copied out.
 */
const blockedProduct = (
  operands: Operands,
  out: Float64Array,
  rows: number,
  depth: number,
  columns: number,
): void => {
  const depthBlockCapacity = Math.min(DEPTH_BLOCK, depth)
  const leftRegionSize = roundUp(Math.min(ROW_BLOCK, rows), TILE_ROWS) * depthBlockCapacity
  const rightRegionSize =
    roundUp(Math.min(COLUMN_BLOCK, columns), TILE_COLUMNS) * depthBlockCapacity
  // One scratch buffer holds both packed panels: the left one first, then the right one.
  const packed = new Float64Array(leftRegionSize + rightRegionSize)
  const edgeTile = new Float64Array(TILE_ROWS * TILE_COLUMNS)

  for (let columnBlockStart = 0; columnBlockStart < columns; columnBlockStart += COLUMN_BLOCK) {
    const columnBlockSize = Math.min(COLUMN_BLOCK, columns - columnBlockStart)
    for (let depthBlockStart = 0; depthBlockStart < depth; depthBlockStart += DEPTH_BLOCK) {
      const depthBlockSize = Math.min(DEPTH_BLOCK, depth - depthBlockStart)
      // The shared order: the first k-block's partial sums are assigned, later ones added.
      const accumulate = depthBlockStart > 0
      packRight(
        operands,
        packed,
        leftRegionSize,
        depthBlockStart,
        depthBlockSize,
        columnBlockStart,
        columnBlockSize,
      )
      for (let rowBlockStart = 0; rowBlockStart < rows; rowBlockStart += ROW_BLOCK) {
        const rowBlockSize = Math.min(ROW_BLOCK, rows - rowBlockStart)
        packLeft(operands, packed, rowBlockStart, rowBlockSize, depthBlockStart, depthBlockSize)
        for (let stripColumn = 0; stripColumn < columnBlockSize; stripColumn += TILE_COLUMNS) {
          const tileColumns = Math.min(TILE_COLUMNS, columnBlockSize - stripColumn)
          const rightOffset = leftRegionSize + stripColumn * depthBlockSize
          for (let stripRow = 0; stripRow < rowBlockSize; stripRow += TILE_ROWS) {
            const tileRows = Math.min(TILE_ROWS, rowBlockSize - stripRow)
            const leftOffset = stripRow * depthBlockSize
            const outOffset = (rowBlockStart + stripRow) * columns + columnBlockStart + stripColumn
            if (tileRows === TILE_ROWS && tileColumns === TILE_COLUMNS) {
              multiplyTile(
                packed,
                leftOffset,
                rightOffset,
                depthBlockSize,
                out,
                outOffset,
                columns,
                accumulate,
              )
            } else {
              multiplyTile(
                packed,
                leftOffset,
                rightOffset,
                depthBlockSize,
                edgeTile,
                0,
                TILE_COLUMNS,
                false,
              )
              for (let r = 0; r < tileRows; r++) {
                for (let c = 0; c < tileColumns; c++) {
                  const outIndex = outOffset + r * columns + c
                  const partialSum = edgeTile[r * TILE_COLUMNS + c]!
                  out[outIndex] = accumulate ? out[outIndex]! + partialSum : partialSum
                }
              }
            }
          }
        }
      }
    }
  }
}

/**
 * Packs rows [rowStart, rowStart + rowCount) × k [depthStart, depthStart + depthCount) of the left
 * operand at the start of `packed`, as strips of TILE_ROWS rows: within a strip, the TILE_ROWS
 * entries of one k are adjacent. Rows past the end of the operand are zero.
 */
const packLeft = (
  operands: Operands,
  packed: Float64Array,
  rowStart: number,
  rowCount: number,
  depthStart: number,
  depthCount: number,
): void => {
  const { left, leftRowStride, leftDepthStride } = operands
  let packedIndex = 0
  for (let stripRow = 0; stripRow < rowCount; stripRow += TILE_ROWS) {
    const stripRows = Math.min(TILE_ROWS, rowCount - stripRow)
    const stripStart = (rowStart + stripRow) * leftRowStride + depthStart * leftDepthStride
    for (let p = 0; p < depthCount; p++) {
      const sourceIndex = stripStart + p * leftDepthStride
      for (let r = 0; r < TILE_ROWS; r++) {
        packed[packedIndex + r] = r < stripRows ? left[sourceIndex + r * leftRowStride]! : 0
      }
      packedIndex += TILE_ROWS
    }
  }
}

/**
 * Packs k [depthStart, depthStart + depthCount) × columns [columnStart, columnStart + columnCount)
 * of the right operand into `packed` from `packedStart`, as strips of TILE_COLUMNS columns: within
 * a strip, the TILE_COLUMNS entries of one k are adjacent. Columns past the end are zero.
 */
const packRight = (
  operands: Operands,
  packed: Float64Array,
  packedStart: number,
  depthStart: number,
  depthCount: number,
  columnStart: number,
  columnCount: number,
): void => {
  const { right, rightDepthStride, rightColumnStride } = operands
  let packedIndex = packedStart
  for (let stripColumn = 0; stripColumn < columnCount; stripColumn += TILE_COLUMNS) {
    const stripColumns = Math.min(TILE_COLUMNS, columnCount - stripColumn)
    const stripStart =
      depthStart * rightDepthStride + (columnStart + stripColumn) * rightColumnStride
    for (let p = 0; p < depthCount; p++) {
      const sourceIndex = stripStart + p * rightDepthStride
      for (let c = 0; c < TILE_COLUMNS; c++) {
        packed[packedIndex + c] = c < stripColumns ? right[sourceIndex + c * rightColumnStride]! : 0
      }
      packedIndex += TILE_COLUMNS
    }
  }
}

/**
 * The micro-kernel: a TILE_ROWS × TILE_COLUMNS tile of partial sums over `depthCount` k, held in
 * local variables, reading one packed left strip and one packed right strip. It then assigns the
 * tile to `target` (rows `targetRowStride` apart) or, when `accumulate`, adds it there.
 *
 * The `| 0` on the packed indices tells V8 they are 32-bit integers, which removes an overflow
 * check per load (about 8% faster, measured); scratch buffers are far below 2³¹ entries.
 * Changing the tile shape means changing TILE_ROWS, TILE_COLUMNS and this body together.
 */
const multiplyTile = (
  packed: Float64Array,
  leftOffset: number,
  rightOffset: number,
  depthCount: number,
  target: Float64Array,
  targetOffset: number,
  targetRowStride: number,
  accumulate: boolean,
): void => {
  let sum00 = 0
  let sum01 = 0
  let sum02 = 0
  let sum10 = 0
  let sum11 = 0
  let sum12 = 0
  let sum20 = 0
  let sum21 = 0
  let sum22 = 0
  let sum30 = 0
  let sum31 = 0
  let sum32 = 0
  let leftIndex = leftOffset
  let rightIndex = rightOffset
  for (let p = 0; p < depthCount; p++) {
    const left0 = packed[leftIndex]!
    const left1 = packed[(leftIndex + 1) | 0]!
    const left2 = packed[(leftIndex + 2) | 0]!
    const left3 = packed[(leftIndex + 3) | 0]!
    const right0 = packed[rightIndex]!
    const right1 = packed[(rightIndex + 1) | 0]!
    const right2 = packed[(rightIndex + 2) | 0]!
    sum00 += left0 * right0
    sum01 += left0 * right1
    sum02 += left0 * right2
    sum10 += left1 * right0
    sum11 += left1 * right1
    sum12 += left1 * right2
    sum20 += left2 * right0
    sum21 += left2 * right1
    sum22 += left2 * right2
    sum30 += left3 * right0
    sum31 += left3 * right1
    sum32 += left3 * right2
    leftIndex = (leftIndex + TILE_ROWS) | 0
    rightIndex = (rightIndex + TILE_COLUMNS) | 0
  }
  const row0 = targetOffset
  const row1 = targetOffset + targetRowStride
  const row2 = targetOffset + 2 * targetRowStride
  const row3 = targetOffset + 3 * targetRowStride
  if (accumulate) {
    target[row0] = target[row0]! + sum00
    target[row0 + 1] = target[row0 + 1]! + sum01
    target[row0 + 2] = target[row0 + 2]! + sum02
    target[row1] = target[row1]! + sum10
    target[row1 + 1] = target[row1 + 1]! + sum11
    target[row1 + 2] = target[row1 + 2]! + sum12
    target[row2] = target[row2]! + sum20
    target[row2 + 1] = target[row2 + 1]! + sum21
    target[row2 + 2] = target[row2 + 2]! + sum22
    target[row3] = target[row3]! + sum30
    target[row3 + 1] = target[row3 + 1]! + sum31
    target[row3 + 2] = target[row3 + 2]! + sum32
  } else {
    target[row0] = sum00
    target[row0 + 1] = sum01
    target[row0 + 2] = sum02
    target[row1] = sum10
    target[row1 + 1] = sum11
    target[row1 + 2] = sum12
    target[row2] = sum20
    target[row2 + 1] = sum21
    target[row2 + 2] = sum22
    target[row3] = sum30
    target[row3 + 1] = sum31
    target[row3 + 2] = sum32
  }
}

/**
 * out[m×n] = a[m×k] · b[k×n], all row-major.
 *
 * Cache-blocked and register-tiled; each entry is summed over k in blocks of 256 (DEPTH_BLOCK)
 * in increasing k, the same order as {@link matmulTransposeA} and {@link matmulTransposeB}.
 * `out` must not alias `a` or `b`; every entry of it is assigned (its prior contents are ignored).
 */
export const matmul = (
  a: ReadonlyFloat64Array,
  b: ReadonlyFloat64Array,
  out: Float64Array,
  m: number,
  k: number,
  n: number,
): void => {
  product(
    {
      left: a,
      leftRowStride: k,
      leftDepthStride: 1,
      right: b,
      rightDepthStride: n,
      rightColumnStride: 1,
    },
    out,
    m,
    k,
    n,
  )
}

/**
 * out[m×n] = aᵀ · b where a is k×m and b is k×n (the weight gradient Xᵀ·δ).
 *
 * Packing reads a in transposed order, so no transpose is materialised; the result is bitwise
 * equal to `matmul(transpose(a), b)`. `out` must not alias `a` or `b`; all of it is assigned.
 */
export const matmulTransposeA = (
  a: ReadonlyFloat64Array,
  b: ReadonlyFloat64Array,
  out: Float64Array,
  m: number,
  k: number,
  n: number,
): void => {
  product(
    {
      left: a,
      leftRowStride: 1,
      leftDepthStride: m,
      right: b,
      rightDepthStride: n,
      rightColumnStride: 1,
    },
    out,
    m,
    k,
    n,
  )
}

/**
 * out[m×n] = a · bᵀ where a is m×k and b is n×k (the back-propagated error δ·Wᵀ).
 *
 * Packing reads b in transposed order, so no transpose is materialised; the result is bitwise
 * equal to `matmul(a, transpose(b))`. `out` must not alias `a` or `b`; all of it is assigned.
 */
export const matmulTransposeB = (
  a: ReadonlyFloat64Array,
  b: ReadonlyFloat64Array,
  out: Float64Array,
  m: number,
  k: number,
  n: number,
): void => {
  product(
    {
      left: a,
      leftRowStride: k,
      leftDepthStride: 1,
      right: b,
      rightDepthStride: 1,
      rightColumnStride: k,
    },
    out,
    m,
    k,
    n,
  )
}

/**
 * out[m×n] = a[m×k] · b[k×n] by the plain i-k-j loop: the benchmark's baseline and the tests'
 * oracle. It zeroes `out`, then adds each product a[i, p]·b[p, j] into out[i, j] in increasing p.
 */
export const naiveMatmul = (
  a: ReadonlyFloat64Array,
  b: ReadonlyFloat64Array,
  out: Float64Array,
  m: number,
  k: number,
  n: number,
): void => {
  out.fill(0, 0, m * n)
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < k; p++) {
      const leftEntry = a[i * k + p]!
      for (let j = 0; j < n; j++) out[i * n + j] = out[i * n + j]! + leftEntry * b[p * n + j]!
    }
  }
}
