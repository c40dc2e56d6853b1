/**
 * A small seeded PRNG (mulberry32) and the draws the demo generator needs. The demo must look the
 * same on every machine, so nothing here touches Math.random or crypto.
 */
/** The codes' alphabet (no I, O, 0, 1): the demo draws from it with its seeded generator. */
export { CODE_ALPHABET } from '#services/member_registry'

export class Random {
  #state: number

  constructor(seed: number) {
    this.#state = seed >>> 0
  }

  /** Uniform in [0, 1). */
  next() {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0
    let t = this.#state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number) {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  chance(probability: number) {
    return this.next() < probability
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]
  }

  /** An index drawn in proportion to the weights. */
  weighted(weights: readonly number[]) {
    let total = 0
    for (const w of weights) total += w
    let r = this.next() * total
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i]
      if (r < 0) return i
    }
    return weights.length - 1
  }

  /** Standard normal (Box–Muller). */
  normal() {
    const u = 1 - this.next()
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next())
  }

  /** Spend and visit rates are long-tailed: a few people buy far more than the median. */
  logNormal(median: number, sigma: number) {
    return median * Math.exp(sigma * this.normal())
  }

  /** Counts of independent visits; a normal approximation once the mean is large. */
  poisson(mean: number) {
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()))
    const limit = Math.exp(-mean)
    let k = 0
    let p = this.next()
    while (p > limit) {
      k++
      p *= this.next()
    }
    return k
  }

  /** A peaked value in [min, max] around mode (triangular distribution). */
  triangular(min: number, mode: number, max: number) {
    const u = this.next()
    const split = (mode - min) / (max - min)
    return u < split
      ? min + Math.sqrt(u * (max - min) * (mode - min))
      : max - Math.sqrt((1 - u) * (max - min) * (max - mode))
  }

  /** Characters drawn from an alphabet: member referral and coupon codes. */
  code(alphabet: string, length: number) {
    let code = ''
    for (let i = 0; i < length; i++) code += alphabet[Math.floor(this.next() * alphabet.length)]
    return code
  }
}
