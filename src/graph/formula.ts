// Formulas as data: the term language in which a primitive writes its local derivative once
// (formula-terms.ts), printed in `entry` notation for traces and `array` notation for the
// walkthrough (formula-render.ts), and evaluated — at numbers, or as the gradient an operand
// receives — so the laws can hold a formula to the code it describes (formula-values.ts).

export * from './formula-terms.js'
export * from './formula-render.js'
export * from './formula-values.js'
