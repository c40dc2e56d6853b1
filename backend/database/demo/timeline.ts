/**
 * Events in time order (a binary min-heap). The demo history is replayed the way the engine
 * would have lived it: every sale, return and coupon in the order it happened, so tiers, points
 * and coupon states follow from what came before. Equal times keep their insertion order, which
 * keeps the replay deterministic.
 */
export class Timeline<T> {
  #heap: { at: number; seq: number; event: T }[] = []
  #seq = 0

  get size() {
    return this.#heap.length
  }

  add(at: number, event: T) {
    const heap = this.#heap
    heap.push({ at, seq: this.#seq++, event })
    let i = heap.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!this.#before(heap[i], heap[parent])) break
      ;[heap[i], heap[parent]] = [heap[parent], heap[i]]
      i = parent
    }
  }

  next(): { at: number; event: T } | undefined {
    const heap = this.#heap
    const top = heap[0]
    const last = heap.pop()
    if (heap.length && last) {
      heap[0] = last
      let i = 0
      for (;;) {
        const left = 2 * i + 1
        const right = left + 1
        let smallest = i
        if (left < heap.length && this.#before(heap[left], heap[smallest])) smallest = left
        if (right < heap.length && this.#before(heap[right], heap[smallest])) smallest = right
        if (smallest === i) break
        ;[heap[i], heap[smallest]] = [heap[smallest], heap[i]]
        i = smallest
      }
    }
    return top
  }

  #before(a: { at: number; seq: number }, b: { at: number; seq: number }) {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq)
  }
}
