import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Integration apps (signed webhooks), the product catalogue they push, and the audit log.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('integration_apps', (table) => {
      table.increments('id')
      table.string('name', 100).notNullable()
      table.string('key_id', 64).notNullable().unique()
      table.text('secret_encrypted').notNullable()
      table.json('scopes').notNullable()
      table.enum('status', ['active', 'revoked']).notNullable().defaultTo('active')
      table.timestamp('last_used_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
    })

    this.schema.createTable('products', (table) => {
      table.increments('id')
      table.string('sku', 64).notNullable().unique()
      table.string('name', 200).notNullable()
      table.string('category', 64).notNullable().index()
      table.decimal('price', 12, 2).notNullable()
      table.decimal('cost', 12, 2).nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
    })

    this.schema.createTable('audit_logs', (table) => {
      table.bigIncrements('id')
      table.enum('actor_type', ['staff', 'integration', 'system']).notNullable()
      table.integer('actor_id').unsigned().nullable()
      table.string('actor_name', 100).nullable()
      table.string('action', 64).notNullable()
      table.string('subject_type', 64).notNullable()
      table.string('subject_id', 64).nullable()
      table.json('changes').notNullable()
      table.string('ip', 64).nullable()
      table.string('request_id', 64).nullable()
      table.timestamp('created_at', { precision: 3 }).notNullable()
      table.index(['subject_type', 'subject_id'])
      table.index(['actor_type', 'actor_id'])
      table.index(['created_at'])
    })
  }

  async down() {
    this.schema.dropTable('audit_logs')
    this.schema.dropTable('products')
    this.schema.dropTable('integration_apps')
  }
}
