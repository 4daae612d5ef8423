// The fonts every figure is drawn with: DejaVu from the `dejavu-fonts-ttf` package, never the
// system's. Law: a missing font is a loud one-line Left, because resvg would otherwise drop every
// label without a word and the PNGs would come out silently blank of text.

import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'

/** The family every figure uses (`config.font` of the specs, `fontname` of the graphs). */
export const figureFontFamily = 'DejaVu Sans'

/** The font files loaded, in the package's `ttf/` folder; the first one is required. */
export const fontFileNames: readonly [required: string, ...optional: string[]] = [
  'DejaVuSans.ttf',
  'DejaVuSans-Bold.ttf',
  'DejaVuSans-Oblique.ttf',
  'DejaVuSans-BoldOblique.ttf',
  'DejaVuSerif.ttf',
  'DejaVuSerif-Bold.ttf',
  'DejaVuSerif-Italic.ttf',
  'DejaVuSansMono.ttf',
  'DejaVuSansMono-Bold.ttf',
]

/**
 * The DejaVu files found in a `dejavu-fonts-ttf` package folder (those of `fontFileNames` that
 * exist), or a one-line Left when DejaVu Sans itself is not there.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { fontFilesIn } from './fonts.js'
 * const missing = fontFilesIn('/no/such/dejavu-fonts-ttf')
 * assert.ok(E.isLeft(missing) && missing.left.startsWith('fonts: DejaVu Sans not found'))
 */
export const fontFilesIn = (packageDirectory: string): E.Either<string, readonly string[]> => {
  const folder = join(packageDirectory, 'ttf')
  const found = fontFileNames.map((name) => join(folder, name)).filter((path) => existsSync(path))
  const required = join(folder, fontFileNames[0])
  return found[0] === required
    ? E.right(found)
    : E.left(
        `fonts: DejaVu Sans not found (no ${required}); ` +
          'without a font every label would vanish from the PNG figures — reinstall the ' +
          'dejavu-fonts-ttf package (npm ci)',
      )
}

const packageDirectory = (): E.Either<string, string> => {
  try {
    return E.right(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')))
  } catch {
    return E.left(
      'fonts: the dejavu-fonts-ttf package is not installed; without a font every label would ' +
        'vanish from the PNG figures — run npm ci',
    )
  }
}

/**
 * The DejaVu font files (absolute paths) to hand to the PNG renderer, from the installed
 * `dejavu-fonts-ttf` package; a loud one-line Left when they are missing.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { fontFiles } from './fonts.js'
 * const files = fontFiles()
 * assert.ok(E.isRight(files) && files.right.some((path) => path.endsWith('DejaVuSans.ttf')))
 */
export const fontFiles = (): E.Either<string, readonly string[]> =>
  E.chain(fontFilesIn)(packageDirectory())
