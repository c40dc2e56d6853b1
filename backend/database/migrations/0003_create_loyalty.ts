import { BaseSchema } from '@adonisjs/lucid/schema'
import { insertReferenceData } from '#database/reference_data'

/**
 * Members and their identities, orders from every channel, the points ledger, tiers and
 * coupons (issue: one member, every channel).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('settings', (table) => {
      table.string('key', 64).primary()
      table.json('value').notNullable()
      table.timestamp('updated_at').notNullable()
    })

    this.schema.createTable('tiers', (table) => {
      table.increments('id')
      table.string('code', 32).notNullable().unique()
      table.string('name', 100).notNullable()
      table.decimal('threshold', 12, 2).notNullable()
      table.decimal('multiplier', 4, 2).notNullable()
      table.integer('rank').notNullable().unique()
      table.text('benefits').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
    })

    this.schema.createTable('members', (table) => {
      table.increments('id')
      table.string('member_no', 20).notNullable().unique()
      table.string('phone', 20).nullable().unique()
      table.string('name', 100).nullable().index()
      table.enum('gender', ['male', 'female', 'unknown']).notNullable().defaultTo('unknown')
      table.date('birthday').nullable()
      table.enum('register_channel', ['pos', 'mall', 'miniprogram', 'wecom', 'console', 'web']).notNullable()
      table.integer('register_store_id').unsigned().nullable().references('stores.id')
      table.integer('owner_staff_id').unsigned().nullable().references('staff.id')
      table.integer('tier_id').unsigned().notNullable().references('tiers.id')
      table.timestamp('tier_since').notNullable()
      table.integer('points_balance').notNullable().defaultTo(0)
      table.decimal('spend_365d', 14, 2).notNullable().defaultTo(0)
      table.boolean('marketing_consent').notNullable().defaultTo(false)
      table.timestamp('consent_at').nullable()
      table.string('consent_channel', 20).nullable()
      table.integer('consent_store_id').unsigned().nullable()
      table.string('consent_notice_version', 20).nullable()
      table.string('referral_code', 16).notNullable().unique()
      table.integer('referred_by_id').unsigned().nullable().references('members.id')
      table.enum('status', ['active', 'merged', 'erased']).notNullable().defaultTo('active')
      table.integer('merged_into_id').unsigned().nullable().references('members.id')
      table.timestamp('created_at').notNullable().index()
      table.timestamp('updated_at').notNullable()
      table.index(['owner_staff_id'])
      table.index(['register_store_id'])
      table.index(['tier_id'])
    })

    this.schema.createTable('member_identities', (table) => {
      table.increments('id')
      table.integer('member_id').unsigned().notNullable().references('members.id')
      table.enum('type', ['phone', 'member_no', 'unionid', 'wecom_external_userid', 'mall_user_id']).notNullable()
      table.string('value', 64).notNullable()
      table.timestamp('created_at').notNullable()
      table.unique(['type', 'value'])
      table.index(['member_id'])
    })

    this.schema.createTable('tier_changes', (table) => {
      table.bigIncrements('id')
      table.integer('member_id').unsigned().notNullable().references('members.id')
      table.integer('from_tier_id').unsigned().nullable()
      table.integer('to_tier_id').unsigned().notNullable()
      table.enum('reason', ['enrol', 'order', 'evaluation', 'merge', 'admin']).notNullable()
      table.string('source_ref', 100).nullable().unique()
      table.timestamp('created_at', { precision: 3 }).notNullable()
      table.index(['member_id', 'id'])
    })

    this.schema.createTable('orders', (table) => {
      table.bigIncrements('id')
      table.string('order_no', 64).notNullable().unique()
      table.enum('type', ['sale', 'return']).notNullable()
      table.enum('channel', ['pos', 'mall', 'miniprogram']).notNullable()
      table.integer('store_id').unsigned().notNullable().references('stores.id')
      table.integer('member_id').unsigned().nullable().references('members.id')
      table.integer('guide_id').unsigned().nullable().references('staff.id')
      table.string('guide_no', 32).nullable()
      table.bigInteger('original_order_id').unsigned().nullable().references('orders.id')
      table.decimal('total', 12, 2).notNullable()
      table.decimal('discount', 12, 2).notNullable()
      table.decimal('paid', 12, 2).notNullable()
      table.decimal('refunded', 12, 2).notNullable().defaultTo(0)
      table.integer('points_earned').nullable()
      table.integer('points_reversed').notNullable().defaultTo(0)
      table.timestamp('paid_at').notNullable()
      table.string('body_hash', 64).notNullable()
      table.json('response').notNullable()
      table.timestamp('created_at', { precision: 3 }).notNullable()
      table.index(['member_id', 'paid_at'])
      table.index(['store_id', 'paid_at'])
      table.index(['guide_id', 'paid_at'])
      table.index(['paid_at'])
    })

    this.schema.createTable('order_lines', (table) => {
      table.bigIncrements('id')
      table.bigInteger('order_id').unsigned().notNullable().references('orders.id')
      table.enum('kind', ['sale', 'return']).notNullable()
      // Copied from the order so segment queries over lines need no join.
      table.integer('member_id').unsigned().nullable()
      table.integer('store_id').unsigned().notNullable()
      table.enum('channel', ['pos', 'mall', 'miniprogram']).notNullable()
      table.timestamp('paid_at').notNullable()
      table.string('sku', 64).notNullable()
      table.string('name', 200).notNullable()
      table.string('category', 64).notNullable()
      table.integer('qty').notNullable()
      table.decimal('unit_price', 12, 2).notNullable()
      table.decimal('amount', 12, 2).notNullable()
      table.integer('returned_qty').notNullable().defaultTo(0)
      table.bigInteger('original_line_id').unsigned().nullable()
      table.index(['order_id'])
      table.index(['member_id', 'paid_at'])
      table.index(['sku', 'paid_at'])
      table.index(['category', 'paid_at'])
    })

    this.schema.createTable('coupon_templates', (table) => {
      table.increments('id')
      table.string('code', 32).notNullable().unique()
      table.string('name', 100).notNullable()
      table.enum('kind', ['amount_off', 'percent_off', 'gift']).notNullable()
      table.decimal('value', 12, 2).notNullable()
      table.decimal('min_spend', 12, 2).notNullable().defaultTo(0)
      table.timestamp('valid_from').nullable()
      table.timestamp('valid_to').nullable()
      table.integer('valid_days').nullable()
      table.json('channels').notNullable()
      table.json('store_ids').nullable()
      table.integer('total_stock').nullable()
      table.integer('issued_count').notNullable().defaultTo(0)
      table.integer('per_member_limit').nullable()
      table.integer('points_cost').nullable()
      table.enum('status', ['active', 'archived']).notNullable().defaultTo('active')
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
    })

    this.schema.createTable('coupons', (table) => {
      table.bigIncrements('id')
      table.string('code', 20).notNullable().unique()
      table.integer('template_id').unsigned().notNullable().references('coupon_templates.id')
      table.integer('member_id').unsigned().notNullable().references('members.id')
      table.enum('status', ['issued', 'redeemed', 'expired', 'void']).notNullable().defaultTo('issued')
      table.enum('source', ['manual', 'points', 'birthday', 'referral', 'broadcast', 'sop', 'chat']).notNullable()
      table.string('source_ref', 100).nullable().unique()
      table.integer('issued_by_staff_id').unsigned().nullable()
      table.timestamp('issued_at').notNullable()
      table.timestamp('valid_from').nullable()
      table.timestamp('expires_at').nullable()
      table.timestamp('redeemed_at').nullable()
      table.integer('redeemed_store_id').unsigned().nullable()
      table.enum('redeemed_channel', ['online', 'offline']).nullable()
      table.string('redeemed_order_no', 64).nullable()
      table.string('void_reason', 255).nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['member_id', 'status'])
      table.index(['template_id', 'member_id'])
      table.index(['status', 'expires_at'])
    })

    this.schema.createTable('points_entries', (table) => {
      table.bigIncrements('id')
      table.integer('member_id').unsigned().notNullable().references('members.id')
      table
        .enum('kind', ['earn', 'reverse', 'redeem', 'expire', 'adjust', 'birthday', 'referral', 'merge'])
        .notNullable()
      table.integer('points').notNullable()
      table.integer('balance_after').notNullable()
      // One entry per source, ever: a retried job or request cannot post twice.
      table.string('source_ref', 100).notNullable().unique()
      table.bigInteger('order_id').unsigned().nullable()
      table.bigInteger('coupon_id').unsigned().nullable()
      table.timestamp('expires_at').nullable()
      table.string('reason', 255).nullable()
      table.integer('staff_id').unsigned().nullable()
      table.timestamp('created_at', { precision: 3 }).notNullable()
      table.index(['member_id', 'id'])
      table.index(['expires_at'])
    })

    this.schema.createTable('idempotency_keys', (table) => {
      table.bigIncrements('id')
      table.string('scope', 64).notNullable()
      table.string('idem_key', 128).notNullable()
      table.string('request_hash', 64).notNullable()
      table.integer('status_code').notNullable()
      table.json('response').notNullable()
      table.timestamp('created_at').notNullable()
      table.unique(['scope', 'idem_key'])
    })

    this.schema.createTable('member_merges', (table) => {
      table.increments('id')
      table.integer('survivor_id').unsigned().notNullable().references('members.id')
      table.integer('merged_id').unsigned().notNullable().unique().references('members.id')
      table.integer('staff_id').unsigned().nullable()
      table.json('summary').notNullable()
      table.timestamp('created_at').notNullable()
    })

    this.defer((db) => insertReferenceData(db))
  }

  async down() {
    for (const table of [
      'member_merges',
      'idempotency_keys',
      'points_entries',
      'coupons',
      'coupon_templates',
      'order_lines',
      'orders',
      'tier_changes',
      'member_identities',
      'members',
      'tiers',
      'settings',
    ]) {
      this.schema.dropTable(table)
    }
  }
}
