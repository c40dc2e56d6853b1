import { BaseSchema } from '@adonisjs/lucid/schema'
import { backfillLocalSlots } from '#services/member_statistics'

/**
 * Behaviour events, member statistics and RFM, tags and auto-tag rules, saved segments
 * (issue: tags, events, RFM, segments and the portrait).
 */
export default class extends BaseSchema {
  async up() {
    // Local weekday (Mon=1) and hour of each line, in the enterprise zone, written at insert:
    // segment filters on "weekend mornings" then need no time-zone tables in MySQL.
    this.schema.alterTable('order_lines', (table) => {
      table.tinyint('local_weekday').unsigned().nullable()
      table.tinyint('local_hour').unsigned().nullable()
    })
    this.defer((db) => backfillLocalSlots(db))

    this.schema.alterTable('members', (table) => {
      table.decimal('lifetime_spend', 14, 2).notNullable().defaultTo(0)
      table.integer('order_count').notNullable().defaultTo(0)
      table.timestamp('first_purchase_at').nullable()
      table.timestamp('last_purchase_at').nullable()
      table.string('favorite_category', 64).nullable()
      table.string('favorite_sku', 64).nullable()
      table.integer('favorite_store_id').unsigned().nullable()
      table.tinyint('favorite_weekday').unsigned().nullable()
      table.tinyint('favorite_hour').unsigned().nullable()
      table.tinyint('rfm_r').unsigned().nullable()
      table.tinyint('rfm_f').unsigned().nullable()
      table.tinyint('rfm_m').unsigned().nullable()
      table.string('rfm_group', 20).nullable()
      table.index(['last_purchase_at'])
      table.index(['rfm_group'])
    })

    /**
     * Per member counts by dimension (category, sku, store, weekday, hour, slot "weekday:hour",
     * channel): kept current by every order and return, so favourites and the portrait's
     * heatmap need no scan of the order lines.
     */
    this.schema.createTable('member_preferences', (table) => {
      table.integer('member_id').unsigned().notNullable()
      table.enum('dimension', ['category', 'sku', 'store', 'weekday', 'hour', 'slot', 'channel']).notNullable()
      table.string('value', 64).notNullable()
      table.integer('quantity').notNullable().defaultTo(0)
      table.decimal('amount', 14, 2).notNullable().defaultTo(0)
      table.primary(['member_id', 'dimension', 'value'])
    })

    this.schema.createTable('member_events', (table) => {
      table.bigIncrements('id')
      table.string('event_id', 64).notNullable().unique()
      table.integer('member_id').unsigned().notNullable()
      table.string('type', 32).notNullable()
      table.timestamp('occurred_at', { precision: 3 }).notNullable()
      table.json('props').nullable()
      table.integer('integration_app_id').unsigned().nullable()
      table.timestamp('received_at').notNullable()
      table.index(['member_id', 'type', 'occurred_at'])
      table.index(['type', 'occurred_at'])
    })

    this.schema.createTable('tag_groups', (table) => {
      table.increments('id')
      table.string('code', 32).notNullable().unique()
      table.string('name', 100).notNullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
    })

    this.schema.createTable('tags', (table) => {
      table.increments('id')
      table.integer('group_id').unsigned().notNullable().references('tag_groups.id')
      table.string('code', 32).notNullable().unique()
      table.string('name', 100).notNullable()
      table.string('wecom_tag_id', 64).nullable().unique()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
    })

    this.schema.createTable('member_tags', (table) => {
      table.integer('member_id').unsigned().notNullable().references('members.id')
      table.integer('tag_id').unsigned().notNullable().references('tags.id')
      table.enum('source', ['manual', 'rule', 'import', 'wecom']).notNullable()
      table.string('source_ref', 64).nullable()
      table.integer('staff_id').unsigned().nullable()
      table.timestamp('created_at').notNullable()
      table.primary(['member_id', 'tag_id'])
      table.index(['tag_id'])
    })

    this.schema.createTable('auto_tag_rules', (table) => {
      table.increments('id')
      table.string('name', 100).notNullable()
      table.integer('tag_id').unsigned().notNullable().references('tags.id')
      table.json('definition').notNullable()
      table.boolean('remove_when_unmatched').notNullable().defaultTo(false)
      table.enum('status', ['active', 'paused']).notNullable().defaultTo('active')
      table.timestamp('last_run_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
    })

    this.schema.createTable('auto_tag_hits', (table) => {
      table.bigIncrements('id')
      table.integer('rule_id').unsigned().notNullable()
      table.integer('member_id').unsigned().notNullable()
      table.enum('action', ['added', 'removed']).notNullable()
      table.string('trigger', 32).notNullable()
      table.timestamp('created_at', { precision: 3 }).notNullable()
      table.index(['rule_id', 'id'])
    })

    this.schema.createTable('segments', (table) => {
      table.increments('id')
      table.string('name', 100).notNullable()
      table.json('definition').notNullable()
      table.enum('kind', ['dynamic', 'static']).notNullable()
      table.timestamp('snapshot_at').nullable()
      table.integer('member_count').nullable()
      table.integer('created_by').unsigned().nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
    })

    this.schema.createTable('segment_members', (table) => {
      table.integer('segment_id').unsigned().notNullable().references('segments.id').onDelete('CASCADE')
      table.integer('member_id').unsigned().notNullable()
      table.primary(['segment_id', 'member_id'])
    })

    this.schema.createTable('segment_counts', (table) => {
      table.bigIncrements('id')
      table.integer('segment_id').unsigned().notNullable().references('segments.id').onDelete('CASCADE')
      table.integer('count').notNullable()
      table.timestamp('counted_at').notNullable()
      table.index(['segment_id', 'counted_at'])
    })
  }

  async down() {
    for (const table of [
      'segment_counts',
      'segment_members',
      'segments',
      'auto_tag_hits',
      'auto_tag_rules',
      'member_tags',
      'tags',
      'tag_groups',
      'member_events',
      'member_preferences',
    ]) {
      this.schema.dropTable(table)
    }
    this.schema.alterTable('members', (table) => {
      table.dropIndex(['last_purchase_at'])
      table.dropIndex(['rfm_group'])
      table.dropColumns(
        'lifetime_spend', 'order_count', 'first_purchase_at', 'last_purchase_at', 'favorite_category', 'favorite_sku',
        'favorite_store_id', 'favorite_weekday', 'favorite_hour', 'rfm_r', 'rfm_f', 'rfm_m', 'rfm_group'
      )
    })
    this.schema.alterTable('order_lines', (table) => {
      table.dropColumns('local_weekday', 'local_hour')
    })
  }
}
