// An arbitrary of gradient transformations for chain laws: every transformation and alias of
// src/train with random options, and chains of them nested up to three deep. Each comes with a
// name (for failure messages) and a builder, so a law can build two independent copies.

import { fc } from '@fast-check/vitest'
import { chain, passThrough } from '../../src/train/combinators.js'
import type { Optimizer } from '../../src/train/optimizer.js'
import { adagrad } from '../../src/train/optimizers/adagrad.js'
import { adam } from '../../src/train/optimizers/adam.js'
import { adamw } from '../../src/train/optimizers/adamw.js'
import { momentum } from '../../src/train/optimizers/momentum.js'
import { nesterov } from '../../src/train/optimizers/nesterov.js'
import { rmsprop } from '../../src/train/optimizers/rmsprop.js'
import { sgd } from '../../src/train/optimizers/sgd.js'
import { exponentialDecay, type LearningRate } from '../../src/train/schedules.js'
import { addDecayedWeights } from '../../src/train/transforms/add-decayed-weights.js'
import { clipByGlobalNorm } from '../../src/train/transforms/clip-by-global-norm.js'
import { scaleByAdam } from '../../src/train/transforms/scale-by-adam.js'
import { scaleByLearningRate } from '../../src/train/transforms/scale-by-learning-rate.js'
import { scaleByRms } from '../../src/train/transforms/scale-by-rms.js'
import { scaleByRss } from '../../src/train/transforms/scale-by-rss.js'
import { trace } from '../../src/train/transforms/trace.js'
import { right } from './either.js'

/** A transformation to build (as often as a law needs a fresh one), and what to call it. */
export interface Built {
  readonly name: string
  readonly build: () => Optimizer<unknown>
}

const opaque = <State>(optimizer: Optimizer<State>): Optimizer<unknown> =>
  optimizer as unknown as Optimizer<unknown>

const beta = fc.constantFrom(0, 0.5, 0.9, 0.999)
const epsilon = fc.constantFrom(0, 1e-8, 1e-3)
const decay = fc.constantFrom(0, 0.01, 0.5)

/** A learning rate: a number (0 among them) or a schedule. */
export const learningRates: fc.Arbitrary<{ readonly name: string; readonly rate: LearningRate }> =
  fc.oneof(
    fc.constantFrom(0, 0.01, 0.3, 1).map((rate) => ({ name: String(rate), rate })),
    fc.constant({
      name: 'exponentialDecay(0.1)',
      rate: right(exponentialDecay(0.1, { decay: 0.5 })),
    }),
  )

/** One transformation or alias of src/train, with random options. */
export const primitives: fc.Arbitrary<Built> = fc.oneof(
  fc.record({ beta1: beta, beta2: beta, epsilon }).map((options) => ({
    name: `scaleByAdam(${JSON.stringify(options)})`,
    build: () => opaque(right(scaleByAdam(options))),
  })),
  fc.record({ decay: beta, epsilon }).map((options) => ({
    name: `scaleByRms(${JSON.stringify(options)})`,
    build: () => opaque(right(scaleByRms(options))),
  })),
  epsilon.map((value) => ({
    name: `scaleByRss(${value})`,
    build: () => opaque(right(scaleByRss({ epsilon: value }))),
  })),
  fc.record({ beta, nesterov: fc.boolean() }).map((options) => ({
    name: `trace(${JSON.stringify(options)})`,
    build: () => opaque(right(trace(options))),
  })),
  decay.map((value) => ({
    name: `addDecayedWeights(${value})`,
    build: () => opaque(right(addDecayedWeights(value))),
  })),
  fc.constantFrom(0.1, 1, 10).map((bound) => ({
    name: `clipByGlobalNorm(${bound})`,
    build: () => opaque(right(clipByGlobalNorm(bound))),
  })),
  learningRates.map(({ name, rate }) => ({
    name: `scaleByLearningRate(${name})`,
    build: () => opaque(right(scaleByLearningRate(rate))),
  })),
  fc.constant({ name: 'passThrough()', build: () => opaque(passThrough()) }),
  fc
    .tuple(
      learningRates,
      fc.constantFrom('sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam', 'adamw'),
    )
    .map(([{ name, rate }, alias]) => ({
      name: `${alias}(${name})`,
      build: () => {
        switch (alias) {
          case 'sgd':
            return opaque(right(sgd(rate)))
          case 'momentum':
            return opaque(right(momentum(rate)))
          case 'nesterov':
            return opaque(right(nesterov(rate)))
          case 'adagrad':
            return opaque(right(adagrad(rate)))
          case 'rmsprop':
            return opaque(right(rmsprop(rate)))
          case 'adam':
            return opaque(right(adam(rate)))
          case 'adamw':
            return opaque(right(adamw(rate, { weightDecay: 0.1 })))
        }
      },
    })),
)

/** The chain of these transformations, built afresh each time. */
export const chainOf = (members: readonly Built[]): Built => ({
  name: `chain(${members.map((member) => member.name).join(', ')})`,
  build: () => opaque(chain(...members.map((member) => member.build()))),
})

/** A transformation or a chain of them, nested up to three deep. */
export const transformations: fc.Arbitrary<Built> = fc.letrec<{ built: Built }>((tie) => ({
  built: fc.oneof(
    { depthSize: 'small', maxDepth: 3 },
    primitives,
    fc.array(tie('built'), { minLength: 0, maxLength: 3 }).map(chainOf),
  ),
})).built
