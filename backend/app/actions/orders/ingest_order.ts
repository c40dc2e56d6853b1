import { createHash } from 'node:crypto'
import { DateTime } from 'luxon'
import type { Infer } from '@vinejs/vine/types'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Order from '#models/order'
import OrderLine from '#models/order_line'
import Store from '#models/store'
import Staff from '#models/staff'
import Member from '#models/member'
import Coupon from '#models/coupon'
import Tier from '#models/tier'
import { CouponStatus, IdentityType, OrderType, PointsKind, RegisterChannel, TierChangeReason } from '#enums/loyalty'
import { ConflictException, UnprocessableException } from '#exceptions/api_exceptions'
import type { orderValidator } from '#validators/order'
import { fromCents, toCents } from '#services/money'
import { pointsEarned, pointsReversed } from '#services/loyalty_rules'
import { findMemberBy, findOrEnrolByPhone, normalisePhone } from '#services/member_registry'
import { appendPoints, pointsExpiry, postPoints } from '#services/points_ledger'
import { loyaltySettings } from '#services/loyalty_settings'
import { moveTier } from '#services/tiers'
import { forgetRefundedSale, localSlot, recordPurchase } from '#services/member_statistics'
import { COUPON_REFUSAL_MESSAGES, couponChannelOf, couponRefusal } from '#services/coupon_rules'
import { isDuplicateKey, transaction } from '#services/transactions'
import { audit, type Actor } from '#services/audit'
import { memberActivity } from '#services/member_activity'
import { ActivityTrigger } from '#enums/tag'
import { timezone } from '#config/app'

export type OrderInput = Infer<typeof orderValidator>

export type OrderAnswer = {
  order_id: number
  member_id: number | null
  points_earned: number | null
  points_balance: number | null
  tier: string | null
  warnings?: string[]
}

/**
 * Records a sale or a return from any store or channel (CONTRACTS section 3), with its points,
 * coupons and tier, in one transaction. Idempotent on order_no: the same body again answers
 * the first answer (200), also when the copies arrive at the same moment; another body with
 * that order_no is a 409.
 */
export default class IngestOrder {
  async handle(input: OrderInput, rawBody: unknown, by: Actor): Promise<{ status: 200 | 201; answer: OrderAnswer }> {
    const paidAt = parseInstant(input.paid_at)
    const bodyHash = hashBody(rawBody)
    if (toCents(input.total) - toCents(input.discount) !== toCents(input.paid)) {
      throw new UnprocessableException('total − discount must equal paid', 'paid', 'amounts_mismatch')
    }

    // No look for an earlier copy first: the order_no key finds it (below), in fewer queries.
    try {
      const answer = await transaction(async (trx) => {
        const recorded =
          input.type === OrderType.Sale
            ? await this.#sale(trx, input, paidAt, bodyHash)
            : await this.#return(trx, input, paidAt, bodyHash)
        await audit(
          by,
          `order.${input.type}`,
          { type: 'order', id: recorded.order_id },
          { order_no: { to: input.order_no }, store_code: { to: input.store_code }, paid: { to: input.paid }, points: { to: recorded.points_earned } },
          trx
        )
        return recorded
      })
      // Committed: the member's auto-tag rules run just after (never fails the order).
      if (answer.member_id) await memberActivity([answer.member_id], ActivityTrigger.Order)
      return { status: 201, answer }
    } catch (error) {
      // A retry, or a concurrent copy that committed first: answer as the first was answered.
      if (isDuplicateKey(error) && /order_no/.test((error as Error).message)) {
        const again = await this.#replay(input.order_no, bodyHash)
        if (again) return again
      }
      throw error
    }
  }

  async #replay(orderNo: string, bodyHash: string) {
    const existing = await Order.findBy('orderNo', orderNo)
    if (!existing) return null
    if (existing.bodyHash !== bodyHash) {
      throw new ConflictException(`Order ${orderNo} was already recorded with a different body`, 'order_conflict', 'order_no')
    }
    return { status: 200 as const, answer: existing.response as OrderAnswer }
  }

  async #sale(trx: TransactionClientContract, input: OrderInput, paidAt: DateTime, bodyHash: string) {
    const store = await findStore(trx, input.store_code)
    const warnings: string[] = []
    const member = await this.#member(trx, input, store.id, warnings)
    const order = await claim(trx, input, store.id, paidAt, bodyHash, null, member?.id ?? null)
    const guide = await findGuide(trx, input.guide_no, warnings)

    const tiers = await Tier.query({ client: trx }).orderBy('rank')
    const heldTier = member ? tiers.find((t) => t.id === member.tierId)! : null
    const earned = member && heldTier ? pointsEarned(toCents(input.paid), heldTier.rule.multiplierHundredths) : null

    await redeemCarriedCoupons(trx, input, member, store.id, paidAt)
    const { weekday, hour } = localSlot(paidAt)
    await trx.table('order_lines').multiInsert(
      input.items.map((item) => ({
        local_weekday: weekday,
        local_hour: hour,
        order_id: order.id,
        kind: OrderType.Sale,
        member_id: member?.id ?? null,
        store_id: store.id,
        channel: input.channel,
        paid_at: paidAt.toJSDate(),
        sku: item.sku,
        name: item.name,
        category: item.category,
        qty: item.qty,
        unit_price: item.unit_price,
        amount: fromCents(toCents(item.unit_price) * item.qty),
      }))
    )

    let tierCode: string | null = null
    if (member) {
      const settings = await loyaltySettings(trx)
      if (earned) {
        await appendPoints(trx, member, {
          kind: PointsKind.Earn,
          points: earned,
          sourceRef: `order:${order.id}:earn`,
          orderId: order.id,
          expiresAt: pointsExpiry(paidAt, settings, timezone),
        })
      }
      await rewardReferral(trx, member, order.id, settings.referral_points, paidAt, settings)
      const moved = await moveTier(trx, member, {
        reason: TierChangeReason.Order,
        sourceRef: `order:${order.id}:tier`,
        allowDowngrade: false,
        tiers,
      })
      // The member's row once: totals, favourites, balance, spend and tier.
      await recordPurchase(
        trx,
        {
          memberId: member.id,
          storeId: store.id,
          channel: input.channel,
          paidAt,
          paid: input.paid,
          lines: input.items.map((item) => ({ ...item, amount: fromCents(toCents(item.unit_price) * item.qty) })),
        },
        1,
        { points_balance: member.pointsBalance, ...moved.columns }
      )
      tierCode = moved.tier.code
    }

    const answer: OrderAnswer = {
      order_id: order.id,
      member_id: member?.id ?? null,
      points_earned: earned,
      points_balance: member?.pointsBalance ?? null,
      tier: tierCode,
      ...(warnings.length ? { warnings } : {}),
    }
    await Order.query({ client: trx })
      .where('id', order.id)
      .update({ member_id: member?.id ?? null, guide_id: guide?.id ?? null, points_earned: earned, response: JSON.stringify(answer) })
    return answer
  }

  async #return(trx: TransactionClientContract, input: OrderInput, paidAt: DateTime, bodyHash: string) {
    const store = await findStore(trx, input.store_code)
    const original = await Order.query({ client: trx })
      .where('order_no', input.original_order_no!)
      .where('type', OrderType.Sale)
      .forUpdate()
      .first()
    if (!original) {
      throw new UnprocessableException(`Unknown original order ${input.original_order_no}`, 'original_order_no', 'exists')
    }
    const order = await claim(trx, input, store.id, paidAt, bodyHash, original.id, null)
    const warnings: string[] = []
    const guide = await findGuide(trx, input.guide_no, warnings)

    const returnLines = await matchReturnedLines(trx, original.id, input.items)
    const refundCents = toCents(input.paid)
    const refundableCents = toCents(original.paid) - toCents(original.refunded)
    if (refundCents > refundableCents) {
      throw new UnprocessableException(
        `The refund exceeds what is left to refund on ${original.orderNo} (${fromCents(refundableCents)})`,
        'paid',
        'over_refund'
      )
    }
    const completesRefund = refundCents === refundableCents

    for (const line of returnLines) {
      await trx.from('order_lines').where('id', line.originalLineId).increment('returned_qty', line.qty)
    }
    const slot = localSlot(paidAt)
    await trx.table('order_lines').multiInsert(
      returnLines.map((line) => ({
        local_weekday: slot.weekday,
        local_hour: slot.hour,
        order_id: order.id,
        kind: OrderType.Return,
        member_id: original.memberId,
        store_id: store.id,
        channel: input.channel,
        paid_at: paidAt.toJSDate(),
        sku: line.sku,
        name: line.name,
        category: line.category,
        qty: line.qty,
        unit_price: line.unitPrice,
        amount: fromCents(toCents(line.unitPrice) * line.qty),
        original_line_id: line.originalLineId,
      }))
    )

    const member = original.memberId
      ? await Member.query({ client: trx }).where('id', original.memberId).forUpdate().firstOrFail()
      : null
    let reversed: number | null = null
    let tierCode: string | null = null
    if (member) {
      reversed = pointsReversed({
        earned: original.pointsEarned ?? 0,
        alreadyReversed: original.pointsReversed,
        paidCents: toCents(original.paid),
        refundedCents: refundCents,
        completesRefund,
      })
      if (reversed > 0) {
        await appendPoints(trx, member, {
          kind: PointsKind.Reverse,
          points: -reversed,
          sourceRef: `order:${order.id}:reverse`,
          orderId: order.id,
        })
      }
    }
    await Order.query({ client: trx })
      .where('id', original.id)
      .update({
        refunded: fromCents(toCents(original.refunded) + refundCents),
        points_reversed: original.pointsReversed + (reversed ?? 0),
      })
    if (completesRefund) await restoreCoupons(trx, original.orderNo)
    if (member) {
      // Spend falls with the refund; the tier itself only goes down at the daily evaluation.
      const moved = await moveTier(trx, member, {
        reason: TierChangeReason.Order,
        sourceRef: `order:${order.id}:tier`,
        allowDowngrade: false,
      })
      await recordPurchase(
        trx,
        {
          memberId: member.id,
          storeId: original.storeId,
          channel: original.channel,
          paidAt: original.paidAt,
          paid: input.paid,
          lines: returnLines.map((line) => ({ ...line, amount: fromCents(toCents(line.unitPrice) * line.qty) })),
        },
        -1,
        { points_balance: member.pointsBalance, ...moved.columns }
      )
      if (completesRefund) await forgetRefundedSale(trx, member.id)
      tierCode = moved.tier.code
    }

    const answer: OrderAnswer = {
      order_id: order.id,
      member_id: member?.id ?? null,
      points_earned: reversed === null ? null : -reversed,
      points_balance: member?.pointsBalance ?? null,
      tier: tierCode,
      ...(warnings.length ? { warnings } : {}),
    }
    await Order.query({ client: trx })
      .where('id', order.id)
      .update({
        member_id: member?.id ?? null,
        guide_id: guide?.id ?? null,
        points_earned: answer.points_earned,
        response: JSON.stringify(answer),
      })
    return answer
  }

  /**
   * The order's member: by member number or unionid (unknown → 422), or by phone (an unknown
   * phone enrols a new member at this store). No member: a non-member sale.
   */
  async #member(trx: TransactionClientContract, input: OrderInput, storeId: number, warnings: string[]) {
    const ref = input.member
    if (!ref) return null
    if (ref.member_no) {
      const member = await findMemberBy(trx, IdentityType.MemberNo, ref.member_no)
      if (!member) throw new UnprocessableException(`Unknown member number ${ref.member_no}`, 'member.member_no', 'exists')
      return member
    }
    if (ref.unionid) {
      const member = await findMemberBy(trx, IdentityType.Unionid, ref.unionid)
      if (!member) throw new UnprocessableException('Unknown unionid', 'member.unionid', 'exists')
      return member
    }
    if (ref.phone) {
      const phone = normalisePhone(ref.phone)
      if (!phone) throw new UnprocessableException('Not an 11-digit mainland mobile number', 'member.phone', 'phone')
      const referrer = ref.referral_code
        ? await Member.query({ client: trx }).where('referral_code', ref.referral_code.toUpperCase()).first()
        : null
      if (ref.referral_code && !referrer) warnings.push(`Unknown referral code ${ref.referral_code}: ignored`)
      const { member } = await findOrEnrolByPhone(trx, {
        phone,
        registerChannel: input.channel as unknown as RegisterChannel,
        registerStoreId: storeId,
        referredById: referrer?.id ?? null,
      })
      return member
    }
    throw new UnprocessableException('member needs phone, member_no or unionid', 'member', 'required')
  }
}

/**
 * Equal after parsing, not byte for byte: keys sorted at every level.
 */
function hashBody(body: unknown) {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical)
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((key) => [key, canonical((value as Record<string, unknown>)[key])])
      )
    }
    return value
  }
  return createHash('sha256').update(JSON.stringify(canonical(body))).digest('hex')
}

function parseInstant(value: string) {
  const instant = DateTime.fromISO(value, { setZone: true })
  if (!instant.isValid) throw new UnprocessableException('Not a valid time', 'paid_at', 'date')
  return instant.toUTC()
}

async function findStore(trx: TransactionClientContract, code: string) {
  const store = await Store.query({ client: trx }).where('code', code).first()
  if (!store) throw new UnprocessableException(`Unknown store ${code}`, 'store_code', 'exists')
  return store
}

/**
 * An unknown guide number does not refuse the sale: it stays unattributed, with a warning.
 */
async function findGuide(trx: TransactionClientContract, guideNo: string | undefined, warnings: string[]) {
  if (!guideNo) return null
  const guide = await Staff.query({ client: trx }).where('staff_no', guideNo).first()
  if (!guide) warnings.push(`Unknown guide_no ${guideNo}: the order is not attributed to a guide`)
  return guide
}

/**
 * Inserts the order row before its lines and points: its unique order_no makes a retry fail
 * here, and a concurrent copy wait here and fail once this transaction commits (both then get
 * the recorded answer).
 */
async function claim(
  trx: TransactionClientContract,
  input: OrderInput,
  storeId: number,
  paidAt: DateTime,
  bodyHash: string,
  originalOrderId: number | null,
  memberId: number | null
) {
  return Order.create(
    {
      orderNo: input.order_no,
      type: input.type as OrderType,
      channel: input.channel,
      storeId,
      memberId,
      guideId: null,
      guideNo: input.guide_no ?? null,
      originalOrderId,
      total: input.total,
      discount: input.discount,
      paid: input.paid,
      refunded: '0.00',
      pointsEarned: null,
      pointsReversed: 0,
      paidAt,
      bodyHash,
      response: {},
    },
    { client: trx }
  )
}

/**
 * Coupons carried by a sale are redeemed with it, all or none: the first that cannot be used
 * refuses the order with 409 naming it.
 */
async function redeemCarriedCoupons(
  trx: TransactionClientContract,
  input: OrderInput,
  member: Member | null,
  storeId: number,
  paidAt: DateTime
) {
  const codes = [...(input.coupon_codes ?? [])].sort()
  for (const code of codes) {
    const coupon = await Coupon.query({ client: trx }).where('code', code).forUpdate().preload('template').first()
    if (!coupon) throw new ConflictException(`Coupon ${code} does not exist`, 'coupon_not_found', 'coupon_codes')
    const refusal =
      !member || coupon.memberId !== member.id
        ? 'coupon_not_applicable'
        : couponRefusal(coupon, coupon.template, {
            at: paidAt,
            channel: couponChannelOf(input.channel),
            storeId,
            amount: input.total,
          })
    if (refusal) {
      throw new ConflictException(`Coupon ${code} ${COUPON_REFUSAL_MESSAGES[refusal]}`, refusal, 'coupon_codes')
    }
    await Coupon.query({ client: trx })
      .where('id', coupon.id)
      .update({
        status: CouponStatus.Redeemed,
        redeemed_at: paidAt.toJSDate(),
        redeemed_store_id: storeId,
        redeemed_channel: couponChannelOf(input.channel),
        redeemed_order_no: input.order_no,
        updated_at: new Date(),
      })
  }
}

/**
 * A full refund gives back the coupons the sale used, when they are still valid.
 */
async function restoreCoupons(trx: TransactionClientContract, orderNo: string) {
  await trx
    .from('coupons')
    .where('redeemed_order_no', orderNo)
    .where('status', CouponStatus.Redeemed)
    .where((q) => q.whereNull('expires_at').orWhere('expires_at', '>', new Date()))
    .update({
      status: CouponStatus.Issued,
      redeemed_at: null,
      redeemed_store_id: null,
      redeemed_channel: null,
      redeemed_order_no: null,
      updated_at: new Date(),
    })
}

type ReturnLine = { originalLineId: number; sku: string; name: string; category: string; unitPrice: string; qty: number }

/**
 * Matches returned items to the sale's lines by SKU, oldest line first. Returning more than
 * is left to return is a 422 naming the item.
 */
async function matchReturnedLines(trx: TransactionClientContract, originalOrderId: number, items: OrderInput['items']) {
  const lines = await OrderLine.query({ client: trx }).where('order_id', originalOrderId).orderBy('id').forUpdate()
  const left = new Map(lines.map((line) => [line.id, line.qty - line.returnedQty]))
  const matched: ReturnLine[] = []

  items.forEach((item, index) => {
    let wanted = item.qty
    for (const line of lines.filter((l) => l.sku === item.sku)) {
      const take = Math.min(wanted, left.get(line.id)!)
      if (take <= 0) continue
      left.set(line.id, left.get(line.id)! - take)
      matched.push({
        originalLineId: line.id,
        sku: line.sku,
        name: line.name,
        category: line.category,
        unitPrice: line.unitPrice,
        qty: take,
      })
      wanted -= take
    }
    if (wanted > 0) {
      throw new UnprocessableException(
        `Returns ${item.qty} × ${item.sku}, more than is left to return on the original order`,
        `items.${index}.qty`,
        'over_return'
      )
    }
  })
  return matched
}

/**
 * After a referred member's first paid sale, both sides get the referral reward, once: the
 * ledger's unique source references make a second reward impossible.
 */
async function rewardReferral(
  trx: TransactionClientContract,
  member: Member,
  orderId: number,
  points: number,
  paidAt: DateTime,
  settings: Awaited<ReturnType<typeof loyaltySettings>>
) {
  if (!member.referredById || points <= 0) return
  const earlier = await trx
    .from('orders')
    .where('member_id', member.id)
    .where('type', OrderType.Sale)
    .whereNot('id', orderId)
    .first()
  if (earlier) return
  const exists = await trx.from('points_entries').where('source_ref', `referral:${member.id}:referee`).first()
  if (exists) return
  const referrer = await Member.query({ client: trx }).where('id', member.referredById).forUpdate().first()
  const expiresAt = pointsExpiry(paidAt, settings, timezone)
  await appendPoints(trx, member, { kind: PointsKind.Referral, points, sourceRef: `referral:${member.id}:referee`, orderId, expiresAt })
  if (referrer) {
    await postPoints(trx, referrer, { kind: PointsKind.Referral, points, sourceRef: `referral:${member.id}:referrer`, orderId, expiresAt })
  }
}
