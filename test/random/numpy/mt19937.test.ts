// The MT19937 core against numpy's seeding (state_key_head), the reference implementation's
// published outputs and independent derivations of tempering and the masked interval draw.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import {
  initByArray,
  initGenrand,
  next32,
  nextDouble,
  nextInterval,
  stateSize,
  temper,
  type Mt19937,
} from '../../../src/random/numpy/mt19937.js'
import { field, numbers, readFixture } from '../../support/fixtures.js'

const fixture = readFixture('np_rng_expected.json')
const keyHeads = field(fixture, 'state_key_head')

const word = fc.integer({ min: 0, max: 0xffffffff })

const seeded = (seed: number): Mt19937 => {
  const key = new Uint32Array(stateSize)
  initGenrand(key, seed)
  return { key, position: stateSize }
}

/** Undoes MT19937's tempering step by step, written from the tempering's definition. */
const untemper = (output: number): number => {
  let y = output >>> 0
  y = (y ^ (y >>> 18)) >>> 0
  y = (y ^ ((y << 15) & 0xefc60000)) >>> 0
  let z = y
  for (let round = 0; round < 4; round++) z = (y ^ ((z << 7) & 0x9d2c5680)) >>> 0
  y = z
  z = y
  for (let round = 0; round < 2; round++) z = (y ^ (z >>> 11)) >>> 0
  return z
}

describe('seeding', () => {
  test.each(['0', '1', '42', '12345', '4294967295'])(
    'initGenrand(%s) writes numpy key head',
    (seed) => {
      const generator = seeded(Number(seed))
      expect(Array.from(generator.key.slice(0, 8))).toStrictEqual(numbers(field(keyHeads, seed)))
    },
  )

  test('initByArray([1, 2, 3]) writes numpy key head', () => {
    const key = new Uint32Array(stateSize)
    initByArray(key, [1, 2, 3])
    expect(Array.from(key.slice(0, 8))).toStrictEqual(
      numbers(field(fixture, 'array_seed_[1,2,3]_key_head')),
    )
  })

  test('initByArray matches the outputs published with mt19937ar.c', () => {
    // mt19937ar.out: init_by_array({0x123, 0x234, 0x345, 0x456}), then genrand_int32().
    const key = new Uint32Array(stateSize)
    initByArray(key, [0x123, 0x234, 0x345, 0x456])
    const generator: Mt19937 = { key, position: stateSize }
    const outputs = Array.from({ length: 5 }, () => next32(generator))
    expect(outputs).toStrictEqual([1067595299, 955945823, 477289528, 4107218783, 4228976476])
  })

  propertyTest.prop([word])('initGenrand keeps every word a 32-bit unsigned integer', (seed) => {
    const { key } = seeded(seed)
    expect(key[0]).toBe(seed)
    expect(key.every((entry) => Number.isInteger(entry) && entry >= 0 && entry <= 0xffffffff)).toBe(
      true,
    )
  })
})

describe('drawing words', () => {
  propertyTest.prop([word])('tempering is a bijection (untempering undoes it)', (value) => {
    expect(untemper(temper(value))).toBe(value)
    expect(temper(value)).toBeGreaterThanOrEqual(0)
  })

  test('next32 twists at position 624 and then walks the key', () => {
    const generator = seeded(0)
    next32(generator)
    expect(generator.position).toBe(1)
    for (let index = 1; index < stateSize; index++) next32(generator)
    expect(generator.position).toBe(stateSize)
    next32(generator)
    expect(generator.position).toBe(1)
  })

  test('nextDouble from seed 0 gives numpy random_sample', () => {
    const generator = seeded(0)
    const values = Array.from({ length: 5 }, () => nextDouble(generator))
    expect(values).toStrictEqual(numbers(field(field(fixture, 'random_sample_5'), '0')))
    expect(generator.position).toBe(10)
  })

  propertyTest.prop([word])(
    'nextDouble is a multiple of 2^-53 in [0, 1) from two words',
    (seed) => {
      const generator = seeded(seed)
      const copy: Mt19937 = { key: generator.key.slice(), position: generator.position }
      const value = nextDouble(generator)
      const a = next32(copy) >>> 5
      const b = next32(copy) >>> 6
      expect(value).toBe((a * 2 ** 26 + b) / 2 ** 53)
      expect(value >= 0 && value < 1).toBe(true)
    },
  )
})

describe('nextInterval', () => {
  propertyTest.prop([word, word])(
    'equals masking with 2^bits − 1 and rejecting above max',
    (seed, max) => {
      const generator = seeded(seed)
      const reference: Mt19937 = { key: generator.key.slice(), position: generator.position }
      const mask = max === 0 ? 0 : 2 ** (32 - Math.clz32(max)) - 1
      let expected = 0
      if (max > 0) {
        do {
          expected = next32(reference) % (mask + 1)
        } while (expected > max)
      }
      expect(nextInterval(generator, max)).toBe(expected)
      expect(generator.position).toBe(reference.position)
    },
  )

  propertyTest.prop([word, fc.integer({ min: 1, max: 32 })])(
    'a max of 2^k − 1 takes exactly one word',
    (seed, bits) => {
      const generator = seeded(seed)
      const reference: Mt19937 = { key: generator.key.slice(), position: generator.position }
      const max = 2 ** bits - 1
      expect(nextInterval(generator, max)).toBe(next32(reference) % (max + 1))
      expect(generator.position).toBe(reference.position)
    },
  )

  test('max 0 draws nothing', () => {
    const generator = seeded(3)
    expect(nextInterval(generator, 0)).toBe(0)
    expect(generator.position).toBe(stateSize)
  })
})
