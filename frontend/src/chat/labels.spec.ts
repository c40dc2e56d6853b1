import { afterEach, describe, expect, it } from 'vitest'
import { setLocale } from '@/i18n'
import { SocketErrorCode } from '@/enums/chat'
import { AppLocale } from '@/enums/locale'
import { SocketAckError } from '@/realtime/ack'
import { sendErrorMessage } from './labels'

const refused = (code: string, message: string) => new SocketAckError(code, [{ code, message }])

describe('why a message was not sent', () => {
  afterEach(() => setLocale(AppLocale.ZhCN))

  it('tells someone sending too fast to wait and resend, in their language, not the server’s English', () => {
    const error = refused(SocketErrorCode.RateLimited, 'Too many messages at once: wait a moment and send again')
    setLocale(AppLocale.ZhCN)
    expect(sendErrorMessage(error)).toBe('发得太快了，稍等片刻再点「重发」。')
    setLocale(AppLocale.En)
    expect(sendErrorMessage(error)).toBe('Too many messages at once. Wait a moment, then tap Resend.')
  })

  it('shows the server’s own words for a refusal it has no label for', () => {
    setLocale(AppLocale.En)
    expect(sendErrorMessage(refused('conflict', 'The conversation was taken over'))).toBe('The conversation was taken over')
  })
})
