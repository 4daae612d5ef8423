// Errors of the data layer as values: which option of which generator is wrong, what it was, and
// what was expected — `makeMoons: samples is -3, expected a positive integer`.

/** A generator, split or transform option outside what it accepts. */
export interface InvalidOption {
  readonly _tag: 'InvalidOption'
  readonly operation: string
  readonly option: string
  readonly message: string
}

/** Data that does not fit the operation (a shape, a label). */
export interface InvalidData {
  readonly _tag: 'InvalidData'
  readonly operation: string
  readonly message: string
}

/** Any error the data layer reports. */
export type DataError = InvalidOption | InvalidData

const describe = (value: unknown): string =>
  typeof value === 'string'
    ? JSON.stringify(value)
    : Array.isArray(value)
      ? 'an array'
      : String(value)

/** `operation: option is value, expected expectation`. */
export const invalidOption = (
  operation: string,
  option: string,
  value: unknown,
  expectation: string,
): DataError => ({
  _tag: 'InvalidOption',
  operation,
  option,
  message: `${operation}: ${option} is ${describe(value)}, expected ${expectation}`,
})

/** `operation: message`. */
export const invalidData = (operation: string, message: string): DataError => ({
  _tag: 'InvalidData',
  operation,
  message: `${operation}: ${message}`,
})
