/** Mirrors backend/app/enums/wecom.ts and the values of the `/wecom` API. */

/** One guide's relationship with a customer. */
export enum FollowStatus {
  Active = 'active',
  DeletedByCustomer = 'deleted_by_customer',
  DeletedByStaff = 'deleted_by_staff',
}

export enum ContactStatus {
  Active = 'active',
  /** No guide follows them any more. */
  Lost = 'lost',
}

export enum GroupStatus {
  Active = 'active',
  Dismissed = 'dismissed',
}

export enum GroupMemberType {
  Staff = 'staff',
  External = 'external',
}

/** The entries of a group's history, named as WeCom's `UpdateDetail` (plus create and dismiss). */
export enum GroupChange {
  Create = 'create',
  AddMember = 'add_member',
  DelMember = 'del_member',
  ChangeOwner = 'change_owner',
  ChangeName = 'change_name',
  ChangeNotice = 'change_notice',
  Dismiss = 'dismiss',
}

export enum SyncKind {
  Full = 'full',
  Incremental = 'incremental',
}

export enum SyncStatus {
  Queued = 'queued',
  Running = 'running',
  Done = 'done',
  Failed = 'failed',
}

export enum SyncPhase {
  FollowUsers = 'follow_users',
  Contacts = 'contacts',
  Groups = 'groups',
  Tags = 'tags',
}

/** What a sync summary counts, per entity. */
export const SYNC_ENTITIES = ['contacts', 'groups', 'tags'] as const
export type SyncEntity = (typeof SYNC_ENTITIES)[number]

export enum HandoverKind {
  Resigned = 'resigned',
  Onjob = 'onjob',
}

export enum HandoverStatus {
  Running = 'running',
  Done = 'done',
}

export enum HandoverItemStatus {
  /** Not yet sent to WeCom. */
  Pending = 'pending',
  /** WeCom accepted the transfer; the customer has 24 h to refuse. */
  Waiting = 'waiting',
  Done = 'done',
  Refused = 'refused',
  /** The takeover guide has reached WeCom's customer limit. */
  Limit = 'limit',
  Failed = 'failed',
}

/** Who ended the relationship: the customer deleted the guide, or the guide deleted the customer. */
export enum LostSource {
  DelFollowUser = 'del_follow_user',
  DelExternalContact = 'del_external_contact',
}

/** What two or more members share with a contact, so binding needs a person to choose. */
export enum BindingConflictReason {
  Unionid = 'unionid',
  Phone = 'phone',
}

export const CONTACT_STATUSES = Object.values(ContactStatus)
export const GROUP_STATUSES = Object.values(GroupStatus)
export const HANDOVER_KINDS = Object.values(HandoverKind)
export const HANDOVER_ITEM_STATUSES = Object.values(HandoverItemStatus)

/** A sync still moving: the console follows it. */
export function isSyncActive(status: SyncStatus): boolean {
  return status === SyncStatus.Queued || status === SyncStatus.Running
}
