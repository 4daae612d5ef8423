// The configs shipped in examples/ decode, and the notebook's two are the notebook's runs: the
// moons and circles settings of notebook cells 6 and 9 (datasets, sizes, lr 0.1, epochs).

import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { decodeConfig, parseConfig } from '../src/config.js'
import { right } from '../../test/support/either.js'
import { readFixture } from '../../test/support/fixtures.js'

const folder = new URL('../../examples/', import.meta.url)
const read = (name: string): string => readFileSync(new URL(name, folder), 'utf8')

describe('examples/*.json', () => {
  test.each(readdirSync(folder).filter((name) => name.endsWith('.json')))('%s decodes', (name) => {
    right(parseConfig(read(name)))
  })

  test('moons.json is the config the issue documents, the notebook’s moons run', () => {
    expect(right(parseConfig(read('moons.json')))).toStrictEqual(
      right(decodeConfig(readFixture('config_example.json'))),
    )
  })

  test('circles.json is the notebook’s circles run', () => {
    expect(right(parseConfig(read('circles.json')))).toMatchObject({
      data: { name: 'circles', samples: 300, noise: 0.1, factor: 0.5, seed: 42 },
      split: null,
      model: { layers: [2, 32, 16, 8, 1] },
      epochs: 2000,
    })
  })
})
