// The package's public surface: the names outside code depends on stay where they are.

import { describe, expect, test } from 'vitest'
import * as gradfold from '../src/index.js'
import { right } from './support/either.js'

describe('public API', () => {
  test('exposes one namespace per layer that has landed', () => {
    expect(Object.keys(gradfold).sort()).toStrictEqual([
      'check',
      'data',
      'graph',
      'linalg',
      'network',
      'random',
      'train',
      'viz',
    ])
  })

  test('linalg keeps fromRows, toRows, matmul and transpose', () => {
    const { fromRows, toRows, matmul, transpose } = gradfold.linalg
    const a = right(fromRows([[1, 2]]))
    const b = right(fromRows([[3], [4]]))
    expect(toRows(right(matmul(a, b)))).toStrictEqual([[11]])
    expect(toRows(transpose(a))).toStrictEqual([[1], [2]])
  })

  test('kernels and raw buffers are not part of the surface', () => {
    const names = Object.keys(gradfold.linalg)
    expect(names).not.toContain('adopt')
    expect(names).not.toContain('bufferOf')
    expect(names).not.toContain('kernels')
  })
})
