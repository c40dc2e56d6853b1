import QuickReply from '#models/quick_reply'
import type Staff from '#models/staff'
import { QuickReplyScope } from '#enums/conversation'
import { UnprocessableException } from '#exceptions/api_exceptions'
import { audit, defined, diff, type Actor } from '#services/audit'
import { transaction } from '#services/transactions'

export type QuickReplyInput = {
  scope: QuickReplyScope
  store_id?: number | null
  category?: string | null
  title: string
  content: string
}

/**
 * Where a new quick reply belongs: a store reply to the manager's own store (HQ names the
 * store), a personal one to its author.
 */
export function placement(input: Pick<QuickReplyInput, 'scope' | 'store_id'>, staff: Staff) {
  if (input.scope === QuickReplyScope.Store) {
    const storeId = input.store_id ?? (staff.isHq ? undefined : staff.storeId ?? undefined)
    if (!storeId) throw new UnprocessableException('A store reply names its store', 'store_id', 'required')
    return { storeId, staffId: null }
  }
  if (input.scope === QuickReplyScope.Personal) return { storeId: null, staffId: staff.id }
  return { storeId: null, staffId: null }
}

export class CreateQuickReply {
  async handle(input: QuickReplyInput, where: { storeId: number | null; staffId: number | null }, staff: Staff, by: Actor) {
    return transaction(async (trx) => {
      if (where.storeId && !(await trx.from('stores').where('id', where.storeId).first())) {
        throw new UnprocessableException('Unknown store', 'store_id', 'exists')
      }
      const reply = await QuickReply.create(
        {
          scope: input.scope,
          storeId: where.storeId,
          staffId: where.staffId,
          category: input.category ?? null,
          title: input.title,
          content: input.content,
          useCount: 0,
          createdBy: staff.id,
        },
        { client: trx }
      )
      await audit(by, 'quick_reply.create', { type: 'quick_reply', id: reply.id }, diff({}, { scope: input.scope, title: input.title }), trx)
      return reply
    })
  }
}

export class UpdateQuickReply {
  async handle(reply: QuickReply, input: { category?: string | null; title?: string; content?: string }, by: Actor) {
    return transaction(async (trx) => {
      const changes = defined(input)
      const before = { category: reply.category, title: reply.title, content: reply.content }
      reply.merge(changes)
      await reply.useTransaction(trx).save()
      await audit(by, 'quick_reply.update', { type: 'quick_reply', id: reply.id }, diff(before, changes), trx)
      return reply
    })
  }
}

export class DeleteQuickReply {
  async handle(reply: QuickReply, by: Actor) {
    await transaction(async (trx) => {
      await reply.useTransaction(trx).delete()
      await audit(by, 'quick_reply.delete', { type: 'quick_reply', id: reply.id }, { title: { from: reply.title } }, trx)
    })
  }
}
