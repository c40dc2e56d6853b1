import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { io as connect, type Socket } from 'socket.io-client'
import env from '#start/env'
import { RealtimeGateway } from '#realtime/gateway'
import { resetState } from '#tests/helpers/database'
import { staffWithToken } from '#tests/helpers/auth'

const url = `http://${env.get('HOST')}:${env.get('PORT')}`

function open(namespace: string, auth: Record<string, unknown>): Socket {
  return connect(`${url}${namespace}`, { path: '/socket.io', auth, transports: ['websocket'], reconnection: false })
}

function refusal(socket: Socket) {
  return new Promise<string>((resolve, reject) => {
    socket.once('connect', () => reject(new Error('connected without a valid token')))
    socket.once('connect_error', (error) => resolve(error.message))
  })
}

test.group('Console socket', (group) => {
  group.each.setup(() => resetState())

  test('a socket without a token, or with a bad one, gets connect_error "unauthorized"', async ({ assert }) => {
    const anonymous = open('/console', {})
    const forged = open('/console', { token: 'rps_forged.token' })
    assert.equal(await refusal(anonymous), 'unauthorized')
    assert.equal(await refusal(forged), 'unauthorized')
    anonymous.close()
    forged.close()
  })

  test('a staff token joins its staff:{id} and store:{id} rooms', async ({ assert, cleanup }) => {
    const { staff, token } = await staffWithToken('guide')
    const socket = open('/console', { token })
    cleanup(() => void socket.close())

    const ready = await new Promise<{ staff_id: number; rooms: string[] }>((resolve) => socket.once('session:ready', resolve))
    assert.equal(ready.staff_id, staff.id)
    assert.sameMembers(ready.rooms, [`staff:${staff.id}`, `store:${staff.storeId}`])

    // The server side agrees: the socket is in the staff's personal room (through the Redis adapter).
    const gateway = await app.container.make(RealtimeGateway)
    const inRoom = await gateway.io!.of('/console').in(`staff:${staff.id}`).fetchSockets()
    assert.lengthOf(inRoom, 1)
  })

  test('a resigned staff member\'s token no longer connects', async ({ assert }) => {
    const { staff, token } = await staffWithToken('guide')
    staff.status = 'resigned' as any
    await staff.save()
    const socket = open('/console', { token })
    assert.equal(await refusal(socket), 'unauthorized')
    socket.close()
  })

  test('a staff token is not a member token', async ({ assert }) => {
    const { token } = await staffWithToken('admin')
    const socket = open('/member', { token })
    assert.equal(await refusal(socket), 'unauthorized')
    socket.close()
  })
})
