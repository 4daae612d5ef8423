// `npm start`: the main job. Until the notebook tour lands it shows, honestly, what gradfold can
// do today, on the notebook's own numbers: numpy's stream replayed from seed 42 gives the 2-3-1
// network's first weights, gradfold matrices compute its first layer, scikit-learn's moons and
// split come out as the notebook's, and the graph algebra derives the notebook's L = (x·w + b)².

import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { data, graph, linalg, random } from '../index.js'
import { readPackageInfo } from './package-info.js'

const info = readPackageInfo()

const indent = (text: string): string => text.replace(/^/gm, '    ')

// The notebook: np.random.seed(42); W1 = np.random.randn(2, 3) * 0.5; X = [[0.5, 0.3]].
const [draws] = random.numpy.randn(random.numpy.seed(42), 2, 3)
const weights = linalg.scale(draws, 0.5)

const firstLayer = pipe(
  linalg.fromRows([[0.5, 0.3]]),
  E.chain((input) =>
    E.map((product: linalg.Matrix) =>
      [
        'The notebook’s 2-3-1 network, first layer (its bias starts at zero):',
        `  W1 = randn(2, 3) · 0.5 from numpy’s stream seeded 42 =\n${indent(linalg.formatNumpy(weights))}`,
        `  X = ${linalg.formatNumpy(input)}`,
        `  z1 = X·W1 = ${linalg.formatNumpy(product)}   (shape ${linalg.formatShape(product)})`,
      ].join('\n'),
    )(linalg.matmul(input, weights)),
  ),
  E.mapLeft((error: linalg.LinalgError) => error.message),
)

const moons = pipe(
  data.makeMoons({ samples: 300, noise: 0.2, seed: 42, rng: 'numpy' }),
  E.chain((dataset) => data.trainTestSplit(dataset, { testSize: 0.2, seed: 42, rng: 'numpy' })),
  E.map(({ train, test, testIndices }) =>
    [
      'The notebook’s moons (300 samples, noise 0.2, seed 42), split 0.2 / 42 as scikit-learn does:',
      `  train X: ${linalg.formatShape(train.X)}, test X: ${linalg.formatShape(test.X)}`,
      `  first test rows: ${testIndices.slice(0, 5).join(', ')}, …`,
      `  first training example: ${linalg.formatNumpy(E.getOrElse(() => train.X)(linalg.selectRows(train.X, [0])))}`,
    ].join('\n'),
  ),
  E.mapLeft((error: data.DataError) => error.message),
)

// The notebook's computational graph: L = (x·w + b)² at x = 2, w = 3, b = 1, derived by gradfold.
const x = graph.scalarInput('x')
const product = graph.named(graph.mul(x, graph.scalarParameter('w')), 'xw')
const sum = graph.named(graph.add(product, graph.scalarParameter('b')), 'z')
const one = (value: number): linalg.Matrix => linalg.fill(1, 1, value)
const derivation = pipe(
  graph.compile(graph.named(graph.square(sum), 'L')),
  E.chain((plan) =>
    graph.traceGradients(plan, { inputs: { x: one(2) }, parameters: { w: one(3), b: one(1) } }),
  ),
  E.map(({ trace }) =>
    [
      'The notebook’s computational graph, L = (x·w + b)² at x = 2, w = 3, b = 1:',
      '',
      graph.renderText(trace),
    ].join('\n'),
  ),
  E.mapLeft((error: graph.GraphError) => error.message),
)

const mistake = E.match(
  (error: linalg.LinalgError) => `A shape mistake is a value, not a crash: ${error.message}`,
  () => 'A shape mistake went unnoticed.',
)(linalg.matmul(weights, weights))

const section = E.match(
  (message: string) => `error: ${message}`,
  (text: string) => text,
)

process.stdout.write(
  [
    `${info.name} ${info.version} — ${info.description}`,
    '',
    section(firstLayer),
    '',
    section(moons),
    '',
    section(derivation),
    '',
    mistake,
    '',
    'Working now: immutable matrices with blocked matmul kernels and numpy-exact sums and printing',
    '(src/linalg); splittable Threefry keys and numpy’s legacy stream as pure values (src/random);',
    'the notebook’s datasets, scikit-learn-exact, and more (src/data); the computational-graph',
    'algebra with reverse and forward mode and derivation traces (src/graph); laws checked by',
    'property tests (`npm test`); speed against TensorFlow.js and hand-written kernels (`npm run bench`);',
    'networks as immutable records with gradient checks (src/network, src/check); optimizers and',
    'training as a fold that reproduces the notebook’s moons and circles runs (src/train).',
    '',
    'Coming next, issue by issue: the training CLI and this tour replaying the whole notebook;',
    'then the notebook’s figures as an HTML report.',
    '',
  ].join('\n'),
)
