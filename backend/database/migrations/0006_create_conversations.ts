import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Conversations (issue: conversations in real time): guide ↔ member chats and community
 * groups, their participants with delivered/read marks, messages numbered by a gapless
 * per-conversation `seq`, member chat-link tickets and member tokens (both stored as sha256
 * hashes), quick replies, and first-response times for the store managers' statistics.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('conversations', (table) => {
      table.increments('id')
      table.enum('kind', ['direct', 'group']).notNullable()
      table.enum('channel', ['web', 'wecom']).notNullable()
      table.integer('member_id').unsigned().nullable().references('members.id')
      table.integer('owner_staff_id').unsigned().nullable().references('staff.id')
      table.integer('store_id').unsigned().nullable().references('stores.id')
      /** `web:{member_id}` for the one web direct conversation of a member; null otherwise. */
      table.string('direct_key', 100).nullable().unique()
      table.string('wecom_external_userid', 64).nullable().index()
      table.string('wecom_chat_id', 64).nullable().index()
      table.string('title', 100).nullable()
      table.integer('last_seq').unsigned().notNullable().defaultTo(0)
      table.timestamp('last_message_at', { precision: 3 }).nullable()
      table.string('last_message_preview', 200).nullable()
      table.timestamp('last_member_message_at', { precision: 3 }).nullable()
      /** The first member message staff have not answered yet (the inbox's "waiting"). */
      table.timestamp('first_response_pending_since', { precision: 3 }).nullable()
      table.integer('taken_over_by').unsigned().nullable().references('staff.id')
      table.integer('created_by').unsigned().nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['owner_staff_id', 'last_message_at'])
      table.index(['store_id', 'last_message_at'])
      table.index(['last_message_at'])
      table.index(['member_id'])
    })

    this.schema.createTable('conversation_participants', (table) => {
      table.increments('id')
      table.integer('conversation_id').unsigned().notNullable().references('conversations.id')
      table.enum('participant_type', ['staff', 'member']).notNullable()
      table.integer('participant_id').unsigned().notNullable()
      table.integer('last_delivered_seq').unsigned().notNullable().defaultTo(0)
      table.integer('last_read_seq').unsigned().notNullable().defaultTo(0)
      table.timestamp('joined_at').notNullable()
      table.timestamp('left_at').nullable()
      table.unique(['conversation_id', 'participant_type', 'participant_id'], { indexName: 'conversation_participants_unique' })
      table.index(['participant_type', 'participant_id'], 'conversation_participants_participant_index')
    })

    this.schema.createTable('messages', (table) => {
      table.bigIncrements('id')
      table.integer('conversation_id').unsigned().notNullable().references('conversations.id')
      table.integer('seq').unsigned().notNullable()
      table.enum('sender_type', ['staff', 'member', 'system']).notNullable()
      table.integer('sender_id').unsigned().nullable()
      table.string('client_msg_id', 64).nullable()
      table.enum('type', ['text', 'image', 'link', 'coupon', 'product', 'system']).notNullable()
      table.json('body').notNullable()
      table.enum('source', ['web', 'wecom']).notNullable().defaultTo('web')
      table.string('wecom_msgid', 128).nullable().unique()
      table.timestamp('created_at', { precision: 3 }).notNullable()
      table.unique(['conversation_id', 'seq'])
      table.unique(['sender_type', 'sender_id', 'client_msg_id'], { indexName: 'messages_client_msg_id_unique' })
    })

    this.schema.createTable('member_chat_tickets', (table) => {
      table.increments('id')
      table.specificType('token_hash', 'char(64)').notNullable().unique()
      table.integer('member_id').unsigned().notNullable().references('members.id')
      table.integer('conversation_id').unsigned().notNullable().references('conversations.id')
      table.integer('created_by').unsigned().nullable()
      table.timestamp('expires_at').notNullable()
      table.timestamp('used_at').nullable()
      table.timestamp('created_at').notNullable()
    })

    this.schema.createTable('member_tokens', (table) => {
      table.increments('id')
      table.specificType('token_hash', 'char(64)').notNullable().unique()
      table.integer('member_id').unsigned().notNullable().references('members.id')
      table.integer('ticket_id').unsigned().nullable()
      table.timestamp('expires_at').notNullable().index()
      table.timestamp('last_used_at').nullable()
      table.timestamp('created_at').notNullable()
    })

    this.schema.createTable('quick_replies', (table) => {
      table.increments('id')
      table.enum('scope', ['corp', 'store', 'personal']).notNullable()
      table.integer('store_id').unsigned().nullable().references('stores.id')
      table.integer('staff_id').unsigned().nullable().references('staff.id')
      table.string('category', 50).nullable()
      table.string('title', 100).notNullable()
      table.text('content').notNullable()
      table.integer('use_count').unsigned().notNullable().defaultTo(0)
      table.integer('created_by').unsigned().nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['scope', 'store_id'])
      table.index(['staff_id'])
    })

    /** One row per answered wait: a member wrote, and this staff member answered first. */
    this.schema.createTable('conversation_responses', (table) => {
      table.bigIncrements('id')
      table.integer('conversation_id').unsigned().notNullable().references('conversations.id')
      table.integer('staff_id').unsigned().notNullable()
      table.integer('store_id').unsigned().nullable()
      table.timestamp('waiting_since', { precision: 3 }).notNullable()
      table.timestamp('responded_at', { precision: 3 }).notNullable()
      table.integer('seconds').unsigned().notNullable()
      table.index(['store_id', 'waiting_since'])
      table.index(['waiting_since'])
    })
  }

  async down() {
    for (const name of [
      'conversation_responses',
      'quick_replies',
      'member_tokens',
      'member_chat_tickets',
      'messages',
      'conversation_participants',
      'conversations',
    ]) {
      this.schema.dropTable(name)
    }
  }
}
