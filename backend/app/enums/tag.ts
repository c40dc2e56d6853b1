/**
 * How a tag came to a member. A rule only ever removes tags it added itself.
 */
export enum TagSource {
  Manual = 'manual',
  Rule = 'rule',
  Import = 'import',
  Wecom = 'wecom',
}

export enum AutoTagRuleStatus {
  Active = 'active',
  Paused = 'paused',
}

export const AUTO_TAG_RULE_STATUSES = Object.values(AutoTagRuleStatus)

export enum AutoTagAction {
  Added = 'added',
  Removed = 'removed',
}

/**
 * What made the rules run for a member: recorded on every auto-tag hit.
 */
export enum ActivityTrigger {
  Order = 'order',
  Event = 'event',
  Tag = 'tag',
  Rule = 'rule',
  Nightly = 'nightly',
}

export enum SegmentKind {
  Dynamic = 'dynamic',
  Static = 'static',
}

export const SEGMENT_KINDS = Object.values(SegmentKind)
