import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import { WecomApiError } from '@rapport/wecom'
import Member from '#models/member'
import Staff from '#models/staff'
import WecomContact from '#models/wecom_contact'
import WecomFollow from '#models/wecom_follow'
import WecomGroup from '#models/wecom_group'
import WecomGroupChange from '#models/wecom_group_change'
import WecomHandover from '#models/wecom_handover'
import WecomHandoverItem from '#models/wecom_handover_item'
import RunWecomHandoverJob from '#jobs/run_wecom_handover_job'
import { StaffStatus } from '#enums/staff'
import { FollowStatus, GroupStatus, HandoverItemStatus, HandoverKind } from '#enums/wecom'
import { ForbiddenException, UnprocessableException } from '#exceptions/api_exceptions'
import WecomHandoverPolicy from '#policies/wecom_handover_policy'
import { actor, audit, type Actor } from '#services/audit'
import { withDeadline } from '#services/deadline'
import { QueueService } from '#services/queue_service'
import { LockBusyError, withLock } from '#services/redis_lock'
import { transaction } from '#services/transactions'
import { wecomClient } from '#services/wecom'
import { refreshStatus } from '#services/wecom_contacts'
import { followMemberOwner } from '#services/direct_conversations'

export type HandoverInput = {
  kind: HandoverKind
  handover_staff_id: number
  takeover_staff_id: number
  external_userids?: string[]
  include_groups?: boolean
}

type Pair = { handover_userid: string; takeover_userid: string }

/** WeCom takes at most 100 customers, or 100 groups, per transfer call. */
const CHUNK = 100
/** The second look after the first run, for results WeCom settles at once. */
const FOLLOW_UP_MS = 15_000
/** transfer_result: 1 done, 2 waiting (the customer has 24 h to refuse), 3 refused, 4 limit, 5 no record. */
const RESULT_STATUS: Record<number, HandoverItemStatus> = {
  1: HandoverItemStatus.Done,
  2: HandoverItemStatus.Waiting,
  3: HandoverItemStatus.Refused,
  4: HandoverItemStatus.Limit,
  5: HandoverItemStatus.Failed,
}
const OPEN = [HandoverItemStatus.Pending, HandoverItemStatus.Waiting]

/**
 * Handover (客户继承) of a staff member's WeCom customers, and optionally their customer groups,
 * to another: on the job (transfer_customer, groupchat/onjob_transfer) or after they resigned
 * (resigned/transfer_customer, groupchat/transfer). Each customer and group is an item with
 * WeCom's answer for it. Customers wait up to a day (they may refuse); `advance` reads WeCom's
 * results, right after creation, shortly after, and every minute while any item is open. A
 * finished transfer moves the follow relation to the takeover, and the bound member's owning
 * guide with it when it was the handover.
 */
export default class Handovers {
  async create(input: HandoverInput, by: Staff, who: Actor): Promise<WecomHandover> {
    wecomClient() // 503 when WeCom is not configured
    const from = await Staff.find(input.handover_staff_id)
    if (!from) throw new UnprocessableException('No such staff member', 'handover_staff_id', 'exists')
    const to = await Staff.find(input.takeover_staff_id)
    if (!to) throw new UnprocessableException('No such staff member', 'takeover_staff_id', 'exists')
    if (!new WecomHandoverPolicy().handOver(by, from, to)) {
      throw new ForbiddenException('A store manager hands over only between the staff of their own store')
    }
    if (from.id === to.id) throw new UnprocessableException('The takeover must be someone else', 'takeover_staff_id', 'different')
    if (!from.wecomUserId) throw new UnprocessableException(`${from.name} has no WeCom account`, 'handover_staff_id', 'no_wecom_account')
    if (!to.wecomUserId) throw new UnprocessableException(`${to.name} has no WeCom account`, 'takeover_staff_id', 'no_wecom_account')
    if (to.status !== StaffStatus.Active) throw new UnprocessableException(`${to.name} is not active`, 'takeover_staff_id', 'not_active')
    if (input.kind === HandoverKind.Resigned && from.status !== StaffStatus.Resigned) {
      throw new UnprocessableException(`${from.name} has not resigned: hand over on the job`, 'handover_staff_id', 'not_resigned')
    }
    if (input.kind === HandoverKind.Onjob && from.status !== StaffStatus.Active) {
      throw new UnprocessableException(`${from.name} has resigned: hand over as resigned`, 'handover_staff_id', 'resigned')
    }

    const contacts = input.external_userids ?? (await followedBy(from.wecomUserId))
    const groups = input.include_groups ? await groupsOwnedBy(from.wecomUserId) : []
    if (contacts.length === 0 && groups.length === 0) {
      const field = input.external_userids ? 'external_userids' : 'handover_staff_id'
      throw new UnprocessableException(`${from.name} has no WeCom customers to hand over`, field, 'nothing_to_hand_over')
    }

    const handover = await transaction(async (trx) => {
      const row = await WecomHandover.create(
        {
          kind: input.kind,
          handoverStaffId: from.id,
          takeoverStaffId: to.id,
          includeGroups: input.include_groups ?? false,
          status: 'running',
          createdBy: by.id,
          finishedAt: null,
        },
        { client: trx }
      )
      const now = new Date()
      const items = [
        ...contacts.map((target) => ({ kind: 'contact', target })),
        ...groups.map((target) => ({ kind: 'group', target })),
      ].map((item) => ({ handover_id: row.id, ...item, status: HandoverItemStatus.Pending, errcode: null, updated_at: now }))
      for (let i = 0; i < items.length; i += 1000) await trx.table('wecom_handover_items').multiInsert(items.slice(i, i + 1000))
      await audit(
        who,
        'wecom.handover.create',
        { type: 'wecom_handover', id: row.id },
        {
          kind: { to: input.kind },
          handover_staff_id: { to: from.id },
          takeover_staff_id: { to: to.id },
          contacts: { to: contacts.length },
          groups: { to: groups.length },
        },
        trx
      )
      return row
    })
    await startHandover(handover.id)
    return handover
  }

  /**
   * One step of a handover: submit what is pending, read WeCom's results, apply the finished
   * transfers, and close the handover when no item is open. One process at a time per
   * handover (another busy with it: this one leaves it).
   */
  async advance(handoverId: number) {
    try {
      await withLock(`wecom:handover:${handoverId}`, () => this.#advance(handoverId), { waitMs: 0, ttlMs: 10 * 60_000 })
    } catch (error) {
      if (!(error instanceof LockBusyError)) throw error
    }
  }

  async #advance(handoverId: number) {
    const handover = await WecomHandover.find(handoverId)
    if (!handover || handover.status === 'done') return
    const [from, to] = await Promise.all([Staff.find(handover.handoverStaffId), Staff.find(handover.takeoverStaffId)])
    if (!from?.wecomUserId || !to?.wecomUserId) {
      // The account was removed since: nothing can move any more.
      await WecomHandoverItem.query()
        .where('handoverId', handover.id)
        .whereIn('status', OPEN)
        .update({ status: HandoverItemStatus.Failed, updated_at: new Date() })
    } else {
      const pair = { handover_userid: from.wecomUserId, takeover_userid: to.wecomUserId }
      const resigned = handover.kind === HandoverKind.Resigned
      await this.#submitContacts(handover, pair, resigned)
      await this.#transferGroups(handover, to, resigned)
      await this.#poll(handover, pair, resigned, from, to)
    }
    await finishIfSettled(handover.id)
  }

  async #submitContacts(handover: WecomHandover, pair: Pair, resigned: boolean) {
    const pending = await openItems(handover.id, 'contact', [HandoverItemStatus.Pending])
    for (let i = 0; i < pending.length; i += CHUNK) {
      const chunk = pending.slice(i, i + CHUNK)
      const request = { ...pair, external_userid: chunk.map((item) => item.target) }
      let errcodes: Map<string, number>
      try {
        const answer = resigned ? await wecomClient().resignedTransferCustomer(request) : await wecomClient().transferCustomer(request)
        errcodes = new Map(answer.customer.map((customer) => [customer.external_userid, customer.errcode]))
      } catch (error) {
        // WeCom refused the whole call: every customer in it failed with that errcode.
        if (!(error instanceof WecomApiError)) throw error
        errcodes = new Map(chunk.map((item) => [item.target, error.errcode]))
      }
      for (const item of chunk) {
        const errcode = errcodes.get(item.target)
        if (errcode === undefined) continue // not answered: submitted again next time
        await setStatus(item, errcode === 0 ? HandoverItemStatus.Waiting : HandoverItemStatus.Failed, errcode || null)
      }
    }
  }

  /** Groups move at once (no consent): each is done or failed with WeCom's errcode. */
  async #transferGroups(handover: WecomHandover, to: Staff, resigned: boolean) {
    const pending = await openItems(handover.id, 'group', OPEN)
    for (let i = 0; i < pending.length; i += CHUNK) {
      const chunk = pending.slice(i, i + CHUNK)
      const request = { chat_id_list: chunk.map((item) => item.target), new_owner: to.wecomUserId! }
      let failed: Map<string, number>
      try {
        const answer = resigned ? await wecomClient().transferGroupChat(request) : await wecomClient().onjobTransferGroupChat(request)
        failed = new Map((answer.failed_chat_list ?? []).map((chat) => [chat.chat_id, chat.errcode]))
      } catch (error) {
        if (!(error instanceof WecomApiError)) throw error
        failed = new Map(chunk.map((item) => [item.target, error.errcode]))
      }
      for (const item of chunk) {
        const errcode = failed.get(item.target)
        if (errcode !== undefined) await setStatus(item, HandoverItemStatus.Failed, errcode)
        else await transaction(async (trx) => {
          if (!(await claim(trx, item))) return
          const group = await WecomGroup.query({ client: trx }).where('chatId', item.target).forUpdate().first()
          if (!group) return
          group.merge({ ownerUserid: to.wecomUserId, ownerStaffId: to.id })
          await group.useTransaction(trx).save()
          await WecomGroupChange.create(
            { groupId: group.id, change: 'change_owner', detail: { owner: to.wecomUserId }, at: DateTime.now() },
            { client: trx }
          )
        })
      }
    }
  }

  async #poll(handover: WecomHandover, pair: Pair, resigned: boolean, from: Staff, to: Staff) {
    const waiting = await openItems(handover.id, 'contact', [HandoverItemStatus.Waiting])
    if (waiting.length === 0) return
    const results = new Map<string, number>()
    let cursor: string | undefined
    do {
      const request = { ...pair, ...(cursor ? { cursor } : {}) }
      const answer = resigned ? await wecomClient().resignedTransferResult(request) : await wecomClient().transferResult(request)
      for (const customer of answer.customer) results.set(customer.external_userid, customer.status)
      cursor = answer.next_cursor || undefined
    } while (cursor)

    for (const item of waiting) {
      const status = RESULT_STATUS[results.get(item.target) ?? 2] ?? HandoverItemStatus.Failed
      if (status === HandoverItemStatus.Waiting) continue
      if (status === HandoverItemStatus.Done) await completeTransfer(item, from, to)
      else await setStatus(item, status, null)
    }
  }
}

/**
 * Queues the first run now and a second look shortly after; the minute schedule
 * (PollWecomHandoversJob) carries on from there. Best effort: when Redis is down the schedule
 * picks the handover up once it is back.
 */
export async function startHandover(handoverId: number) {
  try {
    const queues = await app.container.make(QueueService)
    const payload = { handover_id: handoverId }
    await withDeadline(queues.dispatch(RunWecomHandoverJob, payload, { jobId: `wecom-handover-${handoverId}-start` }), 500, 'redis')
    await withDeadline(
      queues.dispatch(RunWecomHandoverJob, payload, { jobId: `wecom-handover-${handoverId}-follow-up`, delay: FOLLOW_UP_MS }),
      500,
      'redis'
    )
  } catch (error) {
    logger.warn({ err: error, handoverId }, 'handover stored but not queued; the minute schedule will run it')
  }
}

/**
 * transfer_fail: WeCom tells that a customer refused the transfer (customer_refused) or the
 * takeover has too many customers (customer_limit_exceed). `userid` is the staff member the
 * callback names (WeCom names the takeover; the handover is accepted too).
 */
export async function markTransferFailed(userid: string, externalUserid: string, reason: string) {
  const status =
    reason === 'customer_refused'
      ? HandoverItemStatus.Refused
      : reason === 'customer_limit_exceed'
        ? HandoverItemStatus.Limit
        : HandoverItemStatus.Failed
  const staff = await Staff.findBy('wecomUserId', userid)
  if (!staff) return
  const items = await WecomHandoverItem.query()
    .where('kind', 'contact')
    .where('target', externalUserid)
    .whereIn('status', OPEN)
    .whereIn(
      'handoverId',
      WecomHandover.query()
        .select('id')
        .where('status', 'running')
        .where((query) => query.where('takeoverStaffId', staff.id).orWhere('handoverStaffId', staff.id))
    )
  for (const item of items) {
    await setStatus(item, status, null)
    await finishIfSettled(item.handoverId)
  }
}

/** The customers the staff member follows now, by our records. */
async function followedBy(wecomUserid: string) {
  const rows = await db
    .from('wecom_follows')
    .join('wecom_contacts', 'wecom_contacts.id', 'wecom_follows.contact_id')
    .where('wecom_follows.wecom_userid', wecomUserid)
    .where('wecom_follows.status', FollowStatus.Active)
    .orderBy('wecom_follows.id')
    .select('wecom_contacts.external_userid')
  return rows.map((row) => row.external_userid as string)
}

async function groupsOwnedBy(wecomUserid: string) {
  const groups = await WecomGroup.query().where('ownerUserid', wecomUserid).where('status', GroupStatus.Active).orderBy('id').select('chatId')
  return groups.map((group) => group.chatId)
}

function openItems(handoverId: number, kind: 'contact' | 'group', statuses: HandoverItemStatus[]) {
  return WecomHandoverItem.query().where('handoverId', handoverId).where('kind', kind).whereIn('status', statuses).orderBy('id')
}

/** Moves an open item on; an item settled meanwhile (by a transfer_fail callback) stays. */
async function setStatus(item: WecomHandoverItem, status: HandoverItemStatus, errcode: number | null) {
  await WecomHandoverItem.query()
    .where('id', item.id)
    .whereIn('status', OPEN)
    .update({ status, errcode, updated_at: new Date() })
}

/** Marks an open item done inside `trx`; false when it was settled meanwhile. */
async function claim(trx: TransactionClientContract, item: WecomHandoverItem) {
  const row = await WecomHandoverItem.query({ client: trx }).where('id', item.id).whereIn('status', OPEN).forUpdate().first()
  if (!row) return false
  row.merge({ status: HandoverItemStatus.Done, errcode: null })
  await row.useTransaction(trx).save()
  return true
}

/**
 * The customer is the takeover's now: the follow relation moves to them (or, when they follow
 * the customer already, the handover's relation ends) and a bound member owned by the
 * handover gets the takeover as owning guide.
 */
async function completeTransfer(item: WecomHandoverItem, from: Staff, to: Staff) {
  await transaction(async (trx) => {
    if (!(await claim(trx, item))) return
    const contact = await WecomContact.query({ client: trx }).where('externalUserid', item.target).forUpdate().first()
    if (!contact) return
    const follows = await WecomFollow.query({ client: trx })
      .where('contactId', contact.id)
      .whereIn('wecomUserid', [from.wecomUserId!, to.wecomUserId!])
      .forUpdate()
    const previous = follows.find((follow) => follow.wecomUserid === from.wecomUserId)
    const existing = follows.find((follow) => follow.wecomUserid === to.wecomUserId)
    if (previous && !existing) {
      previous.merge({ wecomUserid: to.wecomUserId!, staffId: to.id, status: FollowStatus.Active, deletedAt: null })
      await previous.useTransaction(trx).save()
    } else if (existing) {
      existing.merge({ staffId: to.id, status: FollowStatus.Active, deletedAt: null })
      await existing.useTransaction(trx).save()
      if (previous && previous.status === FollowStatus.Active) {
        previous.merge({ status: FollowStatus.DeletedByStaff, deletedAt: DateTime.now() })
        await previous.useTransaction(trx).save()
      }
    }
    await refreshStatus(trx, contact)
    if (contact.memberId) {
      const moved = await Member.query({ client: trx }).where('id', contact.memberId).where('ownerStaffId', from.id).update({ owner_staff_id: to.id })
      if (Number(moved) > 0) await followMemberOwner(trx, contact.memberId, to.id)
    }
  })
}

/** Closes the handover once no item is open, with an audit entry of how it ended. */
async function finishIfSettled(handoverId: number) {
  const open = await WecomHandoverItem.query().where('handoverId', handoverId).whereIn('status', OPEN).first()
  if (open) return
  await transaction(async (trx) => {
    const handover = await WecomHandover.query({ client: trx }).where('id', handoverId).where('status', 'running').forUpdate().first()
    if (!handover) return
    handover.merge({ status: 'done', finishedAt: DateTime.now() })
    await handover.useTransaction(trx).save()
    const rows = await trx.from('wecom_handover_items').where('handover_id', handoverId).groupBy('status').select('status').count('* as total')
    const counts = Object.fromEntries(rows.map((row) => [row.status, { to: Number(row.total) }]))
    await audit(actor.system('wecom'), 'wecom.handover.finish', { type: 'wecom_handover', id: handoverId }, counts, trx)
  })
}
