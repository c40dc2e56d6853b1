type Listener = (...args: unknown[]) => void

/** An event emitter like socket.io-client's (on, once, off, removeAllListeners). */
export class FakeEmitter {
  listeners = new Map<string, Listener[]>()

  on(event: string, listener: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener])
    return this
  }

  once(event: string, listener: Listener) {
    const wrapper: Listener & { original?: Listener } = (...args) => {
      this.off(event, wrapper)
      listener(...args)
    }
    wrapper.original = listener
    return this.on(event, wrapper)
  }

  off(event: string, listener: Listener) {
    const kept = (this.listeners.get(event) ?? []).filter((l) => l !== listener && (l as { original?: Listener }).original !== listener)
    this.listeners.set(event, kept)
    return this
  }

  removeAllListeners() {
    this.listeners.clear()
    return this
  }

  fire(event: string, ...args: unknown[]) {
    for (const listener of [...(this.listeners.get(event) ?? [])]) listener(...args)
  }
}

export interface SentEvent {
  event: string
  payload: unknown
  ack?: (answer: unknown) => void
}

/**
 * Enough of a socket.io client socket to play the server's side: it records what the client
 * emits (with their acks, to answer or leave unanswered) and can drop and restore the connection.
 */
export class FakeSocket extends FakeEmitter {
  io = new FakeEmitter()
  connected = false
  sent: SentEvent[] = []
  disconnect = () => {
    this.connected = false
    return this
  }
  connect = () => this

  emit(event: string, payload?: unknown, ack?: (answer: unknown) => void) {
    this.sent.push({ event, payload, ack })
    return this
  }

  /** The server accepted the connection (again). */
  open() {
    this.connected = true
    this.fire('connect')
  }

  /** The connection dropped. */
  drop(reason = 'transport close') {
    this.connected = false
    this.fire('disconnect', reason)
  }

  sentOf(event: string) {
    return this.sent.filter((entry) => entry.event === event)
  }
}
