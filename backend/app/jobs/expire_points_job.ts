import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import Member from '#models/member'
import { Job } from '#jobs/job'
import { QueueName } from '#enums/queue'
import { PointsKind } from '#enums/loyalty'
import { postPoints } from '#services/points_ledger'
import { isDuplicateKey, transaction } from '#services/transactions'

const CREDITS = [PointsKind.Earn, PointsKind.Birthday, PointsKind.Referral]

/**
 * Daily: points whose expiry has passed and that were not spent expire. Points are spent
 * oldest first, so what expires is the balance beyond the credits still valid:
 * max(0, balance − credits expiring later). One entry per member and expiry date.
 */
export default class ExpirePointsJob extends Job<{}> {
  static jobName = 'ExpirePointsJob'
  static queue = QueueName.Loyalty

  async handle() {
    const now = DateTime.utc()
    const due = await db
      .from('points_entries')
      .whereIn('kind', CREDITS)
      .where('expires_at', '<=', now.toJSDate())
      .where('expires_at', '>', now.minus({ days: 400 }).toJSDate())
      .groupBy('member_id')
      .select('member_id')
      .max('expires_at as expired_at')

    for (const row of due) {
      const expiredAt = DateTime.fromJSDate(new Date(row.expired_at)).toUTC()
      const sourceRef = `expire:${row.member_id}:${expiredAt.toISODate()}`
      await transaction(async (trx) => {
        if (await trx.from('points_entries').where('source_ref', sourceRef).first()) return
        const member = await Member.query({ client: trx }).where('id', row.member_id).forUpdate().firstOrFail()
        const later = await trx
          .from('points_entries')
          .where('member_id', member.id)
          .whereIn('kind', CREDITS)
          .where('expires_at', '>', now.toJSDate())
          .sum('points as total')
          .first()
        const expiring = Math.max(0, member.pointsBalance - Number(later?.total ?? 0))
        if (expiring === 0) return
        await postPoints(trx, member, {
          kind: PointsKind.Expire,
          points: -expiring,
          sourceRef,
          reason: `points earned before ${expiredAt.toISODate()} expired`,
        })
      }).catch((error) => {
        if (!isDuplicateKey(error)) throw error
      })
    }
  }
}
