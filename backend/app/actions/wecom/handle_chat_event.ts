import logger from '@adonisjs/core/services/logger'
import { DateTime } from 'luxon'
import { WecomApiError, type WecomEvent } from '@rapport/wecom'
import { wecomClient } from '#services/wecom'
import { dismissGroup, syncGroup, type GroupChatInfo } from '#services/wecom_groups'
import { transaction } from '#services/transactions'

export type ChatEvent = Extract<WecomEvent, { kind: 'chat' }>

/** WeCom's answer for a chat that does not exist (any more). */
const CHAT_NOT_FOUND = 40050

/**
 * A customer group changed (change_external_chat). For create and update we read the group
 * as it is now (groupchat/get) and apply it; the event's MemChangeList, JoinScene and
 * QuitScene make the history entry. A dismissed group cannot be read any more: it is closed
 * from the event alone.
 */
export default class HandleChatEvent {
  async handle(event: ChatEvent) {
    const at = DateTime.fromSeconds(event.createTime)
    if (event.changeType === 'dismiss') {
      await transaction((trx) => dismissGroup(trx, event.chatId, at))
      return
    }

    let chat: GroupChatInfo
    try {
      chat = await wecomClient().getGroupChat(event.chatId, 1)
    } catch (error) {
      // Dismissed since: its dismiss event closes it.
      if (error instanceof WecomApiError && error.errcode === CHAT_NOT_FOUND) {
        logger.info({ chatId: event.chatId }, 'WeCom group gone before its change was handled')
        return
      }
      throw error
    }
    await transaction((trx) =>
      syncGroup(trx, chat, {
        updateDetail: event.changeType === 'update' ? event.updateDetail : undefined,
        memChangeList: event.memChangeList,
        joinScene: event.joinScene,
        quitScene: event.quitScene,
        createTime: event.createTime,
      })
    )
  }
}
