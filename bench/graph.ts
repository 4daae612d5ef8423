// `npm run bench` (second part): the interpretive overhead of a compiled graph plan.
// 1. Time per node on a chain of tiny 1×1 operations, forward and backward, against the same
//    kernel calls written by hand. 2. A two-layer network's forward + backward pass at the
//    notebook's sizes (240×2 → 16 → 1, sigmoid, MSE), compiled once, against the same computation
//    hand-written with gradfold's linalg kernels. Writes bench/results/graph-<date>.json and
//    bench/results/graph-latest.json. Speed is reported, never asserted.

import { mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as E from 'fp-ts/lib/Either.js'
import { graph, linalg, random } from '../src/index.js'
import * as unchecked from '../src/linalg/unchecked.js'

const timeIt = (
  run: () => void,
  minimumMilliseconds = 1000,
): { median: number; best: number; runs: number } => {
  for (let index = 0; index < 5; index++) run()
  const times: number[] = []
  const start = performance.now()
  while (
    times.length < 20 ||
    (performance.now() - start < minimumMilliseconds && times.length < 5000)
  ) {
    const before = performance.now()
    run()
    times.push(performance.now() - before)
  }
  times.sort((a, b) => a - b)
  return {
    median: times[Math.floor(times.length / 2)] ?? Number.NaN,
    best: times[0] ?? Number.NaN,
    runs: times.length,
  }
}

const orFail = <Value>(either: E.Either<{ readonly message: string }, Value>): Value => {
  if (E.isLeft(either)) throw new Error(either.left.message)
  return either.right
}

// 1. A chain of tiny operations.
const chainLength = 1000
let chain: graph.Expression<'scalar'> = graph.scalarParameter('x')
for (let index = 0; index < chainLength; index++) chain = graph.scale(chain, 1.0001)
const chainPlan = orFail(graph.compile(chain))
const chainBindings = { parameters: { x: linalg.fill(1, 1, 0.5) } }
const chainGraph = timeIt(() => {
  orFail(graph.valueAndGradients(chainPlan, chainBindings))
})
const chainByHand = timeIt(() => {
  let value = linalg.fill(1, 1, 0.5)
  for (let index = 0; index < chainLength; index++) value = unchecked.scale(value, 1.0001)
  let gradient = unchecked.scalar(1)
  for (let index = 0; index < chainLength; index++) gradient = unchecked.scale(gradient, 1.0001)
})

// 2. A two-layer network at the notebook's sizes.
const [k1, k2, k3, k4] = random.split(random.key(0), 4)
if (k1 === undefined || k2 === undefined || k3 === undefined || k4 === undefined)
  throw new Error('split')
const X = random.normal(k1, 240, 2)
const y = linalg.map(random.uniform(k2, 240, 1), (value) => (value < 0.5 ? 0 : 1))
const parameters = {
  W1: random.normal(k3, 2, 16, { std: Math.sqrt(2 / 2) }),
  b1: linalg.zeros(1, 16),
  W2: random.normal(k4, 16, 1, { std: Math.sqrt(2 / 16) }),
  b2: linalg.zeros(1, 1),
}
const targets = orFail(y)
const a1 = graph.sigmoid(
  graph.addRowVector(
    graph.matmul(graph.input('X', 240, 2), graph.parameter('W1', 2, 16)),
    graph.parameter('b1', 1, 16),
  ),
)
const a2 = graph.sigmoid(
  graph.addRowVector(graph.matmul(a1, graph.parameter('W2', 16, 1)), graph.parameter('b2', 1, 1)),
)
const loss = graph.mean(graph.square(graph.sub(a2, graph.input('y', 240, 1))))
const networkPlan = orFail(graph.compile(loss))
const networkBindings = { inputs: { X, y: targets }, parameters }
const networkGraph = timeIt(() => {
  orFail(graph.valueAndGradients(networkPlan, networkBindings))
})

const sigmoid = (value: number): number =>
  value >= 0 ? 1 / (1 + Math.exp(-value)) : Math.exp(value) / (1 + Math.exp(value))
const slope = (value: number): number => value * (1 - value)
const byHand = (): void => {
  const z1 = unchecked.addRowVector(unchecked.matmul(X, parameters.W1), parameters.b1)
  const h = unchecked.map(z1, sigmoid)
  const z2 = unchecked.addRowVector(unchecked.matmul(h, parameters.W2), parameters.b2)
  const out = unchecked.map(z2, sigmoid)
  const error = unchecked.sub(out, targets)
  linalg.mean(unchecked.mul(error, error))
  const dOut = unchecked.scale(error, 2 / 240)
  const dZ2 = unchecked.mul(dOut, unchecked.map(out, slope))
  unchecked.matmulTransposeA(h, dZ2)
  linalg.columnSums(dZ2)
  const dH = unchecked.matmulTransposeB(dZ2, parameters.W2)
  const dZ1 = unchecked.mul(dH, unchecked.map(h, slope))
  unchecked.matmulTransposeA(X, dZ1)
  linalg.columnSums(dZ1)
}
const networkByHand = timeIt(byHand)

const rows = [
  ['chain of 1000 scalar ops (forward + backward)', chainGraph, chainByHand],
  ['2-layer net 240×2→16→1, sigmoid, MSE (forward + backward)', networkGraph, networkByHand],
] as const
console.log(
  `node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${new Date().toISOString()}`,
)
console.log('')
console.log(
  'case                                                        graph ms   by hand ms   ratio   graph µs/node',
)
for (const [name, compiled, hand] of rows) {
  const nodes = name.startsWith('chain') ? chainPlan.steps.length : networkPlan.steps.length
  console.log(
    `${name.padEnd(58)}  ${compiled.median.toFixed(4).padStart(8)}   ${hand.median.toFixed(4).padStart(10)}   ${(compiled.median / hand.median).toFixed(2).padStart(5)}   ${((1000 * compiled.median) / nodes).toFixed(2).padStart(13)}`,
  )
}

const report = JSON.stringify(
  {
    date: new Date().toISOString(),
    node: process.version,
    cpu: os.cpus()[0]?.model,
    cases: rows.map(([name, compiled, hand]) => ({
      name,
      graph: compiled,
      byHand: hand,
      ratio: compiled.median / hand.median,
    })),
  },
  null,
  2,
)
const resultsDirectory = fileURLToPath(new URL('../../bench/results/', import.meta.url))
mkdirSync(resultsDirectory, { recursive: true })
const fileName = `graph-${new Date().toISOString().replaceAll(':', '-')}.json`
writeFileSync(join(resultsDirectory, fileName), report)
writeFileSync(join(resultsDirectory, 'graph-latest.json'), report)
console.log(`\nwrote bench/results/${fileName} and bench/results/graph-latest.json`)
