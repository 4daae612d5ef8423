// Test helpers for Either results: take the Right (failing the test with the Left's message)
// or the Left (failing if there was none).

import * as E from 'fp-ts/lib/Either.js'

/** The Right value; throws the Left's message so a test fails where it should. */
export const right = <Error, Value>(either: E.Either<Error, Value>): Value => {
  if (E.isLeft(either)) {
    const error: unknown = either.left
    const message =
      typeof error === 'object' && error !== null && 'message' in error
        ? String(error.message)
        : String(error)
    throw new Error(`expected Right, got Left: ${message}`)
  }
  return either.right
}

/** The Left value; throws when the Either is a Right. */
export const left = <Error, Value>(either: E.Either<Error, Value>): Error => {
  if (E.isRight(either)) throw new Error('expected Left, got Right')
  return either.left
}
