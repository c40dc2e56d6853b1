/**
 * Named RFM groups; how scores map to them is in app/jobs/compute_rfm_job.ts (RFM_GROUPS).
 * Members who never purchased have no scores and no group.
 */
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

export const RFM_GROUPS = Object.values(RfmGroup)
