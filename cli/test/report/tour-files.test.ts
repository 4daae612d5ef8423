// Writing the tour's report through a World without figures (the figures are checked in
// cli/test/tour-command.test.ts and in the browser): index.html with numbers and formulas, in the
// tour's language, and a refused write as a Left naming the file.

import { beforeAll, describe, expect, test } from 'vitest'
import { writeTourReport } from '../../src/report/tour-files.js'
import { runTour, type TourResults } from '../../src/tour.js'
import { left, right } from '../../../test/support/either.js'
import { memoryWorld } from '../support/memory-world.js'

describe('writeTourReport', () => {
  let results: TourResults
  beforeAll(() => {
    results = right(runTour())
  }, 60_000)

  test('without figures: index.html alone, in the tour’s language', async () => {
    const world = memoryWorld()
    const input = { results, comparison: undefined, language: 'ru', figures: false } as const
    const written = right(await writeTourReport(world, 'tour', input))
    expect(written).toStrictEqual({ figures: [], animations: [], page: 'tour/index.html' })
    expect([...world.files.keys()]).toStrictEqual(['tour/index.html'])
    const html = world.files.get('tour/index.html') ?? ''
    expect(html).toContain('<html lang="ru">')
    expect(html).toContain('ОБРАТНОЕ РАСПРОСТРАНЕНИЕ')
    expect(world.binaryFiles.size).toBe(0)
  })

  test('a refused page is a Left naming it', async () => {
    const world = memoryWorld({ unwritable: ['tour/'] })
    const input = { results, comparison: undefined, language: 'en', figures: false } as const
    expect(left(await writeTourReport(world, 'tour', input))).toBe(
      "cannot write 'tour/index.html': permission denied",
    )
  })
})
