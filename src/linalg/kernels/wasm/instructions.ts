// WebAssembly instructions as typed, encoded values: an expression knows the value type it leaves
// on the stack, a statement leaves nothing, so a kernel written with these helpers is type-checked
// by TypeScript before the engine validates it. Laws: each helper emits exactly the instruction
// the specification (§5.4, SIMD §5.4.8) encodes, after its operands' code, and nothing else.

import { type Bytes, float64Bytes, signedLeb128, unsignedLeb128 } from './encoding.js'

/** The value types the kernels use. */
export type ValueType = 'i32' | 'f64' | 'v128'

/** Each value type's byte in the binary format. */
export const valueTypeByte: Readonly<Record<ValueType, number>> = {
  i32: 0x7f,
  f64: 0x7c,
  v128: 0x7b,
}

/**
 * Encoded code as a tree: byte runs and nested code, in order. Helpers nest their operands
 * without copying them, so building a function is linear in its size; `encode` flattens once.
 */
export interface Code {
  readonly parts: readonly (Bytes | Code)[]
}

/** Code that leaves one value of type `T` on the stack. */
export interface Expression<T extends ValueType> extends Code {
  readonly type: T
}

/** Code that leaves the stack as it found it. */
export interface Statement extends Code {
  readonly type: 'statement'
}

/** A parameter or local variable of a function: its index and its type. */
export interface Local<T extends ValueType> {
  readonly index: number
  readonly type: T
}

/**
 * The bytes of `code`, in order.
 *
 * @example
 * import assert from 'node:assert'
 * import { encode, i32 } from './instructions.js'
 * assert.deepStrictEqual(encode(i32.add(i32.const(1), i32.const(2))), [0x41, 1, 0x41, 2, 0x6a])
 */
export const encode = (code: Code): number[] => {
  const bytes: number[] = []
  const append = (part: Bytes | Code): void => {
    if (isBytes(part)) for (const byte of part) bytes.push(byte)
    else for (const inner of part.parts) append(inner)
  }
  append(code)
  return bytes
}

const isBytes = (part: Bytes | Code): part is Bytes => Array.isArray(part)

const expression = <T extends ValueType>(
  type: T,
  ...parts: readonly (Bytes | Code)[]
): Expression<T> => ({ type, parts })

const statementOf = (...parts: readonly (Bytes | Code)[]): Statement => ({
  type: 'statement',
  parts,
})

/** The statements in order, as one statement. */
export const statements = (...parts: readonly Statement[]): Statement => statementOf(...parts)

/** The value of a local. */
export const get = <T extends ValueType>(local: Local<T>): Expression<T> =>
  expression(local.type, [0x20], unsignedLeb128(local.index))

/** Stores `value` in a local. */
export const set = <T extends ValueType>(local: Local<T>, value: Expression<T>): Statement =>
  statementOf(value, [0x21], unsignedLeb128(local.index))

/** Stores `value` in a local and leaves it on the stack. */
export const tee = <T extends ValueType>(local: Local<T>, value: Expression<T>): Expression<T> =>
  expression(local.type, value, [0x22], unsignedLeb128(local.index))

/** The memory immediate: log₂ of the alignment hint, then the constant byte offset. */
const memoryArgument = (alignmentLog2: number, offset: number): Bytes => [
  ...unsignedLeb128(alignmentLog2),
  ...unsignedLeb128(offset),
]

const binary =
  <T extends ValueType, R extends ValueType>(result: R, opcode: Bytes) =>
  (left: Expression<T>, right: Expression<T>): Expression<R> =>
    expression(result, left, right, opcode)

/** The SIMD prefix 0xfd followed by the SIMD opcode as unsigned LEB128. */
const simd = (opcode: number): Bytes => [0xfd, ...unsignedLeb128(opcode)]

/** 32-bit integer instructions. Addresses are i32 byte offsets into the memory. */
export const i32 = {
  const: (value: number): Expression<'i32'> => expression('i32', [0x41], signedLeb128(value)),
  add: binary<'i32', 'i32'>('i32', [0x6a]),
  sub: binary<'i32', 'i32'>('i32', [0x6b]),
  mul: binary<'i32', 'i32'>('i32', [0x6c]),
  and: binary<'i32', 'i32'>('i32', [0x71]),
  or: binary<'i32', 'i32'>('i32', [0x72]),
  shiftLeft: binary<'i32', 'i32'>('i32', [0x74]),
  shiftRightUnsigned: binary<'i32', 'i32'>('i32', [0x76]),
  equal: binary<'i32', 'i32'>('i32', [0x46]),
  notEqual: binary<'i32', 'i32'>('i32', [0x47]),
  lessThan: binary<'i32', 'i32'>('i32', [0x48]),
  greaterThan: binary<'i32', 'i32'>('i32', [0x4a]),
  lessOrEqual: binary<'i32', 'i32'>('i32', [0x4c]),
  greaterOrEqual: binary<'i32', 'i32'>('i32', [0x4e]),
  equalsZero: (value: Expression<'i32'>): Expression<'i32'> => expression('i32', value, [0x45]),
}

/** 64-bit float instructions. */
export const f64 = {
  const: (value: number): Expression<'f64'> => expression('f64', [0x44], float64Bytes(value)),
  add: binary<'f64', 'f64'>('f64', [0xa0]),
  sub: binary<'f64', 'f64'>('f64', [0xa1]),
  mul: binary<'f64', 'f64'>('f64', [0xa2]),
  div: binary<'f64', 'f64'>('f64', [0xa3]),
  /** IEEE maximum as WebAssembly defines it: NaN if either is NaN, max(−0, +0) = +0. */
  max: binary<'f64', 'f64'>('f64', [0xa5]),
  greaterThan: binary<'f64', 'i32'>('i32', [0x64]),
  /** Loads the double at `address + offset` (alignment hint 8 bytes). */
  load: (address: Expression<'i32'>, offset = 0): Expression<'f64'> =>
    expression('f64', address, [0x2b], memoryArgument(3, offset)),
  /** Stores `value` at `address + offset` (alignment hint 8 bytes). */
  store: (address: Expression<'i32'>, value: Expression<'f64'>, offset = 0): Statement =>
    statementOf(address, value, [0x39], memoryArgument(3, offset)),
}

/** Alignment hints for v128 memory access: a hint only, never a requirement (no trap if wrong). */
export type VectorAlignment = 8 | 16

const alignmentLog2 = (alignment: VectorAlignment): number => (alignment === 16 ? 4 : 3)

/** 128-bit vector instructions that do not depend on the lane shape. */
export const v128 = {
  /** The vector of sixteen zero bytes: +0 in both f64 lanes. */
  zero: expression('v128', simd(0x0c), new Array<number>(16).fill(0)),
  /** Loads 16 bytes at `address + offset`. */
  load: (
    address: Expression<'i32'>,
    offset = 0,
    alignment: VectorAlignment = 16,
  ): Expression<'v128'> =>
    expression('v128', address, simd(0x00), memoryArgument(alignmentLog2(alignment), offset)),
  /** Loads the double at `address + offset` into both lanes. */
  load64Splat: (address: Expression<'i32'>, offset = 0): Expression<'v128'> =>
    expression('v128', address, simd(0x0a), memoryArgument(3, offset)),
  /** Stores 16 bytes at `address + offset`. */
  store: (
    address: Expression<'i32'>,
    value: Expression<'v128'>,
    offset = 0,
    alignment: VectorAlignment = 16,
  ): Statement =>
    statementOf(address, value, simd(0x0b), memoryArgument(alignmentLog2(alignment), offset)),
  and: binary<'v128', 'v128'>('v128', simd(0x4e)),
  or: binary<'v128', 'v128'>('v128', simd(0x50)),
  /** Bits of `whenSet` where `mask` is 1, of `whenClear` where it is 0. */
  bitSelect: (
    whenSet: Expression<'v128'>,
    whenClear: Expression<'v128'>,
    mask: Expression<'v128'>,
  ): Expression<'v128'> => expression('v128', whenSet, whenClear, mask, simd(0x52)),
}

/** Instructions on two 64-bit float lanes. Each lane is computed as its scalar f64 twin. */
export const f64x2 = {
  splat: (value: Expression<'f64'>): Expression<'v128'> => expression('v128', value, simd(0x14)),
  extractLane: (vector: Expression<'v128'>, lane: 0 | 1): Expression<'f64'> =>
    expression('f64', vector, simd(0x21), [lane]),
  add: binary<'v128', 'v128'>('v128', simd(0xf0)),
  sub: binary<'v128', 'v128'>('v128', simd(0xf1)),
  mul: binary<'v128', 'v128'>('v128', simd(0xf2)),
  div: binary<'v128', 'v128'>('v128', simd(0xf3)),
  /** Lane-wise IEEE maximum as WebAssembly defines it (NaN propagates, max(−0, +0) = +0). */
  max: binary<'v128', 'v128'>('v128', simd(0xf5)),
  /** All ones in a lane where left > right, all zeros elsewhere (NaN compares false). */
  greaterThan: binary<'v128', 'v128'>('v128', simd(0x4a)),
}

/** `thenBranch` if `condition` is non-zero, else `elseBranch`. */
export const ifThen = (
  condition: Expression<'i32'>,
  thenBranch: readonly Statement[],
  elseBranch: readonly Statement[] = [],
): Statement =>
  statementOf(
    condition,
    [0x04, 0x40],
    ...thenBranch,
    elseBranch.length === 0 ? [] : [0x05],
    ...elseBranch,
    [0x0b],
  )

/** `whenTrue` if `condition` is non-zero, else `whenFalse`; both are evaluated. */
export const select = <T extends ValueType>(
  whenTrue: Expression<T>,
  whenFalse: Expression<T>,
  condition: Expression<'i32'>,
): Expression<T> => expression(whenTrue.type, whenTrue, whenFalse, condition, [0x1b])

/** The smaller of two signed i32 values; each is evaluated twice, so pass locals or constants. */
export const minimum = (left: Expression<'i32'>, right: Expression<'i32'>): Expression<'i32'> =>
  select(left, right, i32.lessThan(left, right))

/** Leaves the function. */
export const returnNow: Statement = statementOf([0x0f])

/** Calls the function at `index` with `parameters`; it must return nothing. */
export const call = (index: number, parameters: readonly Expression<ValueType>[]): Statement =>
  statementOf(...parameters, [0x10], unsignedLeb128(index))

/** Calls the function at `index` with `parameters`; it must return one value of type `result`. */
export const callValue = <T extends ValueType>(
  index: number,
  parameters: readonly Expression<ValueType>[],
  result: T,
): Expression<T> => expression(result, ...parameters, [0x10], unsignedLeb128(index))

/** Leaves the function, returning `value` (the function's result type must be its type). */
export const returnValue = <T extends ValueType>(value: Expression<T>): Statement =>
  statementOf(value, [0x0f])

/**
 * `for (counter = start; counter < end; counter += step) body` with signed compares: the test
 * runs before the first pass, then once at the bottom of each pass. `end` is evaluated at every
 * test, so it should be a local or a constant.
 */
export const forRange = (
  counter: Local<'i32'>,
  start: Expression<'i32'>,
  end: Expression<'i32'>,
  step: number,
  body: readonly Statement[],
): Statement =>
  statements(
    set(counter, start),
    ifThen(i32.lessThan(get(counter), end), [
      doWhile(
        [...body, set(counter, i32.add(get(counter), i32.const(step)))],
        i32.lessThan(get(counter), end),
      ),
    ]),
  )

/**
 * A block: `branchIf(0, condition)` inside it (at its own nesting level) jumps past its end.
 * Depths count enclosing blocks, loops and ifs outwards from 0.
 */
export const block = (body: readonly Statement[]): Statement =>
  statementOf([0x02, 0x40], ...body, [0x0b])

/** Branches to the enclosing construct `depth` levels out when `condition` is non-zero. */
export const branchIf = (depth: number, condition: Expression<'i32'>): Statement =>
  statementOf(condition, [0x0d], unsignedLeb128(depth))

/** `do body while (condition)`: the body runs at least once. */
export const doWhile = (body: readonly Statement[], condition: Expression<'i32'>): Statement =>
  statementOf([0x03, 0x40], ...body, condition, [0x0d, 0x00], [0x0b])
