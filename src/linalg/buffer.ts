// Read-only views of the Float64Array buffers that back every Matrix.
// Law: nothing typed as ReadonlyFloat64Array is written through this type; kernels write only
// into buffers they were handed as `Float64Array` outputs that the caller freshly allocated.

/** A Float64Array whose elements and mutating methods are hidden from the type system. */
export type ReadonlyFloat64Array = Readonly<
  Omit<Float64Array, 'set' | 'fill' | 'copyWithin' | 'reverse' | 'sort' | 'buffer' | 'subarray'>
>
