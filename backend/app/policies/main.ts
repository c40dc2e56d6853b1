export const policies = {
  StaffPolicy: () => import('#policies/staff_policy'),
  StorePolicy: () => import('#policies/store_policy'),
}
