/** Mirrors backend/app/enums/loyalty.ts (the API's values). */
export enum OrderType {
  Sale = 'sale',
  Return = 'return',
}

export enum SalesChannel {
  Pos = 'pos',
  Mall = 'mall',
  Miniprogram = 'miniprogram',
}

export enum MemberStatus {
  Active = 'active',
  Merged = 'merged',
  Erased = 'erased',
}

export enum PointsKind {
  Earn = 'earn',
  Reverse = 'reverse',
  Redeem = 'redeem',
  Expire = 'expire',
  Adjust = 'adjust',
  Birthday = 'birthday',
  Referral = 'referral',
  Merge = 'merge',
}

export enum CouponKind {
  AmountOff = 'amount_off',
  PercentOff = 'percent_off',
  Gift = 'gift',
}

export enum CouponStatus {
  Issued = 'issued',
  Redeemed = 'redeemed',
  Expired = 'expired',
  Void = 'void',
}

export enum CouponChannel {
  Online = 'online',
  Offline = 'offline',
}

export enum CouponTemplateStatus {
  Active = 'active',
  Archived = 'archived',
}

/** Why `POST /coupon-templates/:id/issue` skipped a member. */
export enum IssueSkipReason {
  OutOfStock = 'out_of_stock',
  MemberLimit = 'member_limit',
  NotFound = 'not_found',
  TemplateArchived = 'template_archived',
  TemplateExpired = 'template_expired',
}

export enum PointsExpiry {
  EndOfNextYear = 'end_of_next_year',
  Never = 'never',
}

export const COUPON_KINDS = Object.values(CouponKind)
export const COUPON_CHANNELS = Object.values(CouponChannel)
export const COUPON_TEMPLATE_STATUSES = Object.values(CouponTemplateStatus)
export const POINTS_EXPIRIES = Object.values(PointsExpiry)
