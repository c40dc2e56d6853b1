import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import Member from '#models/member'
import Tier from '#models/tier'
import { Job } from '#jobs/job'
import { QueueName } from '#enums/queue'
import { MemberStatus, OrderType, TierChangeReason } from '#enums/loyalty'
import { tierForSpend } from '#services/loyalty_rules'
import { toCents } from '#services/money'
import { applyTier } from '#services/tiers'
import { isDuplicateKey, transaction } from '#services/transactions'
import { timezone } from '#config/app'

/**
 * The daily tier evaluation: refreshes every member's 365-day spend in one set-based pass,
 * then moves the members whose tier no longer matches (downgrades happen only here). Each
 * change is keyed by member and local date, so a retried run changes nothing twice.
 */
export default class EvaluateTiersJob extends Job<{}> {
  static jobName = 'EvaluateTiersJob'
  static queue = QueueName.Loyalty

  async handle() {
    const now = DateTime.utc()
    const since = now.minus({ days: 365 }).toJSDate()
    await db.rawQuery(
      `UPDATE members m
       LEFT JOIN (
         SELECT member_id, SUM(paid - refunded) AS spend
         FROM orders WHERE type = ? AND paid_at > ? AND member_id IS NOT NULL
         GROUP BY member_id
       ) s ON s.member_id = m.id
       SET m.spend_365d = COALESCE(s.spend, 0)
       WHERE m.status = ?`,
      [OrderType.Sale, since, MemberStatus.Active]
    )

    const tiers = await Tier.query().orderBy('rank')
    const rules = tiers.map((t) => t.rule)
    const day = now.setZone(timezone).toISODate()
    let lastId = 0
    for (;;) {
      const batch = await Member.query()
        .where('status', MemberStatus.Active)
        .where('id', '>', lastId)
        .orderBy('id')
        .limit(1000)
        .select('id', 'tier_id', 'spend_365d')
      if (!batch.length) break
      lastId = batch[batch.length - 1].id
      const movers = batch.filter((m) => tierForSpend(rules, toCents(Number(m.spend365d).toFixed(2))).id !== m.tierId)
      for (const { id } of movers) {
        await transaction(async (trx) => {
          const member = await Member.query({ client: trx }).where('id', id).forUpdate().firstOrFail()
          await applyTier(trx, member, {
            reason: TierChangeReason.Evaluation,
            sourceRef: `evaluation:${id}:${day}`,
            allowDowngrade: true,
            now,
          })
        }).catch((error) => {
          if (!isDuplicateKey(error)) throw error
        })
      }
    }
  }
}
