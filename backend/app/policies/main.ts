export const policies = {
  StaffPolicy: () => import('#policies/staff_policy'),
  StorePolicy: () => import('#policies/store_policy'),
  MemberPolicy: () => import('#policies/member_policy'),
  LoyaltyRulesPolicy: () => import('#policies/loyalty_rules_policy'),
}
