// Loading JSON fixtures from test/fixtures with a light structural check, so a test reads typed
// values and a malformed fixture fails loudly instead of comparing against undefined.

import { readFileSync } from 'node:fs'

/** The parsed JSON of test/fixtures/<name>. */
export const readFixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'))

/** The value at `key` of an object, failing the test when it is missing. */
export const field = (value: unknown, key: string): unknown => {
  if (typeof value !== 'object' || value === null || !(key in value)) {
    throw new Error(`fixture has no field ${key}`)
  }
  return (value as Record<string, unknown>)[key]
}

/** A list of numbers, failing the test when it is anything else. */
export const numbers = (value: unknown): number[] => {
  if (!Array.isArray(value) || !value.every((entry) => typeof entry === 'number')) {
    throw new Error('fixture value is not a list of numbers')
  }
  return value
}

/** A list of rows of numbers, failing the test when it is anything else. */
export const rowsOf = (value: unknown): number[][] => {
  if (!Array.isArray(value)) throw new Error('fixture value is not a list of rows')
  return value.map(numbers)
}
