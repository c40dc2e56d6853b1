import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import CouponTemplate from '#models/coupon_template'
import { Job } from '#jobs/job'
import { QueueName } from '#enums/queue'
import { CouponSource, MemberStatus } from '#enums/loyalty'
import { issueCoupon } from '#services/coupon_issuer'
import { loyaltySettings } from '#services/loyalty_settings'
import { isDuplicateKey, transaction } from '#services/transactions'
import { timezone } from '#config/app'

/**
 * Daily: members whose birthday month (local time) it is get the birthday coupon, once a year
 * (the coupon's source reference is member and year).
 */
export default class BirthdayCouponsJob extends Job<{}> {
  static jobName = 'BirthdayCouponsJob'
  static queue = QueueName.Loyalty

  async handle() {
    const settings = await loyaltySettings()
    if (!settings.birthday_template_code) return
    const template = await CouponTemplate.findBy('code', settings.birthday_template_code)
    if (!template || template.status !== 'active') return

    const local = DateTime.utc().setZone(timezone)
    const members = await db
      .from('members')
      .where('status', MemberStatus.Active)
      .whereRaw('MONTH(birthday) = ?', [local.month])
      .whereNotExists((q) =>
        q.from('coupons').whereRaw('coupons.source_ref = CONCAT(?, members.id, ?)', ['birthday:', `:${local.year}`])
      )
      .select('id')

    for (let i = 0; i < members.length; i += 100) {
      const batch = members.slice(i, i + 100)
      await transaction(async (trx) => {
        const locked = await CouponTemplate.query({ client: trx }).where('id', template.id).forUpdate().firstOrFail()
        for (const { id } of batch) {
          const sourceRef = `birthday:${id}:${local.year}`
          if (await trx.from('coupons').where('source_ref', sourceRef).first()) continue
          await issueCoupon(trx, locked, id, { source: CouponSource.Birthday, sourceRef })
        }
      }).catch((error) => {
        if (!isDuplicateKey(error)) throw error
      })
    }
  }
}
