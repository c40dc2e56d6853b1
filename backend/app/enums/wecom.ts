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

/** WeCom's member types in a customer group. */
export enum GroupMemberType {
  Staff = 1,
  External = 2,
}

/** The kinds of entry in a group's history (wecom_group_changes.change). */
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

export enum HandoverKind {
  Resigned = 'resigned',
  Onjob = 'onjob',
}

export enum HandoverItemStatus {
  Pending = 'pending',
  /** WeCom accepted the transfer; the customer has 24 h to refuse. */
  Waiting = 'waiting',
  Done = 'done',
  Refused = 'refused',
  /** The takeover guide has reached WeCom's customer limit. */
  Limit = 'limit',
  Failed = 'failed',
}
