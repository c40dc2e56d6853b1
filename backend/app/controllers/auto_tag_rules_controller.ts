import type { HttpContext } from '@adonisjs/core/http'
import AutoTagRule from '#models/auto_tag_rule'
import AutoTagHit from '#models/auto_tag_hit'
import TagPolicy from '#policies/tag_policy'
import CreateAutoTagRule from '#actions/tags/create_auto_tag_rule'
import UpdateAutoTagRule from '#actions/tags/update_auto_tag_rule'
import DeleteAutoTagRule from '#actions/tags/delete_auto_tag_rule'
import type { AutoTagRuleStatus } from '#enums/tag'
import { paginate } from '#queries/paginate'
import { actor } from '#services/audit'
import { presentAutoTagHit, presentAutoTagRule } from '#controllers/tag_presenters'
import { listValidator } from '#validators/integration'
import { createAutoTagRuleValidator, updateAutoTagRuleValidator } from '#validators/tag'

/**
 * Auto-tag rules, for admin and HQ only.
 */
export default class AutoTagRulesController {
  async index({ bouncer, request }: HttpContext) {
    await bouncer.with(TagPolicy).authorize('manage')
    const page = await request.validateUsing(listValidator, { data: request.qs() })
    return paginate(AutoTagRule.query().preload('tag').orderBy('id', 'desc'), page, presentAutoTagRule)
  }

  async show({ bouncer, params }: HttpContext) {
    await bouncer.with(TagPolicy).authorize('manage')
    return presentAutoTagRule(await AutoTagRule.query().where('id', params.id).preload('tag').firstOrFail())
  }

  async store(ctx: HttpContext) {
    const { auth, bouncer, request, response } = ctx
    await bouncer.with(TagPolicy).authorize('manage')
    const input = await request.validateUsing(createAutoTagRuleValidator)
    const rule = await new CreateAutoTagRule().handle(
      { ...input, definition: input.definition, status: input.status as AutoTagRuleStatus | undefined },
      actor.staff(auth.getUserOrFail(), ctx)
    )
    return response.created(presentAutoTagRule(rule))
  }

  async update(ctx: HttpContext) {
    const { auth, bouncer, params, request } = ctx
    await bouncer.with(TagPolicy).authorize('manage')
    const input = await request.validateUsing(updateAutoTagRuleValidator)
    const rule = await new UpdateAutoTagRule().handle(
      params.id,
      { ...input, status: input.status as AutoTagRuleStatus | undefined },
      actor.staff(auth.getUserOrFail(), ctx)
    )
    return presentAutoTagRule(rule)
  }

  async destroy(ctx: HttpContext) {
    const { auth, bouncer, params, response } = ctx
    await bouncer.with(TagPolicy).authorize('manage')
    await new DeleteAutoTagRule().handle(params.id, actor.staff(auth.getUserOrFail(), ctx))
    return response.noContent()
  }

  /** What the rule added and removed, newest first. */
  async hits({ bouncer, params, request }: HttpContext) {
    await bouncer.with(TagPolicy).authorize('manage')
    const page = await request.validateUsing(listValidator, { data: request.qs() })
    const rule = await AutoTagRule.findOrFail(params.id)
    return paginate(AutoTagHit.query().where('rule_id', rule.id).preload('member').orderBy('id', 'desc'), page, presentAutoTagHit)
  }
}
