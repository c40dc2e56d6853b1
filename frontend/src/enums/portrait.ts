/** Mirrors backend/app/enums/rfm.ts, event.ts and the kinds of queries/members/timeline.ts. */

/** Named RFM groups; members who never purchased have none. */
export enum RfmGroup {
  Champions = 'champions',
  Loyal = 'loyal',
  Potential = 'potential',
  NewCustomer = 'new_customer',
  AtRisk = 'at_risk',
  CantLose = 'cant_lose',
  Hibernating = 'hibernating',
  Lost = 'lost',
}

/** Behaviour events the mall and the mini-program push; segment `event` conditions take others as typed. */
export enum EventType {
  ViewProduct = 'view_product',
  Favorite = 'favorite',
  AddToCart = 'add_to_cart',
  CouponClaimed = 'coupon_claimed',
  Checkin = 'checkin',
}

export enum TimelineKind {
  Order = 'order',
  Event = 'event',
  Points = 'points',
  CouponIssued = 'coupon_issued',
  CouponRedeemed = 'coupon_redeemed',
  TierChange = 'tier_change',
  TagAdded = 'tag_added',
}

export const RFM_GROUPS = Object.values(RfmGroup)
export const EVENT_TYPES = Object.values(EventType)
export const TIMELINE_KINDS = Object.values(TimelineKind)
