export enum OrderType {
  Sale = 'sale',
  Return = 'return',
}

export enum SalesChannel {
  Pos = 'pos',
  Mall = 'mall',
  Miniprogram = 'miniprogram',
}

export const SALES_CHANNELS = Object.values(SalesChannel)

export enum RegisterChannel {
  Pos = 'pos',
  Mall = 'mall',
  Miniprogram = 'miniprogram',
  Wecom = 'wecom',
  Console = 'console',
  Web = 'web',
}

export enum MemberStatus {
  Active = 'active',
  Merged = 'merged',
  Erased = 'erased',
}

export enum Gender {
  Male = 'male',
  Female = 'female',
  Unknown = 'unknown',
}

export enum IdentityType {
  Phone = 'phone',
  MemberNo = 'member_no',
  Unionid = 'unionid',
  WecomExternalUserid = 'wecom_external_userid',
  MallUserId = 'mall_user_id',
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

export enum TierChangeReason {
  Enrol = 'enrol',
  Order = 'order',
  Evaluation = 'evaluation',
  Merge = 'merge',
  Admin = 'admin',
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

export enum CouponSource {
  Manual = 'manual',
  Points = 'points',
  Birthday = 'birthday',
  Referral = 'referral',
  Broadcast = 'broadcast',
  Sop = 'sop',
  Chat = 'chat',
}
