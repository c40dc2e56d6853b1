import { afterEach, describe, expect, it, vi } from 'vitest'
import { FakeSocket } from '@/testing/fakeSocket'
import { ACK_TIMEOUT_MS, emitReliably, SEND_ATTEMPTS, SocketAckError, type AckSocket } from './ack'

const payload = { conversation_id: 5, client_msg_id: 'c-1', type: 'text', body: { text: 'hi' } }

afterEach(() => {
  vi.useRealTimers()
})

function connectedSocket() {
  const socket = new FakeSocket()
  socket.connected = true
  return socket
}

describe('an acked emit that survives a bad connection', () => {
  it('is sent again with the same client_msg_id once the dropped connection is back', async () => {
    const socket = connectedSocket()
    const sending = emitReliably<{ message: { id: number } }>(socket as unknown as AckSocket, 'message:send', payload)
    await Promise.resolve()
    expect(socket.sent).toHaveLength(1)

    socket.drop()
    await Promise.resolve()
    expect(socket.sent).toHaveLength(1) // nothing goes out while offline

    socket.open()
    await vi.waitFor(() => expect(socket.sent).toHaveLength(2))
    socket.sent[1]!.ack!({ ok: true, message: { id: 42 } })

    await expect(sending).resolves.toEqual({ ok: true, message: { id: 42 } })
    expect(socket.sent.map((s) => s.payload)).toEqual([payload, payload])
    expect(new Set(socket.sent.map((s) => (s.payload as typeof payload).client_msg_id))).toEqual(new Set(['c-1']))
  })

  it('is sent again when no ack comes back in time, and the late first ack is ignored', async () => {
    vi.useFakeTimers()
    const socket = connectedSocket()
    const sending = emitReliably(socket as unknown as AckSocket, 'message:send', payload)
    await vi.advanceTimersByTimeAsync(ACK_TIMEOUT_MS)
    expect(socket.sent).toHaveLength(2)

    socket.sent[1]!.ack!({ ok: true, message: { id: 42 } })
    socket.sent[0]!.ack!({ ok: true, message: { id: 42 } })
    await expect(sending).resolves.toMatchObject({ message: { id: 42 } })
  })

  it('is not repeated when the server refuses it', async () => {
    const socket = connectedSocket()
    const sending = emitReliably(socket as unknown as AckSocket, 'message:send', payload)
    await Promise.resolve()
    socket.sent[0]!.ack!({ ok: false, errors: [{ code: 'forbidden', message: 'Not your conversation' }] })

    const error = await sending.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SocketAckError)
    expect((error as SocketAckError).code).toBe('forbidden')
    expect(socket.sent).toHaveLength(1)
  })

  it('gives up with a timeout after its attempts', async () => {
    vi.useFakeTimers()
    const socket = connectedSocket()
    const sending = emitReliably(socket as unknown as AckSocket, 'message:send', payload).catch((e: unknown) => e)
    await vi.advanceTimersByTimeAsync(ACK_TIMEOUT_MS * SEND_ATTEMPTS)
    const error = await sending
    expect((error as SocketAckError).code).toBe('timeout')
    expect(socket.sent).toHaveLength(SEND_ATTEMPTS)
  })
})
