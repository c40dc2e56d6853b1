import { copyText } from '@/composables/useClipboard'

/*
 * The WeCom JS-SDK as the chat-toolbar page (`/sidebar`) uses it. Inside WeCom the page asks it
 * who the current customer is and hands it the message to send; anywhere else (a browser, the
 * simulator) the customer comes from `?external_userid=` and the message goes to the clipboard.
 */

/** What WeCom answers an `invoke`: `err_msg` is `"<api>:ok"` on success. */
export interface WecomInvokeResult {
  err_msg?: string
  userId?: string
}

export interface WecomJsSdk {
  invoke(api: string, params: Record<string, unknown>, callback: (result: WecomInvokeResult) => void): void
}

/** The content of `sendChatMessage` (text, or a link card). */
export type ChatMessageContent =
  | { msgtype: 'text'; text: { content: string } }
  | { msgtype: 'news'; news: { link: string; title: string; desc?: string; imgUrl?: string } }

export enum SendOutcome {
  /** WeCom took it into the chat. */
  Sent = 'sent',
  /** No JS-SDK here: it is on the clipboard, to paste. */
  Copied = 'copied',
  Cancelled = 'cancelled',
  Failed = 'failed',
}

/** The JS-SDK when the page runs inside WeCom (`window.wx` with `invoke`), otherwise null. */
export function wecomJsSdk(): WecomJsSdk | null {
  const wx = (globalThis as { wx?: Partial<WecomJsSdk> }).wx
  return wx && typeof wx.invoke === 'function' ? (wx as WecomJsSdk) : null
}

function invoke(sdk: WecomJsSdk, api: string, params: Record<string, unknown>): Promise<WecomInvokeResult> {
  return new Promise((resolve) => sdk.invoke(api, params, resolve))
}

/** The text a content reads as, for the clipboard. */
export function plainText(content: ChatMessageContent): string {
  return content.msgtype === 'text' ? content.text.content : [content.news.title, content.news.desc, content.news.link].filter(Boolean).join('\n')
}

/**
 * Hands a message to WeCom's chat (`sendChatMessage`), or, without the JS-SDK, copies it. The
 * caller says so to the guide (sent, or copied: paste it into the chat).
 */
export async function sendChatMessage(
  content: ChatMessageContent,
  deps: { sdk?: WecomJsSdk | null; copy?: (text: string) => Promise<boolean> } = {}
): Promise<SendOutcome> {
  const sdk = deps.sdk === undefined ? wecomJsSdk() : deps.sdk
  if (sdk) {
    const result = await invoke(sdk, 'sendChatMessage', { ...content, enterChat: true })
    if (result.err_msg === 'sendChatMessage:ok') return SendOutcome.Sent
    return result.err_msg?.includes('cancel') ? SendOutcome.Cancelled : SendOutcome.Failed
  }
  return (await (deps.copy ?? copyText)(plainText(content))) ? SendOutcome.Copied : SendOutcome.Failed
}

/** The customer of the chat the toolbar is open in: `?external_userid=`, or WeCom's answer. */
export async function currentExternalUserId(fromQuery: unknown, sdk: WecomJsSdk | null = wecomJsSdk()): Promise<string | null> {
  if (typeof fromQuery === 'string' && fromQuery.trim()) return fromQuery.trim()
  if (!sdk) return null
  const result = await invoke(sdk, 'getCurExternalContact', {})
  return result.err_msg === 'getCurExternalContact:ok' && result.userId ? result.userId : null
}
