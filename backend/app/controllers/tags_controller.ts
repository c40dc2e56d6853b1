import type { HttpContext } from '@adonisjs/core/http'
import Tag from '#models/tag'
import TagGroup from '#models/tag_group'
import TagPolicy from '#policies/tag_policy'
import CreateTagGroup from '#actions/tags/create_tag_group'
import CreateTag from '#actions/tags/create_tag'
import UpdateTag from '#actions/tags/update_tag'
import DeleteTag from '#actions/tags/delete_tag'
import TagMember from '#actions/tags/tag_member'
import UntagMember from '#actions/tags/untag_member'
import TagMembers from '#actions/tags/tag_members'
import TagSegment from '#actions/tags/tag_segment'
import { memberCounts, memberTags, tagList } from '#queries/tags/tag_queries'
import { visibleMember } from '#queries/members/member_queries'
import { actor } from '#services/audit'
import { presentMemberTag, presentTag, presentTagGroup } from '#controllers/tag_presenters'
import {
  createTagGroupValidator,
  createTagValidator,
  deleteTagValidator,
  listTagsValidator,
  tagMembersValidator,
  tagMemberValidator,
  tagSegmentValidator,
  updateTagValidator,
} from '#validators/tag'

export default class TagsController {
  /** Every role reads tags: guides pick them when tagging their members. */
  async groups() {
    const groups = await TagGroup.query().orderBy('code')
    return { data: groups.map(presentTagGroup) }
  }

  async createGroup(ctx: HttpContext) {
    const { auth, bouncer, request, response } = ctx
    await bouncer.with(TagPolicy).authorize('manage')
    const input = await request.validateUsing(createTagGroupValidator)
    const group = await new CreateTagGroup().handle(input, actor.staff(auth.getUserOrFail(), ctx))
    return response.created(presentTagGroup(group))
  }

  async index({ auth, request }: HttpContext) {
    const filters = await request.validateUsing(listTagsValidator, { data: request.qs() })
    const page = await tagList(auth.getUserOrFail(), filters)
    return { data: page.data.map(({ tag, members }) => presentTag(tag, members)), meta: page.meta }
  }

  async show({ auth, params }: HttpContext) {
    const tag = await Tag.query().where('code', params.code).preload('group').firstOrFail()
    const counts = await memberCounts(auth.getUserOrFail(), [tag.id])
    return presentTag(tag, counts.get(tag.id) ?? 0)
  }

  async store(ctx: HttpContext) {
    const { auth, bouncer, request, response } = ctx
    await bouncer.with(TagPolicy).authorize('manage')
    const input = await request.validateUsing(createTagValidator)
    const tag = await new CreateTag().handle(input, actor.staff(auth.getUserOrFail(), ctx))
    return response.created(presentTag(tag, 0))
  }

  async update(ctx: HttpContext) {
    const { auth, bouncer, params, request } = ctx
    await bouncer.with(TagPolicy).authorize('manage')
    const input = await request.validateUsing(updateTagValidator)
    return presentTag(await new UpdateTag().handle(params.code, input, actor.staff(auth.getUserOrFail(), ctx)))
  }

  /** `?force=1` deletes a tag members carry, taking it from them. */
  async destroy(ctx: HttpContext) {
    const { auth, bouncer, params, request } = ctx
    await bouncer.with(TagPolicy).authorize('manage')
    const { force } = await request.validateUsing(deleteTagValidator, { data: request.qs() })
    return new DeleteTag().handle(params.code, force ?? false, actor.staff(auth.getUserOrFail(), ctx))
  }

  async memberTags({ auth, params }: HttpContext) {
    const member = await visibleMember(auth.getUserOrFail(), params.id)
    return { data: (await memberTags(member.id)).map(presentMemberTag) }
  }

  async tagMember(ctx: HttpContext) {
    const { auth, params, request } = ctx
    const { tag_codes } = await request.validateUsing(tagMemberValidator)
    const staff = auth.getUserOrFail()
    const added = await new TagMember().handle(params.id, tag_codes, staff, actor.staff(staff, ctx))
    return { added, data: (await memberTags(params.id)).map(presentMemberTag) }
  }

  async untagMember(ctx: HttpContext) {
    const { auth, params, response } = ctx
    const staff = auth.getUserOrFail()
    await new UntagMember().handle(params.id, params.code, staff, actor.staff(staff, ctx))
    return response.noContent()
  }

  async tagMembers(ctx: HttpContext) {
    const { auth, params, request } = ctx
    const { member_ids } = await request.validateUsing(tagMembersValidator)
    const staff = auth.getUserOrFail()
    return new TagMembers().handle(params.code, member_ids, staff, actor.staff(staff, ctx))
  }

  /** 200 with the number tagged, or 202 with the id of the job tagging a big segment. */
  async tagSegment(ctx: HttpContext) {
    const { auth, bouncer, params, request, response } = ctx
    await bouncer.with(TagPolicy).authorize('manage')
    const input = await request.validateUsing(tagSegmentValidator)
    const staff = auth.getUserOrFail()
    const answer = await new TagSegment().handle(params.code, { definition: input.definition, asOf: input.as_of }, staff, actor.staff(staff, ctx))
    return response.status(answer.status).send(answer.body)
  }
}
