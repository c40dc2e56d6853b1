import type { HttpContext } from '@adonisjs/core/http'
import StartMemberSession from '#actions/conversations/start_member_session'
import { memberHome, memberConversations } from '#queries/conversations/member_chat'
import { memberSessionValidator } from '#validators/conversation'

/**
 * The member chat page's own API: a chat-link ticket buys a member token; with it the page
 * reads who the member is, their guide and their conversations.
 */
export default class MemberSessionsController {
  async store({ request }: HttpContext) {
    const { ticket } = await request.validateUsing(memberSessionValidator)
    return new StartMemberSession().handle(ticket)
  }

  async me(ctx: HttpContext) {
    return memberHome(ctx.member!)
  }

  async conversations(ctx: HttpContext) {
    return { data: await memberConversations(ctx.member!.id) }
  }
}

