import { DateTime } from 'luxon'
import Member from '#models/member'
import { MemberStatus, PointsKind, TierChangeReason } from '#enums/loyalty'
import { ConflictException, UnprocessableException } from '#exceptions/api_exceptions'
import { postPoints } from '#services/points_ledger'
import { applyTier } from '#services/tiers'
import { rebuildStatistics } from '#services/member_statistics'
import { audit, type Actor } from '#services/audit'
import { transaction } from '#services/transactions'

/**
 * Rows that belong to a member and move to the survivor. Later domains (tags, conversations,
 * tasks) add their table here.
 */
const MEMBER_ROWS = [
  { table: 'member_identities', column: 'member_id' },
  { table: 'orders', column: 'member_id' },
  { table: 'order_lines', column: 'member_id' },
  { table: 'coupons', column: 'member_id' },
  { table: 'member_events', column: 'member_id' },
  { table: 'members', column: 'referred_by_id' },
  // One row per member and tag (primary key): a tag both carry stays the survivor's row.
  { table: 'member_tags', column: 'member_id', uniqueWith: 'tag_id' },
] as const

/**
 * Merges a duplicate member into the survivor (admin): every identity, order, coupon and the
 * points balance move exactly once, the tier is recomputed, and the merge is recorded. The
 * merged member stays as a tombstone pointing at the survivor.
 */
export default class MergeMembers {
  async handle(survivorId: number, mergedId: number, by: Actor) {
    if (survivorId === mergedId) throw new UnprocessableException('A member cannot be merged into itself', 'merged_id', 'different')
    return transaction(async (trx) => {
      const [first, second] = await Member.query({ client: trx })
        .whereIn('id', [survivorId, mergedId])
        .orderBy('id')
        .forUpdate()
      const members = [first, second].filter(Boolean)
      const survivor = members.find((m) => m.id === survivorId)
      const merged = members.find((m) => m.id === mergedId)
      if (!survivor || !merged) throw new UnprocessableException('Unknown member', survivor ? 'merged_id' : 'survivor_id', 'exists')
      if (survivor.status !== MemberStatus.Active || merged.status !== MemberStatus.Active) {
        throw new ConflictException('Only active members can be merged', 'member_not_active')
      }

      const moved: Record<string, number> = {}
      for (const row of MEMBER_ROWS) {
        const { table, column } = row
        if ('uniqueWith' in row) {
          // The merged member's copies of rows the survivor already has would collide: drop them first.
          await trx.rawQuery(
            `DELETE dup FROM ${table} dup JOIN ${table} kept ON kept.${row.uniqueWith} = dup.${row.uniqueWith} AND kept.${column} = ?
             WHERE dup.${column} = ?`,
            [survivor.id, merged.id]
          )
        }
        const affected = await trx.from(table).where(column, merged.id).update({ [column]: survivor.id })
        moved[table === 'members' ? 'referrals' : table] = Number(affected)
      }

      const balance = merged.pointsBalance
      if (balance !== 0) {
        await postPoints(trx, merged, { kind: PointsKind.Merge, points: -balance, sourceRef: `merge:${merged.id}:out`, reason: `merged into ${survivor.memberNo}` })
        await postPoints(trx, survivor, { kind: PointsKind.Merge, points: balance, sourceRef: `merge:${merged.id}:in`, reason: `merged from ${merged.memberNo}` })
      }

      const phone = merged.phone
      merged.merge({ status: MemberStatus.Merged, mergedIntoId: survivor.id, phone: null })
      await merged.useTransaction(trx).save()
      if (!survivor.phone && phone) {
        survivor.phone = phone
        await survivor.useTransaction(trx).save()
      }
      if (!survivor.marketingConsent && merged.marketingConsent) {
        survivor.merge({
          marketingConsent: true,
          consentAt: merged.consentAt,
          consentChannel: merged.consentChannel,
          consentStoreId: merged.consentStoreId,
          consentNoticeVersion: merged.consentNoticeVersion,
        })
        await survivor.useTransaction(trx).save()
      }
      // The survivor's statistics now cover both purchase histories; the tombstone's are emptied.
      await rebuildStatistics(trx, survivor.id)
      await rebuildStatistics(trx, merged.id)
      const tier = await applyTier(trx, survivor, { reason: TierChangeReason.Merge, sourceRef: `merge:${merged.id}:tier`, allowDowngrade: false })

      const summary = { ...moved, points: balance }
      await trx.table('member_merges').insert({
        survivor_id: survivor.id,
        merged_id: merged.id,
        staff_id: by.type === 'staff' ? by.id : null,
        summary: JSON.stringify(summary),
        created_at: DateTime.utc().toJSDate(),
      })
      await audit(by, 'member.merge', { type: 'member', id: survivor.id }, { merged_id: { to: merged.id }, moved: { to: summary } }, trx)
      return { survivor_id: survivor.id, merged_id: merged.id, moved: summary, tier: tier.code, points_balance: survivor.pointsBalance }
    })
  }
}
