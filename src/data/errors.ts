// Errors of the data layer as values: which option of which generator is wrong, what it was, and
// what was expected — `makeMoons: samples is -3, expected a positive integer`.

/**
 * A generator, split or transform option outside what it accepts.
 *
 * @category Errors
 */
export interface InvalidOption {
  readonly _tag: 'InvalidOption'
  readonly operation: string
  readonly option: string
  readonly message: string
}

/**
 * Data that does not fit the operation (a shape, a label).
 *
 * @category Errors
 */
export interface InvalidData {
  readonly _tag: 'InvalidData'
  readonly operation: string
  readonly message: string
}

/**
 * Any error the data layer reports.
 *
 * @category Errors
 */
export type DataError = InvalidOption | InvalidData

/** How a value is shown in a message; never throws, whatever the value (JSON can hold anything). */
const describe = (value: unknown): string => {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value)
    case 'number':
    case 'boolean':
    case 'bigint':
    case 'undefined':
    case 'symbol':
      return String(value)
    case 'function':
      return 'a function'
    default:
      return value === null ? 'null' : Array.isArray(value) ? 'an array' : 'an object'
  }
}

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
