// Read-only views of the Float64Array buffers that back every Matrix.
// Law: nothing typed as ReadonlyFloat64Array is written through this type; kernels write only
// into buffers they were handed as `Float64Array` outputs: a fresh buffer a Matrix will adopt, or
// a workspace buffer a compiled plan owns (which it may overwrite in place, never handing it out).

/**
 * A Float64Array whose elements and mutating methods are hidden from the type system.
 *
 * @category Matrix
 */
export type ReadonlyFloat64Array = Readonly<
  Omit<Float64Array, 'set' | 'fill' | 'copyWithin' | 'reverse' | 'sort' | 'buffer' | 'subarray'>
>
