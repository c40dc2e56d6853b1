import type { ModelQueryBuilderContract, LucidModel } from '@adonisjs/lucid/types/model'
import db from '@adonisjs/lucid/services/db'
import type Staff from '#models/staff'
import { StaffRole } from '#enums/staff'

/**
 * The data scope of CONTRACTS section 2, in one place: admin and hq_operator see everything,
 * a store manager their store, a guide their own records. Every list and every lookup goes
 * through here, so a record outside the scope is simply not found (404) and lists and counts
 * are scoped the same way. Later domains (members, conversations, tasks) add their method.
 */
export class DataScope {
  constructor(readonly actor: Staff) {}

  static of(actor: Staff) {
    return new DataScope(actor)
  }

  get seesAll() {
    return this.actor.isHq
  }

  /** Staff: a store manager sees their store's staff; a guide only themselves. */
  staff<Q extends ModelQueryBuilderContract<LucidModel>>(query: Q): Q {
    if (this.seesAll) return query
    if (this.actor.role === StaffRole.StoreManager && this.actor.storeId) {
      return query.where('store_id', this.actor.storeId) as Q
    }
    return query.where('id', this.actor.id) as Q
  }

  /**
   * Members: a guide sees the members they own; a store manager those owned by their store's
   * guides or registered at their store.
   */
  members<Q extends ModelQueryBuilderContract<LucidModel>>(query: Q, table = 'members'): Q {
    if (this.seesAll) return query
    if (this.actor.role === StaffRole.StoreManager && this.actor.storeId) {
      const storeId = this.actor.storeId
      return query.where((q) =>
        q
          .where(`${table}.register_store_id`, storeId)
          .orWhereIn(`${table}.owner_staff_id`, (sub) => sub.from('staff').select('id').where('store_id', storeId))
      ) as Q
    }
    return query.where(`${table}.owner_staff_id`, this.actor.id) as Q
  }

  /**
   * Records that belong to a staff member through `column` (a WeCom follow's guide, a group's
   * owner): a guide sees their own, a store manager their store's staff's.
   */
  ownedByStaff<Q extends ModelQueryBuilderContract<LucidModel>>(query: Q, column: string): Q {
    if (this.seesAll) return query
    if (this.actor.role === StaffRole.StoreManager && this.actor.storeId) {
      const storeId = this.actor.storeId
      return query.whereIn(column, (sub) => sub.from('staff').select('id').where('store_id', storeId)) as Q
    }
    return query.where(column, this.actor.id) as Q
  }

  /**
   * Conversations: a guide sees the ones they own or take part in; a store manager their
   * store's (the conversation's store, or an owner from their store) and the ones they take
   * part in. A guide who handed a chat on (transfer) no longer sees it.
   */
  conversations<Q extends ModelQueryBuilderContract<LucidModel>>(query: Q, table = 'conversations'): Q {
    if (this.seesAll) return query
    const me = this.actor.id
    const joined = () =>
      db
        .from('conversation_participants')
        .select('conversation_id')
        .where('participant_type', 'staff')
        .where('participant_id', me)
        .whereNull('left_at')
    if (this.actor.role === StaffRole.StoreManager && this.actor.storeId) {
      const storeId = this.actor.storeId
      return query.where((q) =>
        q
          .where(`${table}.store_id`, storeId)
          .orWhereIn(`${table}.owner_staff_id`, (sub) => sub.from('staff').select('id').where('store_id', storeId))
          .orWhereIn(`${table}.id`, joined())
      ) as Q
    }
    return query.where((q) => q.where(`${table}.owner_staff_id`, me).orWhereIn(`${table}.id`, joined())) as Q
  }

  /** Full phone numbers are for admin, hq_operator and store_manager; guides see them masked. */
  get seesFullPhones() {
    return this.seesAll || this.actor.role === StaffRole.StoreManager
  }

  /** Stores: store staff see their own store. */
  stores<Q extends ModelQueryBuilderContract<LucidModel>>(query: Q): Q {
    if (this.seesAll) return query
    return query.where('id', this.actor.storeId ?? 0) as Q
  }
}
