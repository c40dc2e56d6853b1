import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Regions, stores, staff and their access tokens.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('regions', (table) => {
      table.increments('id')
      table.string('code', 32).notNullable().unique()
      table.string('name', 100).notNullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
    })

    this.schema.createTable('stores', (table) => {
      table.increments('id')
      table.string('code', 32).notNullable().unique()
      table.string('name', 100).notNullable()
      table.integer('region_id').unsigned().nullable().references('regions.id')
      table.string('city', 64).nullable()
      table.enum('status', ['open', 'closed']).notNullable().defaultTo('open')
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
    })

    this.schema.createTable('staff', (table) => {
      table.increments('id')
      table.string('staff_no', 32).nullable().unique()
      table.string('name', 100).notNullable()
      table.string('email', 254).notNullable().unique()
      table.string('password', 255).notNullable()
      table.enum('role', ['admin', 'hq_operator', 'store_manager', 'guide']).notNullable()
      table.integer('store_id').unsigned().nullable().references('stores.id')
      table.string('wecom_user_id', 64).nullable().unique()
      table.enum('status', ['active', 'resigned']).notNullable().defaultTo('active')
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['store_id', 'role'])
    })

    this.schema.createTable('auth_access_tokens', (table) => {
      table.increments('id')
      table.integer('tokenable_id').unsigned().notNullable().references('staff.id').onDelete('CASCADE')
      table.string('type').notNullable()
      table.string('name').nullable()
      table.string('hash').notNullable()
      table.text('abilities').notNullable()
      table.timestamp('created_at')
      table.timestamp('updated_at')
      table.timestamp('last_used_at').nullable()
      table.timestamp('expires_at').nullable()
      table.index(['expires_at'])
    })
  }

  async down() {
    this.schema.dropTable('auth_access_tokens')
    this.schema.dropTable('staff')
    this.schema.dropTable('stores')
    this.schema.dropTable('regions')
  }
}
