import { beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { io } from 'socket.io-client'
import { connectConsole, disconnectConsole, syncRealtimeWithSession } from './socket'
import { RealtimeStatus, useRealtimeStore } from '@/stores/realtime'
import { useSessionStore } from '@/stores/session'
import { StaffRole } from '@/enums/staff'
import { useWecomSyncStore } from '@/stores/wecomSync'
import { runningSync } from '@/testing/wecomFixtures'

type Listener = (...args: unknown[]) => void

/** Enough of a socket.io client socket to play the server's side of the events. */
class FakeEmitter {
  listeners = new Map<string, Listener[]>()
  on(event: string, listener: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener])
    return this
  }
  removeAllListeners() {
    this.listeners.clear()
    return this
  }
  fire(event: string, ...args: unknown[]) {
    for (const listener of this.listeners.get(event) ?? []) listener(...args)
  }
}

class FakeSocket extends FakeEmitter {
  io = new FakeEmitter()
  disconnect = vi.fn()
}

vi.mock('socket.io-client', () => ({ io: vi.fn() }))

let sockets: FakeSocket[]

beforeEach(() => {
  sockets = []
  vi.mocked(io).mockImplementation((() => {
    const socket = new FakeSocket()
    sockets.push(socket)
    return socket
  }) as unknown as typeof io)
  disconnectConsole()
})

const staff = { id: 9, name: 'Mia', role: StaffRole.StoreManager, store_id: 4 }

describe('the console socket', () => {
  it('connects to /console with the token and reports each connection state', () => {
    const realtime = useRealtimeStore()

    const socket = connectConsole('tok-9') as unknown as FakeSocket

    expect(io).toHaveBeenCalledWith('/console', { path: '/socket.io', auth: { token: 'tok-9' } })
    expect(realtime.status).toBe(RealtimeStatus.Connecting)
    socket.fire('connect')
    expect(realtime.status).toBe(RealtimeStatus.Connected)
    socket.fire('disconnect', 'transport close')
    expect(realtime.status).toBe(RealtimeStatus.Disconnected)
    expect(realtime.lastError).toBe('transport close')
    socket.io.fire('reconnect_attempt')
    expect(realtime.status).toBe(RealtimeStatus.Connecting)
  })

  it('maps session:ready to the rooms this console is in', () => {
    const realtime = useRealtimeStore()
    const socket = connectConsole('tok-9') as unknown as FakeSocket
    socket.fire('connect')

    socket.fire('session:ready', { staff_id: 9, rooms: ['staff:9', 'store:4'] })

    expect(realtime.staffId).toBe(9)
    expect(realtime.rooms).toEqual(['staff:9', 'store:4'])
  })

  it('maps wecom:sync to the WeCom sync being followed', () => {
    const socket = connectConsole('tok-9') as unknown as FakeSocket
    socket.fire('wecom:sync', runningSync(30, 100))
    expect(useWecomSyncStore().current?.progress).toEqual({ done: 30, total: 100 })
    expect(useWecomSyncStore().isActive).toBe(true)
  })

  it('ends the session when the server refuses the token', () => {
    const session = useSessionStore()
    session.start('revoked', staff)
    const socket = connectConsole('revoked') as unknown as FakeSocket

    socket.fire('connect_error', new Error('unauthorized'))

    expect(useRealtimeStore().status).toBe(RealtimeStatus.Disconnected)
    expect(session.isAuthenticated).toBe(false)
    expect(session.endReason).toBe('expired')
  })

  it('keeps the session when the server is merely unreachable', () => {
    const session = useSessionStore()
    session.start('good', staff)
    const socket = connectConsole('good') as unknown as FakeSocket

    socket.fire('connect_error', new Error('xhr poll error'))

    expect(useRealtimeStore().status).toBe(RealtimeStatus.Disconnected)
    expect(session.isAuthenticated).toBe(true)
  })

  it('connects after login and disconnects on logout', async () => {
    const session = useSessionStore()
    const stop = syncRealtimeWithSession()
    expect(io).not.toHaveBeenCalled()

    session.start('tok-after-login', staff)
    await nextTick()
    expect(io).toHaveBeenCalledWith('/console', expect.objectContaining({ auth: { token: 'tok-after-login' } }))
    sockets[0]!.fire('connect')

    session.clear('logout')
    await nextTick()
    expect(sockets[0]!.disconnect).toHaveBeenCalled()
    expect(useRealtimeStore().status).toBe(RealtimeStatus.Disconnected)
    stop()
  })
})
