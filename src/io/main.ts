// `npm start`: the main job. Until the notebook tour lands it shows, honestly, what gradfold can
// do today — the linear-algebra layer on the notebook's own 2-3-1 input — and what comes next.

import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { linalg } from '../index.js'
import { readPackageInfo } from './package-info.js'

const info = readPackageInfo()

const demonstration = pipe(
  E.Do,
  E.bind('input', () => linalg.fromRows([[0.5, 0.3]])),
  E.bind('weights', () =>
    linalg.fromRows([
      [0.24835708, -0.06913215, 0.32384427],
      [0.76151493, -0.11707669, -0.11706848],
    ]),
  ),
  E.bind('product', ({ input, weights }) => linalg.matmul(input, weights)),
  E.map(({ input, weights, product }) =>
    [
      'The notebook’s first layer without its bias, z = X·W, on gradfold matrices:',
      `  X = ${linalg.formatNumpy(input)}`,
      `  W =\n${linalg.formatNumpy(weights).replace(/^/gm, '    ')}`,
      `  X·W = ${linalg.formatNumpy(product)}   (shape ${linalg.formatShape(product)})`,
      `  a shape mistake is a value, not a crash: ${E.match(
        (error: linalg.LinalgError) => error.message,
        () => 'no error?',
      )(linalg.matmul(weights, weights))}`,
    ].join('\n'),
  ),
)

process.stdout.write(
  [
    `${info.name} ${info.version} — ${info.description}`,
    '',
    E.match(
      (error: linalg.LinalgError) => `error: ${error.message}`,
      (text: string) => text,
    )(demonstration),
    '',
    'Working now: immutable matrices (src/linalg) with blocked, register-tiled matmul kernels,',
    'the transposed products backprop needs, numpy-compatible printing, and laws checked by',
    'property tests (`npm test`); matmul speed against TensorFlow.js: `npm run bench`.',
    '',
    'Coming next, issue by issue: seeded random keys and numpy’s stream with the notebook’s',
    'datasets; the computational-graph algebra with derivation traces; networks, losses and',
    'gradient checks; training as a fold with the CLI and this tour replaying the notebook;',
    'and the notebook’s figures as an HTML report.',
    '',
  ].join('\n'),
)
