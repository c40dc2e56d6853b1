/** Mirrors backend/app/enums/tag.ts (the API's values). */

/** How a tag came to a member. Only manual tags are taken off by hand: a rule gives its tag back. */
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

export enum AutoTagAction {
  Added = 'added',
  Removed = 'removed',
}

/** What made the rules run for a member; recorded on every auto-tag hit. */
export enum ActivityTrigger {
  Order = 'order',
  Event = 'event',
  Tag = 'tag',
  Rule = 'rule',
  Nightly = 'nightly',
}

/** Dynamic: evaluated whenever used. Static: the members who matched when it was saved. */
export enum SegmentKind {
  Dynamic = 'dynamic',
  Static = 'static',
}

export const TAG_SOURCES = Object.values(TagSource)
export const AUTO_TAG_RULE_STATUSES = Object.values(AutoTagRuleStatus)
export const SEGMENT_KINDS = Object.values(SegmentKind)
