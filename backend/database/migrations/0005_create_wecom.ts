import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * WeCom (issue: WeCom integration): received callbacks, external contacts and their follow
 * relations, customer groups with member history, channel codes and welcome messages, lost
 * customers, syncs, contact ↔ member binding conflicts and staff handovers.
 */
export default class extends BaseSchema {
  async up() {
    /** Every callback, stored before it is answered; `hash` (of the decrypted body) dedupes WeCom's retries. */
    this.schema.createTable('wecom_callbacks', (table) => {
      table.bigIncrements('id')
      table.specificType('hash', 'char(64)').notNullable().unique()
      table.string('event', 40).notNullable()
      table.string('change_type', 40).nullable()
      table.text('body', 'mediumtext').notNullable()
      table.timestamp('received_at', { precision: 3 }).notNullable()
      table.timestamp('processed_at', { precision: 3 }).nullable()
      table.integer('attempts').notNullable().defaultTo(0)
      table.text('error').nullable()
      table.index(['processed_at', 'id'])
    })

    this.schema.createTable('wecom_channel_codes', (table) => {
      table.increments('id')
      table.string('name', 100).notNullable()
      table.string('state', 30).notNullable().unique()
      table.string('config_id', 64).nullable().unique()
      table.string('qr_code', 512).nullable()
      table.boolean('skip_verify').notNullable().defaultTo(true)
      table.json('staff_ids').notNullable()
      table.text('welcome_text').nullable()
      table.json('welcome_attachments').nullable()
      table.integer('created_by').unsigned().nullable()
      table.timestamp('deleted_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
    })

    this.schema.createTable('wecom_contacts', (table) => {
      table.increments('id')
      table.string('external_userid', 64).notNullable().unique()
      table.string('name', 100).notNullable().defaultTo('')
      table.string('avatar', 512).nullable()
      table.tinyint('type').unsigned().notNullable().defaultTo(1)
      table.tinyint('gender').unsigned().notNullable().defaultTo(0)
      table.string('unionid', 64).nullable().index()
      table.string('corp_name', 100).nullable()
      table.integer('member_id').unsigned().nullable().index()
      table.enum('status', ['active', 'lost']).notNullable().defaultTo('active')
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
    })

    /** A contact ↔ staff relation (one contact may follow several guides). */
    this.schema.createTable('wecom_follows', (table) => {
      table.increments('id')
      table.integer('contact_id').unsigned().notNullable().references('wecom_contacts.id')
      table.string('wecom_userid', 64).notNullable()
      table.integer('staff_id').unsigned().nullable()
      table.string('remark', 100).nullable()
      table.string('description', 255).nullable()
      table.json('remark_mobiles').nullable()
      table.integer('add_way').nullable()
      table.string('state', 30).nullable()
      table.integer('channel_code_id').unsigned().nullable()
      table.json('wecom_tag_ids').nullable()
      table.enum('status', ['active', 'deleted_by_customer', 'deleted_by_staff']).notNullable().defaultTo('active')
      table.timestamp('added_at').notNullable()
      table.timestamp('deleted_at').nullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['contact_id', 'wecom_userid'])
      table.index(['staff_id', 'status'])
      table.index(['channel_code_id', 'added_at'])
    })

    this.schema.createTable('wecom_welcome_messages', (table) => {
      table.increments('id')
      table.string('welcome_code', 128).notNullable().unique()
      table.integer('follow_id').unsigned().notNullable()
      table.integer('channel_code_id').unsigned().nullable()
      table.enum('status', ['sent', 'failed']).notNullable()
      table.integer('errcode').nullable()
      table.timestamp('created_at').notNullable()
    })

    this.schema.createTable('wecom_lost_customers', (table) => {
      table.increments('id')
      table.integer('contact_id').unsigned().notNullable()
      table.integer('follow_id').unsigned().notNullable()
      table.integer('staff_id').unsigned().nullable()
      table.integer('member_id').unsigned().nullable()
      table.enum('source', ['del_follow_user', 'del_external_contact']).notNullable()
      table.timestamp('at').notNullable()
      table.index(['staff_id', 'at'])
      table.index(['at'])
    })

    /** Contacts that matched more than one member (by unionid or phone): bound by hand. */
    this.schema.createTable('wecom_binding_conflicts', (table) => {
      table.increments('id')
      table.integer('contact_id').unsigned().notNullable().unique()
      table.enum('reason', ['unionid', 'phone']).notNullable()
      table.json('candidate_member_ids').notNullable()
      table.timestamp('created_at').notNullable()
    })

    this.schema.createTable('wecom_groups', (table) => {
      table.increments('id')
      table.string('chat_id', 64).notNullable().unique()
      table.string('name', 255).notNullable().defaultTo('')
      table.string('owner_userid', 64).nullable()
      table.integer('owner_staff_id').unsigned().nullable().index()
      table.text('notice').nullable()
      table.enum('status', ['active', 'dismissed']).notNullable().defaultTo('active')
      table.string('member_version', 64).nullable()
      table.timestamp('wecom_created_at').nullable()
      table.timestamp('dismissed_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
    })

    /** Current and past members of a group; `left_at` is set when one leaves (history is kept). */
    this.schema.createTable('wecom_group_members', (table) => {
      table.increments('id')
      table.integer('group_id').unsigned().notNullable().references('wecom_groups.id')
      table.string('member_key', 64).notNullable()
      table.tinyint('type').unsigned().notNullable()
      table.string('unionid', 64).nullable()
      table.string('name', 100).nullable()
      table.string('group_nickname', 100).nullable()
      table.integer('member_id').unsigned().nullable().index()
      table.integer('staff_id').unsigned().nullable()
      table.timestamp('join_time').nullable()
      table.tinyint('join_scene').unsigned().nullable()
      table.string('invitor', 64).nullable()
      table.timestamp('left_at').nullable()
      table.tinyint('quit_scene').unsigned().nullable()
      table.unique(['group_id', 'member_key'])
    })

    this.schema.createTable('wecom_group_changes', (table) => {
      table.bigIncrements('id')
      table.integer('group_id').unsigned().notNullable()
      table.string('change', 20).notNullable()
      table.json('detail').nullable()
      table.timestamp('at').notNullable()
      table.index(['group_id', 'at'])
    })

    /** A full or incremental sync; `checkpoint` lets a failed or interrupted run resume. */
    this.schema.createTable('wecom_sync_runs', (table) => {
      table.increments('id')
      table.enum('kind', ['full', 'incremental']).notNullable()
      table.enum('status', ['queued', 'running', 'done', 'failed']).notNullable()
      table.string('phase', 20).nullable()
      table.json('checkpoint').nullable()
      table.integer('progress_done').notNullable().defaultTo(0)
      table.integer('progress_total').notNullable().defaultTo(0)
      table.json('summary').nullable()
      table.text('error').nullable()
      table.integer('requested_by').unsigned().nullable()
      table.timestamp('started_at').nullable()
      table.timestamp('finished_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
    })

    this.schema.createTable('wecom_handovers', (table) => {
      table.increments('id')
      table.enum('kind', ['resigned', 'onjob']).notNullable()
      table.integer('handover_staff_id').unsigned().notNullable()
      table.integer('takeover_staff_id').unsigned().notNullable()
      table.boolean('include_groups').notNullable().defaultTo(false)
      table.enum('status', ['running', 'done']).notNullable()
      table.integer('created_by').unsigned().nullable()
      table.timestamp('finished_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
    })

    this.schema.createTable('wecom_handover_items', (table) => {
      table.increments('id')
      table.integer('handover_id').unsigned().notNullable().references('wecom_handovers.id')
      table.enum('kind', ['contact', 'group']).notNullable()
      table.string('target', 64).notNullable()
      table.enum('status', ['pending', 'waiting', 'done', 'refused', 'limit', 'failed']).notNullable()
      table.integer('errcode').nullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['handover_id', 'kind', 'target'])
    })

    this.schema.alterTable('tag_groups', (table) => {
      table.string('wecom_group_id', 64).nullable().unique()
    })
  }

  async down() {
    this.schema.alterTable('tag_groups', (table) => {
      table.dropColumn('wecom_group_id')
    })
    for (const name of [
      'wecom_handover_items',
      'wecom_handovers',
      'wecom_sync_runs',
      'wecom_group_changes',
      'wecom_group_members',
      'wecom_groups',
      'wecom_binding_conflicts',
      'wecom_lost_customers',
      'wecom_welcome_messages',
      'wecom_follows',
      'wecom_contacts',
      'wecom_channel_codes',
      'wecom_callbacks',
    ]) {
      this.schema.dropTable(name)
    }
  }
}
