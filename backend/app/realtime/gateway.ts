import type { Server as HttpServer } from 'node:http'
import { Server, type Namespace } from 'socket.io'
import { createAdapter } from '@socket.io/redis-adapter'
import type { Redis } from 'ioredis'
import type { Logger } from '@adonisjs/core/logger'
import type Staff from '#models/staff'
import { StaffRole } from '#enums/staff'
import { authenticateMemberToken, authenticateStaffToken } from '#realtime/auth'
import { adapterKey, emitThrough, stopEmittingThrough } from '#realtime/emitter'
import { registerChatHandlers } from '#realtime/conversations'
import { chatter } from '#services/chatter'
import {
  rooms,
  type ConsoleClientEvents,
  type ConsoleServerEvents,
  type MemberClientEvents,
  type MemberServerEvents,
  type MemberSocketData,
  type SocketData,
} from '#realtime/events'

/**
 * The socket.io gateway of a web process. The Redis adapter lets a message emitted in one web
 * process (or by a worker through the emitter) reach sockets held by any other.
 */
export class RealtimeGateway {
  io?: Server
  #pubSub: Redis[] = []

  constructor(
    private redis: Redis,
    private logger: Logger
  ) {}

  attach(httpServer: HttpServer) {
    if (this.io) return this.io
    const pub = this.redis.duplicate()
    const sub = this.redis.duplicate()
    this.#pubSub = [pub, sub]

    const io = new Server(httpServer, {
      path: '/socket.io',
      serveClient: false,
      adapter: createAdapter(pub, sub, { key: adapterKey() }),
      cors: { origin: true },
    })
    this.io = io
    emitThrough(io)

    this.#console(io.of('/console'))
    this.#member(io.of('/member'))
    return io
  }

  #console(nsp: Namespace<ConsoleClientEvents, ConsoleServerEvents, {}, SocketData>) {
    // The staff model stays with the socket (not in socket.data, which other processes may read).
    const staffOf = new WeakMap<object, Staff>()
    nsp.use(async (socket, next) => {
      const token = socket.handshake.auth?.token
      const staff = typeof token === 'string' ? await authenticateStaffToken(token) : null
      if (!staff) return next(new Error('unauthorized'))
      socket.data = { staffId: staff.id, role: staff.role, storeId: staff.storeId }
      staffOf.set(socket, staff)
      next()
    })

    nsp.on('connection', (socket) => {
      const joined = [rooms.staff(socket.data.staffId)]
      if (socket.data.storeId) joined.push(rooms.store(socket.data.storeId))
      if (socket.data.storeId && socket.data.role === StaffRole.StoreManager) joined.push(rooms.storeManagers(socket.data.storeId))
      socket.join(joined)
      registerChatHandlers(socket, chatter.staff(staffOf.get(socket)!), this.logger)
      socket.emit('session:ready', { staff_id: socket.data.staffId, rooms: joined })
    })
  }

  /**
   * Members authenticate with the member token of a one-time chat link (CONTRACTS section 6)
   * and are placed in their personal room.
   */
  #member(nsp: Namespace<MemberClientEvents, MemberServerEvents, {}, MemberSocketData>) {
    const names = new WeakMap<object, string | null>()
    nsp.use(async (socket, next) => {
      const token = socket.handshake.auth?.token
      const member = typeof token === 'string' ? await authenticateMemberToken(token) : null
      if (!member) return next(new Error('unauthorized'))
      socket.data = { memberId: member.id }
      names.set(socket, member.name)
      next()
    })

    nsp.on('connection', (socket) => {
      const joined = [rooms.member(socket.data.memberId)]
      socket.join(joined)
      registerChatHandlers(socket, chatter.member({ id: socket.data.memberId, name: names.get(socket) ?? null }), this.logger)
      socket.emit('session:ready', { member_id: socket.data.memberId, rooms: joined })
    })
  }

  /**
   * Disconnects every socket and stops the engine; the HTTP server belongs to its owner (the
   * web process or the test) and is closed by it.
   */
  async close() {
    if (!this.io) return
    stopEmittingThrough(this.io)
    this.io.disconnectSockets(true)
    this.io.engine.close()
    this.io = undefined
    await Promise.allSettled(this.#pubSub.map((client) => client.quit()))
    this.#pubSub = []
    this.logger.debug('socket gateway closed')
  }
}
