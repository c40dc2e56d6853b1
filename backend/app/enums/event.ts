/**
 * Behaviour events the mall and the mini-program push (CONTRACTS section 3). A new type is one
 * more member here; segment `event` conditions and the timeline take it as is.
 */
export enum EventType {
  ViewProduct = 'view_product',
  Favorite = 'favorite',
  AddToCart = 'add_to_cart',
  CouponClaimed = 'coupon_claimed',
  Checkin = 'checkin',
}

export const EVENT_TYPES = Object.values(EventType)
