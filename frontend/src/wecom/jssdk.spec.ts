import { afterEach, describe, expect, it, vi } from 'vitest'
import { currentExternalUserId, sendChatMessage, SendOutcome, wecomJsSdk, type WecomJsSdk } from './jssdk'

const text = { msgtype: 'text' as const, text: { content: '李小姐您好' } }

function sdkAnswering(answers: Record<string, Record<string, unknown>>) {
  const invoke = vi.fn((api: string, _params: Record<string, unknown>, callback: (result: Record<string, unknown>) => void) => callback(answers[api] ?? {}))
  return { sdk: { invoke } as WecomJsSdk, invoke }
}

afterEach(() => {
  delete (globalThis as { wx?: unknown }).wx
})

describe('handing a message to the WeCom chat', () => {
  it('uses sendChatMessage inside WeCom', async () => {
    const { sdk, invoke } = sdkAnswering({ sendChatMessage: { err_msg: 'sendChatMessage:ok' } })
    const copy = vi.fn()
    expect(await sendChatMessage(text, { sdk, copy })).toBe(SendOutcome.Sent)
    expect(invoke).toHaveBeenCalledWith('sendChatMessage', { msgtype: 'text', text: { content: '李小姐您好' }, enterChat: true }, expect.any(Function))
    expect(copy).not.toHaveBeenCalled()
  })

  it('says so when the guide cancels inside WeCom', async () => {
    const { sdk } = sdkAnswering({ sendChatMessage: { err_msg: 'sendChatMessage:cancel' } })
    expect(await sendChatMessage(text, { sdk })).toBe(SendOutcome.Cancelled)
  })

  it('copies the text to paste when the JS-SDK is absent', async () => {
    expect(wecomJsSdk()).toBeNull()
    const copy = vi.fn(async () => true)
    expect(await sendChatMessage(text, { copy })).toBe(SendOutcome.Copied)
    expect(copy).toHaveBeenCalledWith('李小姐您好')
  })
})

describe('the customer of the open chat', () => {
  it('comes from ?external_userid= first, then from WeCom', async () => {
    const { sdk, invoke } = sdkAnswering({ getCurExternalContact: { err_msg: 'getCurExternalContact:ok', userId: 'wmFROMSDK' } })
    expect(await currentExternalUserId(' wmEXT0031 ', sdk)).toBe('wmEXT0031')
    expect(invoke).not.toHaveBeenCalled()
    expect(await currentExternalUserId(undefined, sdk)).toBe('wmFROMSDK')
    expect(await currentExternalUserId(undefined, null)).toBeNull()
  })
})
