import type { HttpContext } from '@adonisjs/core/http'
import QuickReplyPolicy from '#policies/quick_reply_policy'
import { CreateQuickReply, DeleteQuickReply, UpdateQuickReply, placement } from '#actions/quick_replies/save_quick_reply'
import UseQuickReply from '#actions/quick_replies/use_quick_reply'
import { quickReplyCategories, quickReplyList, visibleQuickReply } from '#queries/quick_replies/quick_reply_queries'
import { presentQuickReply } from '#queries/conversations/presenters'
import { paginate } from '#queries/paginate'
import { actor } from '#services/audit'
import {
  createQuickReplyValidator,
  listQuickRepliesValidator,
  updateQuickReplyValidator,
  useQuickReplyValidator,
} from '#validators/conversation'

export default class QuickRepliesController {
  async index({ auth, request }: HttpContext) {
    const filters = await request.validateUsing(listQuickRepliesValidator, { data: request.qs() })
    return paginate(quickReplyList(auth.getUserOrFail(), filters), filters, presentQuickReply)
  }

  async categories({ auth }: HttpContext) {
    return { data: await quickReplyCategories(auth.getUserOrFail()) }
  }

  async store(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(createQuickReplyValidator)
    const staff = ctx.auth.getUserOrFail()
    const where = placement(input, staff)
    await ctx.bouncer.with(QuickReplyPolicy).authorize('manage', input.scope, where.storeId, where.staffId)
    const reply = await new CreateQuickReply().handle(input, where, staff, actor.staff(staff, ctx))
    return ctx.response.created(presentQuickReply(reply))
  }

  async update(ctx: HttpContext) {
    const staff = ctx.auth.getUserOrFail()
    const reply = await visibleQuickReply(staff, Number(ctx.params.id))
    await ctx.bouncer.with(QuickReplyPolicy).authorize('manage', reply.scope, reply.storeId, reply.staffId)
    const input = await ctx.request.validateUsing(updateQuickReplyValidator)
    return presentQuickReply(await new UpdateQuickReply().handle(reply, input, actor.staff(staff, ctx)))
  }

  async destroy(ctx: HttpContext) {
    const staff = ctx.auth.getUserOrFail()
    const reply = await visibleQuickReply(staff, Number(ctx.params.id))
    await ctx.bouncer.with(QuickReplyPolicy).authorize('manage', reply.scope, reply.storeId, reply.staffId)
    await new DeleteQuickReply().handle(reply, actor.staff(staff, ctx))
    return ctx.response.noContent()
  }

  async use({ auth, params, request }: HttpContext) {
    const staff = auth.getUserOrFail()
    const reply = await visibleQuickReply(staff, Number(params.id))
    const target = await request.validateUsing(useQuickReplyValidator)
    return new UseQuickReply().handle(reply, staff, target)
  }
}
