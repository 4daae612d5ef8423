// The trace renderings' words: the notebook's chain-rule headings in Russian, English otherwise,
// the same keys in both languages.

import { describe, expect, test } from 'vitest'
import { languages, traceWords } from '../../../src/teach/index.js'

describe('traceWords', () => {
  test('gives the notebook headings in Russian, English otherwise', () => {
    expect(traceWords('ru').forward).toBe('Прямое распространение')
    expect(traceWords('ru').backward).toBe('Обратное распространение (цепное правило)')
    expect(traceWords('en').forward).toBe('Forward pass')
    expect(traceWords(undefined).backward).toBe('Backward pass (chain rule)')
  })

  test('every language has every word', () => {
    const keys = languages.map((language) => Object.keys(traceWords(language)).sort())
    for (const own of keys) expect(own).toStrictEqual(keys[0])
    expect(traceWords('ru')).not.toStrictEqual(traceWords('en'))
  })
})
