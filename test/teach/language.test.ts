// The one Language: `languages` lists English (the default) and the notebook's Russian, and every
// word table of gradfold/teach answers each of them with its own words.

import { describe, expect, test } from 'vitest'
import {
  figureWords,
  languages,
  traceWords,
  walkthroughWords,
  type Language,
} from '../../src/teach/index.js'

describe('languages', () => {
  test('are English first, then the notebook’s Russian, each once', () => {
    expect(languages).toStrictEqual(['en', 'ru'])
    const russian: Language = 'ru'
    expect(languages).toContain(russian)
  })

  test('each one has its own words in every table', () => {
    for (const table of [figureWords, traceWords, walkthroughWords]) {
      const [english, ...others] = languages.map((language) => table(language))
      for (const words of others) expect(words).not.toBe(english)
    }
  })
})
