import db from '@adonisjs/lucid/services/db'
import { Job } from '#jobs/job'
import { QueueName } from '#enums/queue'
import { CouponStatus } from '#enums/loyalty'

/**
 * Marks issued coupons past their expiry as expired (redeeming them was already refused).
 */
export default class ExpireCouponsJob extends Job<{}> {
  static jobName = 'ExpireCouponsJob'
  static queue = QueueName.Loyalty

  async handle() {
    await db
      .from('coupons')
      .where('status', CouponStatus.Issued)
      .where('expires_at', '<', new Date())
      .update({ status: CouponStatus.Expired, updated_at: new Date() })
  }
}
