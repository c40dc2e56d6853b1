import Member from '#models/member'
import type Staff from '#models/staff'
import { PointsKind } from '#enums/loyalty'
import { postPoints } from '#services/points_ledger'
import { onceFor } from '#services/idempotency'
import { audit, type Actor } from '#services/audit'
import { randomUUID } from 'node:crypto'
import { UnprocessableException } from '#exceptions/api_exceptions'

/**
 * An admin's manual correction, always with a reason. Credits and debits alike are entries of
 * the ledger; the balance may go negative.
 */
export default class AdjustPoints {
  async handle(memberId: number, points: number, reason: string, staff: Staff, by: Actor, idempotencyKey?: string) {
    if (points === 0) throw new UnprocessableException('An adjustment moves at least one point', 'points', 'not_zero')
    return onceFor(`points_adjust:${memberId}`, idempotencyKey, { points, reason }, async (trx) => {
      const member = await Member.query({ client: trx }).where('id', memberId).forUpdate().firstOrFail()
      const entry = await postPoints(trx, member, {
        kind: PointsKind.Adjust,
        points,
        sourceRef: `adjust:${idempotencyKey ?? randomUUID()}`,
        reason,
        staffId: staff.id,
      })
      await audit(by, 'points.adjust', { type: 'member', id: member.id }, { points: { to: points }, reason: { to: reason } }, trx)
      return { status: 201, body: { entry_id: entry.id, points, points_balance: member.pointsBalance } }
    })
  }
}
