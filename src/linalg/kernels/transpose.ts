// The portable transpose kernel, blocked in 32×32 tiles so both the reads and the writes stay
// within a few cache lines. Law: out[c, r] = a[r, c] exactly.

import type { ReadonlyFloat64Array } from '../buffer.js'

const tile = 32

/** out[cols×rows] = aᵀ for a of shape rows×cols. */
export const transpose = (
  a: ReadonlyFloat64Array,
  out: Float64Array,
  rows: number,
  cols: number,
): void => {
  for (let rowStart = 0; rowStart < rows; rowStart += tile) {
    const rowEnd = Math.min(rowStart + tile, rows)
    for (let colStart = 0; colStart < cols; colStart += tile) {
      const colEnd = Math.min(colStart + tile, cols)
      for (let r = rowStart; r < rowEnd; r++) {
        for (let c = colStart; c < colEnd; c++) out[c * rows + r] = a[r * cols + c]!
      }
    }
  }
}
