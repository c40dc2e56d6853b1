import { Emitter } from '@socket.io/redis-emitter'
import redis from '@adonisjs/redis/services/main'
import type { ConsoleServerEvents } from '#realtime/events'

let consoleEmitter: ReturnType<Emitter<ConsoleServerEvents>['of']> | undefined

/**
 * Emits to console sockets from any process (a worker, say) through the Redis adapter's
 * channel: every web process delivers to the sockets it holds.
 */
export function toConsole() {
  consoleEmitter ??= new Emitter<ConsoleServerEvents>(redis.connection().ioConnection).of('/console')
  return consoleEmitter
}
