/**
 * The demo rows are bulk-inserted with explicit ids, handed out in the order the engine would
 * have created them, so rows can point at each other (a return at its sale line, an entry at
 * its order) before anything is written. Each sequence starts after the table's current max.
 */
export type IdSequences = {
  members: number
  orders: number
  lines: number
  entries: number
  tierChanges: number
  coupons: number
}

export class Ids {
  #last: IdSequences

  constructor(last: IdSequences) {
    this.#last = { ...last }
  }

  next(table: keyof IdSequences) {
    return ++this.#last[table]
  }
}
