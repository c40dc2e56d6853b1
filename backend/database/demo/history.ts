import { CouponSource, OrderType, PointsKind, SalesChannel } from '#enums/loyalty'
import type { OrderAnswer } from '#actions/orders/ingest_order'
import { pointsEarned, pointsReversed } from '#services/loyalty_rules'
import { Account, Ledger } from '#database/demo/accounts'
import { fillBasket, NEW_ITEM_DAYS } from '#database/demo/baskets'
import { HISTORY_DAYS, type Calendar } from '#database/demo/calendar'
import { couponIssues, type Issue } from '#database/demo/campaigns'
import type { DemoContext, DemoGuide, DemoStore } from '#database/demo/context'
import { CouponBook, couponDiscount, issuable, type DemoTemplates } from '#database/demo/coupons'
import type { Ids } from '#database/demo/ids'
import type { DemoMember } from '#database/demo/members'
import { OrderBook, type OrderRecord } from '#database/demo/orders'
import { drawTaste } from '#database/demo/personas'
import type { Random } from '#database/demo/random'
import { Timeline } from '#database/demo/timeline'
import { birthdayVisit, memberVisits, walkInVisits, type Visit } from '#database/demo/visits'

type ReturnPlan = {
  sale: OrderRecord
  account: Account
  paidAt: number
  full: boolean
  channel: SalesChannel
  store: DemoStore
  /** A partial return followed days later by the rest of the order. */
  thenTheRest: boolean
}

type DemoEvent =
  | { kind: 'enrol'; member: DemoMember }
  | { kind: 'sale'; visit: Visit }
  | { kind: 'return'; plan: ReturnPlan }
  | { kind: 'issue'; issue: Issue }
  | { kind: 'exchange'; member: DemoMember; staffId: number }
  | { kind: 'evaluate'; member: DemoMember }

const MINUTE = 60_000
const DAY = 86_400_000
/** Chance that a member's sale is returned in part or whole: mall goods come back most. */
const RETURN_RATE: Record<SalesChannel, number> = { pos: 0.033, miniprogram: 0.04, mall: 0.1 }
/** Walk-in (non-member) sales a day per unit of store weight, for every 20,000 members: members stay ~80 % of sales. */
const WALK_INS_PER_STORE_WEIGHT = 2.6 / 20_000

/**
 * Replays the year in time order and does for each event what the engine does for it
 * (ingest_order.ts for sales and returns, the coupon issuer, the points exchange, the nightly
 * tier evaluation), so the rows left behind are the rows the engine would hold today.
 */
export class DemoHistory {
  readonly ledger: Ledger
  readonly book: OrderBook
  readonly coupons: CouponBook
  readonly accounts = new Map<DemoMember, Account>()
  #timeline = new Timeline<DemoEvent>()

  constructor(
    private random: Random,
    private calendar: Calendar,
    private context: DemoContext,
    private templates: DemoTemplates,
    private ids: Ids
  ) {
    this.ledger = new Ledger(ids, context, calendar)
    this.book = new OrderBook(ids, calendar)
    this.coupons = new CouponBook(random, calendar)
  }

  plan(members: DemoMember[]) {
    for (const member of members) {
      this.#timeline.add(member.enrolAt, { kind: 'enrol', member })
      for (const visit of memberVisits(this.random, this.calendar, this.context.stores, member)) this.#sale(visit)
    }
    const walkIns = walkInVisits(this.random, this.calendar, this.context.stores, WALK_INS_PER_STORE_WEIGHT * members.length)
    for (const visit of walkIns) this.#sale(visit)
    for (const issue of couponIssues(this.random, this.calendar, members, this.templates, this.context.hqOperatorId)) {
      this.#timeline.add(issue.at, { kind: 'issue', issue })
    }
  }

  run() {
    for (let next = this.#timeline.next(); next; next = this.#timeline.next()) {
      const { at, event } = next
      if (event.kind === 'enrol') this.#enrol(event.member)
      else if (event.kind === 'sale') this.#recordSale(event.visit, at)
      else if (event.kind === 'return') this.#recordReturn(event.plan, at)
      else if (event.kind === 'issue') this.#issue(event.issue)
      else if (event.kind === 'exchange') this.#exchange(event.member, event.staffId, at)
      else this.ledger.evaluate(this.#account(event.member), at)
    }
    this.coupons.expireBefore(this.calendar.end)
  }

  /** The engine records an order when the till delivers it, seconds after payment: that is its place in the replay. */
  #sale(visit: Visit) {
    this.#timeline.add(visit.at + this.#delay(visit.channel), { kind: 'sale', visit })
  }

  #delay(channel: SalesChannel) {
    return this.random.int(channel === SalesChannel.Pos ? 2 : 1, channel === SalesChannel.Pos ? 20 : 5) * 1000 + this.random.int(0, 999)
  }

  #account(member: DemoMember) {
    return this.accounts.get(member)!
  }

  #enrol(member: DemoMember) {
    const account = new Account(member)
    this.accounts.set(member, account)
    this.ledger.enrol(account, member.enrolAt)
  }

  /** IngestOrder#sale: coupons, lines, points earned at the tier held before, referral reward, upgrade. */
  #recordSale(visit: Visit, now: number) {
    const { member, channel, store, at } = visit
    const account = member ? this.#account(member) : null
    const day = this.calendar.dayOf(at)
    const basket = fillBasket(this.random, {
      persona: member?.persona ?? null,
      slot: visit.slot,
      channel,
      weekend: day.weekend,
      taste: member?.taste ?? drawTaste(this.random),
      newItemOnMenu: day.index >= HISTORY_DAYS - NEW_ITEM_DAYS,
    })
    const coupon = account
      ? this.coupons.choose(account.coupons, { at, channel, storeId: store.id, totalCents: basket.totalCents, treat: visit.treat })
      : null
    if (coupon?.template.giftSku) basket.add(coupon.template.giftSku)
    const discount = coupon ? couponDiscount(coupon.template, basket.totalCents) : 0
    const order = this.book.create({
      type: OrderType.Sale,
      channel,
      store,
      memberId: member?.id ?? null,
      guide: this.#guide(visit),
      original: null,
      lines: basket.lines,
      discountCents: discount,
      paidCents: basket.totalCents - discount,
      paidAt: at,
      createdAt: now,
    })
    if (coupon) this.coupons.redeem(coupon, { at, storeId: store.id, channel, orderNo: order.orderNo })
    if (!account) {
      order.response = answer(order, null)
      return
    }

    const earned = pointsEarned(order.paidCents, this.ledger.multiplier(account))
    order.pointsEarned = earned
    if (earned) {
      const expiresAt = this.ledger.expiry(at)
      this.ledger.post(account, now, { kind: PointsKind.Earn, points: earned, sourceRef: `order:${order.id}:earn`, orderId: order.id, expiresAt })
    }
    this.#rewardReferral(account, order, now)
    account.sales++
    account.netCents += order.paidCents
    this.ledger.afterOrder(account, `order:${order.id}:tier`, now)
    order.response = answer(order, account, this.ledger.tierCode(account))

    this.#maybeReturn(order, account)
    // Now and then the member's own guide exchanges points for a coupon for them at the till.
    const cost = this.templates.points.model.pointsCost
    const guide = member!.owner
    const atHome = channel === SalesChannel.Pos && store === member!.home
    if (atHome && guide && cost && issuable(this.templates.points) && account.balance >= cost && this.random.chance(0.05)) {
      this.#timeline.add(now + this.random.int(1, 5) * MINUTE, { kind: 'exchange', member: member!, staffId: guide.id })
    }
  }

  /** After a referred member's first sale both sides get the referral points, once. */
  #rewardReferral(account: Account, order: OrderRecord, now: number) {
    const referrer = account.member.referredBy
    const points = this.context.settings.referral_points
    if (!referrer || points <= 0 || account.sales > 0) return
    const expiresAt = this.ledger.expiry(order.paidAt)
    const reward = { kind: PointsKind.Referral, points, orderId: order.id, expiresAt }
    this.ledger.post(account, now, { ...reward, sourceRef: `referral:${account.member.id}:referee` })
    this.ledger.post(this.#account(referrer), now, { ...reward, sourceRef: `referral:${account.member.id}:referrer` })
  }

  /** The till's attribution: the member's own guide at home, any guide on duty elsewhere, the owner for the online mall. */
  #guide(visit: Visit): DemoGuide | null {
    const { member, store, channel } = visit
    if (!member) return this.#onDuty(store, 0.3)
    if (channel === SalesChannel.Miniprogram) return null
    if (channel === SalesChannel.Mall) return member.owner && this.random.chance(0.7) ? member.owner : null
    if (store === member.home && member.owner && this.random.chance(0.45)) return member.owner
    return this.#onDuty(store, 0.4)
  }

  #onDuty(store: DemoStore, chance: number) {
    return store.guides.length && this.random.chance(chance) ? this.random.pick(store.guides) : null
  }

  /**
   * Some sales come back: at the till within the hour, or days later, a quarter of them at
   * another store or through another channel than the sale (bought online, returned in store).
   */
  #maybeReturn(sale: OrderRecord, account: Account) {
    if (!this.random.chance(RETURN_RATE[sale.channel])) return
    const sameDay = sale.channel !== SalesChannel.Mall && this.random.chance(0.55)
    const paidAt = sameDay
      ? sale.paidAt + this.random.int(10, 90) * MINUTE
      : sale.paidAt + this.random.int(1, sale.channel === SalesChannel.Mall ? 14 : 7) * DAY + this.random.int(-180, 180) * MINUTE
    if (paidAt >= this.calendar.end) return
    let { channel, store } = sale
    if (!sameDay && this.random.chance(0.25)) {
      if (channel !== SalesChannel.Pos) [channel, store] = [SalesChannel.Pos, account.member.home]
      else if (store.neighbours.length) store = this.random.pick(store.neighbours)
      else channel = SalesChannel.Miniprogram
    }
    const units = sale.lines.reduce((n, l) => n + l.qty, 0)
    const full = units === 1 || this.random.chance(0.5)
    const plan = { sale, account, paidAt, full, channel, store, thenTheRest: !full && this.random.chance(0.2) }
    this.#timeline.add(paidAt + this.#delay(channel), { kind: 'return', plan })
  }

  /** IngestOrder#return: matched lines, refund, points reversed, coupons restored, spend down. */
  #recordReturn(plan: ReturnPlan, now: number) {
    const { sale } = plan
    const open = sale.lines.filter((l) => l.qty > l.returnedQty)
    if (!open.length) return
    let taken = open.map((line) => ({ line, qty: line.qty - line.returnedQty }))
    if (!plan.full) {
      const { line, qty } = this.random.pick(taken)
      taken = [{ line, qty: qty > 1 ? this.random.int(1, qty - 1) : 1 }]
    }
    const everything = taken.length === open.length && taken.every((t) => t.qty === t.line.qty - t.line.returnedQty)
    const goodsCents = taken.reduce((sum, t) => sum + t.line.unitCents * t.qty, 0)
    const refundable = sale.paidCents - sale.refundedCents
    // The till refunds what the goods cost after the sale's discount, never more than their price.
    const share = sale.totalCents ? Math.floor((goodsCents * sale.paidCents) / sale.totalCents) : 0
    const refund = Math.min(goodsCents, everything ? refundable : Math.min(refundable, share))
    const completesRefund = refund === refundable

    const order = this.book.create({
      type: OrderType.Return,
      channel: plan.channel,
      store: plan.store,
      memberId: sale.memberId,
      guide: plan.channel === SalesChannel.Pos ? this.#onDuty(plan.store, 0.3) : null,
      original: sale,
      lines: taken.map(({ line, qty }) => ({ ...line, qty, originalLineId: line.id })),
      discountCents: goodsCents - refund,
      paidCents: refund,
      paidAt: plan.paidAt,
      createdAt: now,
    })
    for (const { line, qty } of taken) line.returnedQty += qty

    const { account } = plan
    const reversed = pointsReversed({
      earned: sale.pointsEarned ?? 0,
      alreadyReversed: sale.pointsReversed,
      paidCents: sale.paidCents,
      refundedCents: refund,
      completesRefund,
    })
    if (reversed > 0) {
      this.ledger.post(account, now, { kind: PointsKind.Reverse, points: -reversed, sourceRef: `order:${order.id}:reverse`, orderId: order.id })
    }
    sale.refundedCents += refund
    sale.pointsReversed += reversed
    if (completesRefund) this.coupons.restore(account.coupons, sale.orderNo, now)
    order.pointsEarned = -reversed
    account.netCents -= refund
    // Spend falls with the refund; the tier itself only goes down at the next nightly evaluation.
    if (this.ledger.afterOrder(account, `order:${order.id}:tier`, now)) {
      const evaluation = this.calendar.nextEvaluation(now)
      if (evaluation < this.calendar.end) this.#timeline.add(evaluation, { kind: 'evaluate', member: account.member })
    }
    order.response = answer(order, account, this.ledger.tierCode(account))

    const later = plan.paidAt + this.random.int(1, 10) * DAY
    if (plan.thenTheRest && !completesRefund && later < this.calendar.end) {
      const rest = { ...plan, paidAt: later, full: true, thenTheRest: false }
      this.#timeline.add(later + this.#delay(plan.channel), { kind: 'return', plan: rest })
    }
  }

  #issue(issue: Issue) {
    const account = this.#account(issue.member)
    const coupon = this.coupons.issue({ ...issue, id: this.ids.next('coupons'), memberId: issue.member.id })
    account.coupons.push(coupon)
    if (coupon.source === CouponSource.Birthday && this.random.chance(0.3)) {
      const visit = birthdayVisit(this.random, this.calendar, issue.member, issue.at)
      if (visit) this.#sale(visit)
    }
  }

  /** ExchangePointsForCoupon: the coupon is issued and its points debited together. */
  #exchange(member: DemoMember, staffId: number, at: number) {
    const account = this.#account(member)
    const template = this.templates.points
    const cost = template.model.pointsCost!
    if (account.balance < cost) return
    const coupon = this.coupons.issue({
      id: this.ids.next('coupons'),
      template,
      memberId: member.id,
      source: CouponSource.Points,
      sourceRef: null,
      staffId,
      at,
    })
    account.coupons.push(coupon)
    this.ledger.post(account, at, { kind: PointsKind.Redeem, points: -cost, sourceRef: `exchange:${coupon.id}`, couponId: coupon.id, staffId })
  }
}

/** The answer IngestOrder stores with the order and replays to a retry. */
function answer(order: OrderRecord, account: Account | null, tier: string | null = null): OrderAnswer {
  return {
    order_id: order.id,
    member_id: account ? account.member.id : null,
    points_earned: order.pointsEarned,
    points_balance: account ? account.balance : null,
    tier,
  }
}
