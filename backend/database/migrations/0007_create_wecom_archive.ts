import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Where the import of WeCom's session archive (会话存档) stands: the last archive `seq` whose
 * message is in a conversation. One row per archive (there is one today).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('wecom_archive_cursors', (table) => {
      table.string('name', 32).primary()
      table.bigInteger('last_seq').unsigned().notNullable().defaultTo(0)
      table.timestamp('updated_at').notNullable()
    })
  }

  async down() {
    this.schema.dropTable('wecom_archive_cursors')
  }
}
