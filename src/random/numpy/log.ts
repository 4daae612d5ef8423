// A correctly rounded natural logarithm for positive finite doubles, computed in double-double
// arithmetic, so the Gaussian draws get the same last bit as numpy's (glibc's `log`, which is
// nearly correctly rounded) more often than with V8's `Math.log`. Law: `log(x)` is ln x rounded
// to the nearest double, up to an error of about 2^-100 relative before that rounding.

/** A double-double number `hi + lo` with `|lo| <= ulp(hi) / 2`. */
interface Double2 {
  readonly hi: number
  readonly lo: number
}

/** Knuth's TwoSum: `a + b` exactly as a double-double. */
const twoSum = (a: number, b: number): Double2 => {
  const hi = a + b
  const bVirtual = hi - a
  const aVirtual = hi - bVirtual
  return { hi, lo: a - aVirtual + (b - bVirtual) }
}

/** Fast TwoSum for `|a| >= |b|`. */
const quickTwoSum = (a: number, b: number): Double2 => {
  const hi = a + b
  return { hi, lo: b - (hi - a) }
}

const splitter = 134217729 // 2^27 + 1

/** Dekker's TwoProduct via Veltkamp splitting: `a · b` exactly as a double-double. */
const twoProduct = (a: number, b: number): Double2 => {
  const hi = a * b
  const ca = splitter * a
  const aHi = ca - (ca - a)
  const aLo = a - aHi
  const cb = splitter * b
  const bHi = cb - (cb - b)
  const bLo = b - bHi
  return { hi, lo: aLo * bLo - (hi - aHi * bHi - aLo * bHi - aHi * bLo) }
}

const add = (a: Double2, b: Double2): Double2 => {
  const sum = twoSum(a.hi, b.hi)
  const tail = twoSum(a.lo, b.lo)
  const first = quickTwoSum(sum.hi, sum.lo + tail.hi)
  return quickTwoSum(first.hi, first.lo + tail.lo)
}

const multiply = (a: Double2, b: Double2): Double2 => {
  const product = twoProduct(a.hi, b.hi)
  return quickTwoSum(product.hi, product.lo + (a.hi * b.lo + a.lo * b.hi))
}

const divide = (a: Double2, b: Double2): Double2 => {
  const first = a.hi / b.hi
  const remainder = add(a, multiply(b, { hi: -first, lo: 0 }))
  const second = remainder.hi / b.hi
  return quickTwoSum(first, second)
}

/** `1 / n` as a double-double. */
const reciprocal = (n: number): Double2 => divide({ hi: 1, lo: 0 }, { hi: n, lo: 0 })

// log m = 2·atanh(s) = 2s · Σ_k s^(2k) / (2k + 1) with |s| <= 3 − 2√2, so s² < 0.0295: terms up
// to k = 10 are summed in double-double, the tail (below 2^-53 relative) in plain doubles.
const exactTerms = 11
const allTerms = 23
const coefficients: readonly Double2[] = Array.from({ length: exactTerms }, (_, k) =>
  reciprocal(2 * k + 1),
)
const ln2: Double2 = { hi: 0.6931471805599453, lo: 2.3190468138462996e-17 }

/** Splits a positive finite `x` into `m · 2^e` with `m` in [√½, √2). */
const reduce = (x: number): { readonly m: number; readonly e: number } => {
  let e = Math.floor(Math.log2(x))
  let m = x / 2 ** e
  // Math.log2 may land one off near powers of two or for subnormals; scaling by powers of two
  // is exact, so correct until m is in [1, 2).
  while (m >= 2) {
    m /= 2
    e++
  }
  while (m < 1) {
    m *= 2
    e--
  }
  return m > Math.SQRT2 ? { m: m / 2, e: e + 1 } : { m, e }
}

/**
 * The natural logarithm of `x` rounded to the nearest double. Defined for positive finite `x`
 * (the Gaussian sampler's `r²` in (0, 1)); other inputs fall back to `Math.log`.
 */
export const log = (x: number): number => {
  if (!(x > 0) || !Number.isFinite(x) || x < 2 ** -1000) return Math.log(x)
  const { m, e } = reduce(x)
  if (m === 1) return multiply(ln2, { hi: e, lo: 0 }).hi
  // s = (m − 1) / (m + 1): m − 1 is exact (Sterbenz), m + 1 is carried exactly by TwoSum.
  const s = divide({ hi: m - 1, lo: 0 }, twoSum(m, 1))
  const s2 = multiply(s, s)
  let tail = 0
  for (let k = allTerms - 1; k >= exactTerms; k--) tail = 1 / (2 * k + 1) + s2.hi * tail
  let sum: Double2 = { hi: tail, lo: 0 }
  for (let k = exactTerms - 1; k >= 0; k--) {
    sum = add(coefficients[k] ?? { hi: 0, lo: 0 }, multiply(s2, sum))
  }
  const logM = multiply({ hi: 2 * s.hi, lo: 2 * s.lo }, sum)
  const result = add(multiply(ln2, { hi: e, lo: 0 }), logM)
  return result.hi + result.lo
}
