import type { HttpContext } from '@adonisjs/core/http'
import Segment from '#models/segment'
import TagPolicy from '#policies/tag_policy'
import { DataScope } from '#policies/data_scope'
import CreateSegment from '#actions/segments/create_segment'
import UpdateSegment from '#actions/segments/update_segment'
import DeleteSegment from '#actions/segments/delete_segment'
import RecordSegmentCount from '#actions/segments/record_segment_count'
import type { SegmentKind } from '#enums/tag'
import { countHistory, savedSegmentList, savedSegmentMembers, segmentCountFor } from '#queries/segments/saved_segments'
import { paginate } from '#queries/paginate'
import { actor } from '#services/audit'
import { presentMember } from '#controllers/loyalty_presenters'
import { presentSegment, presentSegmentCount } from '#controllers/tag_presenters'
import { listValidator } from '#validators/integration'
import { createSegmentValidator, updateSegmentValidator } from '#validators/segment'

/**
 * Saved segments. Admin and HQ manage them; every role may read them and list their members,
 * scoped (a guide sees the members of a segment they own).
 */
export default class SavedSegmentsController {
  async index({ auth, request }: HttpContext) {
    const page = await request.validateUsing(listValidator, { data: request.qs() })
    const list = await savedSegmentList(auth.getUserOrFail(), page)
    return { data: list.data.map(({ segment, count }) => presentSegment(segment, count)), meta: list.meta }
  }

  /** With the count history for admin and HQ (recorded counts are enterprise-wide). */
  async show({ auth, params }: HttpContext) {
    const staff = auth.getUserOrFail()
    const segment = await Segment.findOrFail(params.id)
    const history = DataScope.of(staff).seesAll ? await countHistory(segment.id) : []
    const count = await segmentCountFor(staff, segment)
    return { ...presentSegment(segment, count), count_history: history.map(presentSegmentCount) }
  }

  async store(ctx: HttpContext) {
    const { auth, bouncer, request, response } = ctx
    await bouncer.with(TagPolicy).authorize('manage')
    const input = await request.validateUsing(createSegmentValidator)
    const staff = auth.getUserOrFail()
    const segment = await new CreateSegment().handle({ ...input, definition: input.definition, kind: input.kind as SegmentKind }, staff, actor.staff(staff, ctx))
    return response.created(presentSegment(segment, await segmentCountFor(staff, segment)))
  }

  async update(ctx: HttpContext) {
    const { auth, bouncer, params, request } = ctx
    await bouncer.with(TagPolicy).authorize('manage')
    const input = await request.validateUsing(updateSegmentValidator)
    const staff = auth.getUserOrFail()
    const segment = await new UpdateSegment().handle(params.id, input, actor.staff(staff, ctx))
    return presentSegment(segment, await segmentCountFor(staff, segment))
  }

  async destroy(ctx: HttpContext) {
    const { auth, bouncer, params, response } = ctx
    await bouncer.with(TagPolicy).authorize('manage')
    await new DeleteSegment().handle(params.id, actor.staff(auth.getUserOrFail(), ctx))
    return response.noContent()
  }

  /** Dynamic: who matches now; static: the snapshot's members who are still active. Newest first. */
  async members({ auth, params, request }: HttpContext) {
    const staff = auth.getUserOrFail()
    const page = await request.validateUsing(listValidator, { data: request.qs() })
    const segment = await Segment.findOrFail(params.id)
    const query = savedSegmentMembers(segment, staff)
      .preload('tier')
      .preload('owner')
      .preload('registerStore')
      .orderBy('members.created_at', 'desc')
      .orderBy('members.id', 'desc')
    const fullPhone = DataScope.of(staff).seesFullPhones
    return paginate(query, page, (member) => presentMember(member, { fullPhone }))
  }

  /** Counts the segment now and records the count in its history. */
  async refresh({ bouncer, params }: HttpContext) {
    await bouncer.with(TagPolicy).authorize('manage')
    const segment = await Segment.findOrFail(params.id)
    return new RecordSegmentCount().handle(segment)
  }
}
