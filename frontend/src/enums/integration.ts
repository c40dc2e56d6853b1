/** Mirrors backend/app/enums/integration.ts. */
export enum IntegrationScope {
  Orders = 'orders',
  Events = 'events',
  Coupons = 'coupons',
}

export const INTEGRATION_SCOPES = Object.values(IntegrationScope)

export enum IntegrationAppStatus {
  Active = 'active',
  Revoked = 'revoked',
}
