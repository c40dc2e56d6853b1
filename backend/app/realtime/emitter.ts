import { Emitter } from '@socket.io/redis-emitter'
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
let consoleEmitter: ReturnType<Emitter<ConsoleServerEvents>['of']> | undefined
let memberEmitter: ReturnType<Emitter<MemberServerEvents>['of']> | undefined

function root() {
  emitter ??= new Emitter(redis.connection().ioConnection, { key: adapterKey() })
  return emitter
}

/**
 * Emits to console sockets from any process (a worker, say) through the Redis adapter's
 * channel: every web process delivers to the sockets it holds.
 */
export function toConsole() {
  consoleEmitter ??= (root() as unknown as Emitter<ConsoleServerEvents>).of('/console')
  return consoleEmitter
}

/** The same for member sockets (the member chat page). */
export function toMembers() {
  memberEmitter ??= (root() as unknown as Emitter<MemberServerEvents>).of('/member')
  return memberEmitter
}
