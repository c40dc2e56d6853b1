import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { timezone } from '#config/app'
import Staff from '#models/staff'
import WecomChannelCode from '#models/wecom_channel_code'
import WecomPolicy from '#policies/wecom_policy'
import ChannelCodes from '#actions/wecom/channel_codes'
import { NotFoundException } from '#exceptions/api_exceptions'
import { actor } from '#services/audit'
import { channelCodeStatsValidator, createChannelCodeValidator, listPageValidator, updateChannelCodeValidator } from '#validators/wecom'

/** Channel codes are HQ's: admin and hq_operator manage and read them. */
export default class WecomChannelCodesController {
  async index({ bouncer, request }: HttpContext) {
    await bouncer.with(WecomPolicy).authorize('manage')
    const { page = 1, per_page: perPage = 20 } = await request.validateUsing(listPageValidator, { data: request.qs() })
    const result = await WecomChannelCode.query().whereNull('deletedAt').orderBy('id', 'desc').paginate(page, perPage)
    return { data: await present(result.all()), meta: { total: result.total, page, per_page: perPage } }
  }

  async show({ bouncer, params }: HttpContext) {
    await bouncer.with(WecomPolicy).authorize('manage')
    const [presented] = await present([await findCode(params.id)])
    return presented
  }

  async store(ctx: HttpContext) {
    const { auth, bouncer, request, response } = ctx
    await bouncer.with(WecomPolicy).authorize('manage')
    const input = await request.validateUsing(createChannelCodeValidator)
    const code = await new ChannelCodes().create(input, actor.staff(auth.getUserOrFail(), ctx))
    const [presented] = await present([code])
    return response.created(presented)
  }

  async update(ctx: HttpContext) {
    const { auth, bouncer, params, request } = ctx
    await bouncer.with(WecomPolicy).authorize('manage')
    const code = await findCode(params.id)
    const input = await request.validateUsing(updateChannelCodeValidator)
    await new ChannelCodes().update(code, input, actor.staff(auth.getUserOrFail(), ctx))
    const [presented] = await present([code])
    return presented
  }

  async destroy(ctx: HttpContext) {
    const { auth, bouncer, params, response } = ctx
    await bouncer.with(WecomPolicy).authorize('manage')
    await new ChannelCodes().delete(await findCode(params.id), actor.staff(auth.getUserOrFail(), ctx))
    return response.noContent()
  }

  /** Contacts added and lost through the code per local day, the last `days` days. */
  async stats({ bouncer, params, request }: HttpContext) {
    await bouncer.with(WecomPolicy).authorize('manage')
    const code = await findCode(params.id)
    const { days = 30 } = await request.validateUsing(channelCodeStatsValidator, { data: request.qs() })
    const today = DateTime.now().setZone(timezone).startOf('day')
    const since = today.minus({ days: days - 1 })
    const offset = today.offset // minutes east of UTC
    const [added, lost] = await Promise.all([
      db.rawQuery(
        `SELECT DATE(DATE_ADD(added_at, INTERVAL ? MINUTE)) AS day, COUNT(*) AS n FROM wecom_follows
         WHERE channel_code_id = ? AND added_at >= ? GROUP BY day`,
        [offset, code.id, since.toUTC().toJSDate()]
      ),
      db.rawQuery(
        `SELECT DATE(DATE_ADD(l.at, INTERVAL ? MINUTE)) AS day, COUNT(*) AS n FROM wecom_lost_customers l
         JOIN wecom_follows f ON f.id = l.follow_id WHERE f.channel_code_id = ? AND l.at >= ? GROUP BY day`,
        [offset, code.id, since.toUTC().toJSDate()]
      ),
    ])
    const byDay = (rows: { day: Date | string; n: number }[]) =>
      new Map(rows.map((row) => [DateTime.fromJSDate(new Date(row.day), { zone: 'utc' }).toISODate(), Number(row.n)]))
    const addedByDay = byDay(added[0])
    const lostByDay = byDay(lost[0])
    const series = Array.from({ length: days }, (_, index) => {
      const date = since.plus({ days: index }).toISODate()!
      return { date, added: addedByDay.get(date) ?? 0, lost: lostByDay.get(date) ?? 0 }
    })
    return { series }
  }
}

async function findCode(id: unknown) {
  const code = await WecomChannelCode.query().where('id', Number(id)).whereNull('deletedAt').first()
  if (!code) throw new NotFoundException()
  return code
}

async function present(codes: WecomChannelCode[]) {
  const ids = codes.map((code) => code.id)
  const staff = await Staff.query().whereIn('id', [...new Set(codes.flatMap((code) => code.staffIds))])
  const staffById = new Map(staff.map((member) => [member.id, member]))
  const counts = new Map<number, { added: number; lost: number; bound: number; welcomed: number }>()
  if (ids.length) {
    const [rows] = await db.rawQuery(
      `SELECT c.id,
         (SELECT COUNT(*) FROM wecom_follows f WHERE f.channel_code_id = c.id) AS added,
         (SELECT COUNT(*) FROM wecom_lost_customers l JOIN wecom_follows f ON f.id = l.follow_id WHERE f.channel_code_id = c.id) AS lost,
         (SELECT COUNT(DISTINCT f.contact_id) FROM wecom_follows f JOIN wecom_contacts k ON k.id = f.contact_id
            WHERE f.channel_code_id = c.id AND k.member_id IS NOT NULL) AS bound,
         (SELECT COUNT(*) FROM wecom_welcome_messages w WHERE w.channel_code_id = c.id AND w.status = 'sent') AS welcomed
       FROM wecom_channel_codes c WHERE c.id IN (${ids.map(() => '?').join(',')})`,
      ids
    )
    for (const row of rows) {
      counts.set(row.id, { added: Number(row.added), lost: Number(row.lost), bound: Number(row.bound), welcomed: Number(row.welcomed) })
    }
  }
  return codes.map((code) => ({
    id: code.id,
    name: code.name,
    state: code.state,
    config_id: code.configId,
    qr_code: code.qrCode,
    skip_verify: code.skipVerify,
    staff: code.staffIds.map((id) => ({ id, name: staffById.get(id)?.name ?? null })),
    welcome_text: code.welcomeText,
    welcome_attachments: code.welcomeAttachments ?? [],
    stats: counts.get(code.id) ?? { added: 0, lost: 0, bound: 0, welcomed: 0 },
    created_at: code.createdAt.toISO(),
  }))
}
