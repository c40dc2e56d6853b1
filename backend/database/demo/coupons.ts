import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import CouponTemplate from '#models/coupon_template'
import type Coupon from '#models/coupon'
import { CouponChannel, CouponKind, CouponSource, CouponStatus, SalesChannel } from '#enums/loyalty'
import { couponExpiry } from '#services/coupon_issuer'
import { couponChannelOf, couponRefusal } from '#services/coupon_rules'
import { fromCents, toCents, type Cents } from '#services/money'
import type { LoyaltySettings } from '#services/loyalty_settings'
import type { Calendar } from '#database/demo/calendar'
import { CODE_ALPHABET, type Random } from '#database/demo/random'

export type DemoTemplate = {
  model: CouponTemplate
  /** Gift coupons put this product in the basket for free. */
  giftSku: string | null
  issued: number
}

export type CouponRecord = {
  id: number
  code: string
  template: DemoTemplate
  memberId: number
  status: CouponStatus
  source: CouponSource
  sourceRef: string | null
  issuedByStaffId: number | null
  issuedAt: number
  expiresAt: number | null
  redeemedAt: number | null
  redeemedStoreId: number | null
  redeemedChannel: CouponChannel | null
  redeemedOrderNo: string | null
  updatedAt: number
}

const BOTH = [CouponChannel.Online, CouponChannel.Offline]

type TemplateSpec = {
  code: string
  name: string
  kind: CouponKind
  value: string
  minSpend: string
  validDays: number
  channels: CouponChannel[]
  pointsCost?: number
  giftSku?: string
}

/** The demo's coupon programme: a spend-and-save campaign, a mini-program discount, guides' gifts, birthdays and points. */
const TEMPLATES = {
  spend: { code: 'SPEND50-OFF10', name: '满50减10', kind: CouponKind.AmountOff, value: '10.00', minSpend: '50.00', validDays: 30, channels: BOTH },
  mini: { code: 'MINI-20OFF', name: '小程序专享 8 折', kind: CouponKind.PercentOff, value: '20.00', minSpend: '0.00', validDays: 14, channels: [CouponChannel.Online] },
  gift: { code: 'GIFT-CROISSANT', name: '导购赠券：黄油可颂一个', kind: CouponKind.Gift, value: '16.00', minSpend: '0.00', validDays: 30, channels: [CouponChannel.Offline], giftSku: 'CROISSANT' },
  // Its code is the one the birthday job issues (loyalty settings).
  birthday: { code: 'BIRTHDAY', name: '生日礼：纽约芝士蛋糕一份', kind: CouponKind.Gift, value: '32.00', minSpend: '0.00', validDays: 30, channels: BOTH, giftSku: 'CHEESECAKE' },
  points: { code: 'POINTS-500', name: '积分兑换：满30减15', kind: CouponKind.AmountOff, value: '15.00', minSpend: '30.00', validDays: 60, channels: BOTH, pointsCost: 500 },
} satisfies Record<string, TemplateSpec>

export type DemoTemplates = {
  spend: DemoTemplate
  mini: DemoTemplate
  gift: DemoTemplate
  birthday: DemoTemplate | null
  points: DemoTemplate
}

/**
 * The demo templates, created as HQ would have a year ago. A template that already exists under
 * the same code is used as it is (and issues nothing when it could not, see issuable).
 */
export async function ensureTemplates(trx: TransactionClientContract, settings: LoyaltySettings, createdAt: number): Promise<DemoTemplates> {
  const at = DateTime.fromMillis(createdAt)
  const ensure = async ({ giftSku, pointsCost, ...spec }: TemplateSpec): Promise<DemoTemplate> => {
    const model =
      (await CouponTemplate.query({ client: trx }).where('code', spec.code).first()) ??
      (await CouponTemplate.create(
        {
          ...spec,
          pointsCost: pointsCost ?? null,
          validFrom: null,
          validTo: null,
          storeIds: null,
          totalStock: null,
          perMemberLimit: null,
          issuedCount: 0,
          status: 'active',
          createdAt: at,
          updatedAt: at,
        },
        { client: trx }
      ))
    return { model, giftSku: model.kind === CouponKind.Gift ? (giftSku ?? null) : null, issued: 0 }
  }
  const birthdayCode = settings.birthday_template_code
  return {
    spend: await ensure(TEMPLATES.spend),
    mini: await ensure(TEMPLATES.mini),
    gift: await ensure(TEMPLATES.gift),
    birthday: birthdayCode ? await ensure({ ...TEMPLATES.birthday, code: birthdayCode }) : null,
    points: await ensure(TEMPLATES.points),
  }
}

export function allTemplates(templates: DemoTemplates) {
  return [templates.spend, templates.mini, templates.gift, templates.birthday, templates.points].filter((t) => t !== null)
}

/** Whether the demo may issue from a template without re-implementing stock and limits. */
export function issuable(template: DemoTemplate) {
  const t = template.model
  return t.status === 'active' && !t.validTo && t.totalStock === null && t.perMemberLimit === null && !t.validFrom
}

export class CouponBook {
  readonly coupons: CouponRecord[] = []
  #codes = new Set<string>()
  #expiries = new Map<string, number | null>()

  constructor(
    private random: Random,
    private calendar: Calendar
  ) {}

  /** couponExpiry depends on the template and the local day of issue only; campaigns issue thousands at once. */
  #expiry(template: DemoTemplate, at: number) {
    const key = `${template.model.id}:${this.calendar.dayOf(at).index}`
    if (!this.#expiries.has(key)) {
      const expires = couponExpiry(template.model, DateTime.fromMillis(at, { zone: 'utc' }))
      this.#expiries.set(key, expires ? expires.toMillis() : null)
    }
    return this.#expiries.get(key)!
  }

  issue(input: {
    id: number
    template: DemoTemplate
    memberId: number
    source: CouponSource
    sourceRef: string | null
    staffId: number | null
    at: number
  }) {
    let code: string
    do code = this.random.code(CODE_ALPHABET, 12)
    while (this.#codes.has(code))
    this.#codes.add(code)
    const coupon: CouponRecord = {
      id: input.id,
      code,
      template: input.template,
      memberId: input.memberId,
      status: CouponStatus.Issued,
      source: input.source,
      sourceRef: input.sourceRef,
      issuedByStaffId: input.staffId,
      issuedAt: input.at,
      expiresAt: this.#expiry(input.template, input.at),
      redeemedAt: null,
      redeemedStoreId: null,
      redeemedChannel: null,
      redeemedOrderNo: null,
      updatedAt: input.at,
    }
    input.template.issued++
    this.coupons.push(coupon)
    return coupon
  }

  /**
   * A coupon the member carries to this purchase, if one can be used (coupon_rules decides) and
   * they think of it: gifts nearly always, discounts often, a birthday treat always.
   */
  choose(held: CouponRecord[], use: { at: number; channel: SalesChannel; storeId: number; totalCents: Cents; treat: boolean }) {
    const at = DateTime.fromMillis(use.at, { zone: 'utc' })
    for (const coupon of held) {
      // Cheap checks first; couponRefusal has the last word.
      if (coupon.status !== CouponStatus.Issued || (coupon.expiresAt !== null && coupon.expiresAt < use.at)) continue
      const { template } = coupon
      const amount = use.totalCents + (template.giftSku ? toCents(template.model.value) : 0)
      const refusal = couponRefusal(asCoupon(coupon), template.model, {
        at,
        channel: couponChannelOf(use.channel),
        storeId: use.storeId,
        amount: fromCents(amount),
      })
      if (refusal) continue
      if (this.random.chance(use.treat && template.giftSku ? 1 : template.giftSku ? 0.7 : 0.55)) return coupon
    }
    return null
  }

  redeem(coupon: CouponRecord, order: { at: number; storeId: number; channel: SalesChannel; orderNo: string }) {
    Object.assign(coupon, {
      status: CouponStatus.Redeemed,
      redeemedAt: order.at,
      redeemedStoreId: order.storeId,
      redeemedChannel: couponChannelOf(order.channel),
      redeemedOrderNo: order.orderNo,
      updatedAt: order.at,
    })
  }

  /** A full refund gives back the sale's coupons that are still valid (ingest_order restoreCoupons). */
  restore(held: CouponRecord[], orderNo: string, at: number) {
    for (const coupon of held) {
      if (coupon.redeemedOrderNo !== orderNo || coupon.status !== CouponStatus.Redeemed) continue
      if (coupon.expiresAt !== null && coupon.expiresAt <= at) continue
      Object.assign(coupon, { status: CouponStatus.Issued, redeemedAt: null, redeemedStoreId: null, redeemedChannel: null, redeemedOrderNo: null, updatedAt: at })
    }
  }

  /** What expire_coupons_job has done by today: issued coupons past their expiry are expired. */
  expireBefore(now: number) {
    for (const coupon of this.coupons) {
      if (coupon.status === CouponStatus.Issued && coupon.expiresAt !== null && coupon.expiresAt < now) {
        coupon.status = CouponStatus.Expired
        coupon.updatedAt = coupon.expiresAt + 6 * 60_000
      }
    }
  }
}

/** The discount a coupon gives on a basket (the till computes it; percent_off "20" is 20 % off). */
export function couponDiscount(template: DemoTemplate, totalCents: Cents): Cents {
  const value = toCents(template.model.value)
  if (template.model.kind === CouponKind.PercentOff) return Math.floor((totalCents * value) / 10_000)
  return Math.min(value, totalCents)
}

/** couponRefusal reads a coupon's status and validity only; the demo keeps those as plain values. */
function asCoupon(coupon: CouponRecord) {
  const view = {
    status: coupon.status,
    validFrom: null,
    expiresAt: coupon.expiresAt === null ? null : DateTime.fromMillis(coupon.expiresAt, { zone: 'utc' }),
  }
  return view as unknown as Coupon
}
