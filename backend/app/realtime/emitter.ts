import { Emitter } from '@socket.io/redis-emitter'
import type { Namespace, Server } from 'socket.io'
import redis from '@adonisjs/redis/services/main'
import env from '#start/env'
import type { ConsoleServerEvents, MemberServerEvents } from '#realtime/events'

/**
 * The pub/sub channel prefix of the Redis adapter and emitter. Redis pub/sub ignores the
 * database number, so installations (or test runs) sharing one Redis on different databases
 * get their own channels; database 0 keeps socket.io's default.
 */
export function adapterKey() {
  const db = env.get('REDIS_DB', 0)
  return db ? `socket.io:db${db}` : 'socket.io'
}

let emitter: Emitter | undefined
let server: Server | undefined

function root() {
  emitter ??= new Emitter(redis.connection().ioConnection, { key: adapterKey() })
  return emitter
}

/**
 * In a web process the gateway's own server emits: it delivers to the sockets held here at
 * once and its Redis adapter carries the emit to the other processes, where the emitter would
 * publish and this process would decode its own message back from Redis before delivering it.
 */
export function emitThrough(io: Server) {
  server = io
}

export function stopEmittingThrough(io: Server) {
  if (server === io) server = undefined
}

/**
 * Emits to console sockets from any process (a worker, say): every web process delivers to
 * the sockets it holds.
 */
export function toConsole(): Namespace<{}, ConsoleServerEvents> | ReturnType<Emitter<ConsoleServerEvents>['of']> {
  return server?.of('/console') ?? (root() as unknown as Emitter<ConsoleServerEvents>).of('/console')
}

/** The same for member sockets (the member chat page). */
export function toMembers(): Namespace<{}, MemberServerEvents> | ReturnType<Emitter<MemberServerEvents>['of']> {
  return server?.of('/member') ?? (root() as unknown as Emitter<MemberServerEvents>).of('/member')
}
