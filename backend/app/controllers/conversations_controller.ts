import type { HttpContext } from '@adonisjs/core/http'
import ConversationPolicy from '#policies/conversation_policy'
import CreateChatLink from '#actions/conversations/create_chat_link'
import SendMessage from '#actions/conversations/send_message'
import MarkSeen from '#actions/conversations/mark_seen'
import SendCoupon from '#actions/conversations/send_coupon'
import TakeOverConversation from '#actions/conversations/take_over_conversation'
import TransferConversation from '#actions/conversations/transfer_conversation'
import CreateGroup from '#actions/conversations/create_group'
import AddGroupMembers from '#actions/conversations/add_group_members'
import { MessageType } from '#enums/conversation'
import {
  conversationList,
  listRow,
  messagePage,
  visibleConversation,
} from '#queries/conversations/conversation_queries'
import { responseStats } from '#queries/conversations/response_stats'
import { conversationDetail } from '#queries/conversations/conversation_detail'
import { presentConversation, presentMessages } from '#queries/conversations/presenters'
import { paginate } from '#queries/paginate'
import { actor } from '#services/audit'
import { chatter, type Chatter } from '#services/chatter'
import {
  createGroupValidator,
  groupMembersValidator,
  listConversationsValidator,
  messagePageValidator,
  readValidator,
  restSendMessageValidator,
  sendCouponValidator,
  statsValidator,
  transferValidator,
} from '#validators/conversation'

/** The staff member or member behind the request (catch-up, sending and read marks take both). */
function who(ctx: HttpContext): Chatter {
  return ctx.member ? chatter.member(ctx.member) : chatter.staff(ctx.auth.getUserOrFail())
}

export default class ConversationsController {
  async index({ auth, request }: HttpContext) {
    const filters = await request.validateUsing(listConversationsValidator, { data: request.qs() })
    return paginate(conversationList(auth.getUserOrFail(), filters), filters, (c) => presentConversation(listRow(c)))
  }

  async show({ auth, params }: HttpContext) {
    return conversationDetail(auth.getUserOrFail(), Number(params.id))
  }

  /** Catch-up and scrolling back: `after_seq` / `before_seq` (exclusive), ascending seq. */
  async messages(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(messagePageValidator, { data: ctx.request.qs() })
    const conversation = await visibleConversation(who(ctx), Number(ctx.params.id))
    const page = await messagePage(conversation.id, input)
    return { messages: await presentMessages(page.messages), has_more: page.has_more }
  }

  /** The REST twin of `message:send` (201, or 200 with the stored message for a retry). */
  async send(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(restSendMessageValidator)
    const { message, duplicate } = await new SendMessage().handle(who(ctx), {
      conversation_id: Number(ctx.params.id),
      client_msg_id: input.client_msg_id,
      type: input.type as MessageType,
      body: input.body,
    })
    return ctx.response.status(duplicate ? 200 : 201).send({ message })
  }

  async read(ctx: HttpContext) {
    const { seq } = await ctx.request.validateUsing(readValidator)
    return new MarkSeen().handle(who(ctx), Number(ctx.params.id), seq, 'read')
  }

  async chatLink(ctx: HttpContext) {
    const staff = ctx.auth.getUserOrFail()
    return ctx.response.created(await new CreateChatLink().handle(Number(ctx.params.id), staff, actor.staff(staff, ctx)))
  }

  async coupon(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(sendCouponValidator)
    const staff = ctx.auth.getUserOrFail()
    const { message, duplicate } = await new SendCoupon().handle(
      Number(ctx.params.id),
      input.template_id,
      input.client_msg_id,
      staff,
      actor.staff(staff, ctx)
    )
    return ctx.response.status(duplicate ? 200 : 201).send({ message })
  }

  async takeover(ctx: HttpContext) {
    await ctx.bouncer.with(ConversationPolicy).authorize('takeOver')
    const staff = ctx.auth.getUserOrFail()
    await new TakeOverConversation().handle(Number(ctx.params.id), staff, actor.staff(staff, ctx), true)
    return conversationDetail(staff, Number(ctx.params.id))
  }

  async release(ctx: HttpContext) {
    await ctx.bouncer.with(ConversationPolicy).authorize('takeOver')
    const staff = ctx.auth.getUserOrFail()
    await new TakeOverConversation().handle(Number(ctx.params.id), staff, actor.staff(staff, ctx), false)
    return conversationDetail(staff, Number(ctx.params.id))
  }

  async transfer(ctx: HttpContext) {
    await ctx.bouncer.with(ConversationPolicy).authorize('transfer')
    const { staff_id } = await ctx.request.validateUsing(transferValidator)
    const staff = ctx.auth.getUserOrFail()
    await new TransferConversation().handle(Number(ctx.params.id), staff_id, staff, actor.staff(staff, ctx))
    return conversationDetail(staff, Number(ctx.params.id))
  }

  async stats(ctx: HttpContext) {
    await ctx.bouncer.with(ConversationPolicy).authorize('stats')
    const input = await ctx.request.validateUsing(statsValidator, { data: ctx.request.qs() })
    return responseStats(ctx.auth.getUserOrFail(), input)
  }

  async createGroup(ctx: HttpContext) {
    await ctx.bouncer.with(ConversationPolicy).authorize('manageGroups')
    const input = await ctx.request.validateUsing(createGroupValidator)
    const staff = ctx.auth.getUserOrFail()
    const group = await new CreateGroup().handle(input, staff, actor.staff(staff, ctx))
    return ctx.response.created(await conversationDetail(staff, group.id))
  }

  async addGroupMembers(ctx: HttpContext) {
    await ctx.bouncer.with(ConversationPolicy).authorize('manageGroups')
    const { member_ids } = await ctx.request.validateUsing(groupMembersValidator)
    const staff = ctx.auth.getUserOrFail()
    const { added } = await new AddGroupMembers().handle(Number(ctx.params.id), member_ids, actor.staff(staff, ctx))
    return { added, ...(await conversationDetail(staff, Number(ctx.params.id))) }
  }
}
