import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { RawQueryBindings } from '@adonisjs/lucid/types/querybuilder'
import { IdentityType, MemberStatus } from '#enums/loyalty'
import { ApiException } from '#exceptions/api_exceptions'
import { behaviourEventValidator, MAX_EVENTS_PER_BATCH, MAX_PROPS_BYTES, type BehaviourEvent } from '#validators/event'
import { normalisePhone } from '#services/member_registry'
import { audit, type Actor } from '#services/audit'
import { transaction } from '#services/transactions'
import { memberActivity } from '#services/member_activity'
import { ActivityTrigger } from '#enums/tag'

export type EventError = { message: string; field?: string; code: string }

export type EventsAnswer = {
  accepted: number
  duplicates: number
  rejected: { index: number; errors: EventError[] }[]
}

type Identity = { type: IdentityType; value: string }
type Parsed = { index: number; event: BehaviourEvent; occurredAt: DateTime; identity: Identity }
type Row = [eventId: string, memberId: number, type: string, occurredAt: Date, props: string | null, appId: number | null, receivedAt: Date]

/** Events may come a day ahead of our clock (devices), never from before this. */
const EARLIEST = DateTime.fromISO('2000-01-01T00:00:00Z')
const FUTURE_SLACK_HOURS = 24

/**
 * Stores a batch of behaviour events from the mall or mini-program (CONTRACTS section 3). Each
 * event stands alone: a bad one (invalid, unknown member: events never enrol anyone) is
 * rejected with its index and the good ones are kept. A known event_id, or one repeated in the
 * batch, is a duplicate: ignored and counted. One multi-row insert and one audit entry per batch.
 */
export default class IngestEvents {
  async handle(items: unknown[], by: Actor): Promise<EventsAnswer> {
    if (items.length > MAX_EVENTS_PER_BATCH) {
      throw new ApiException(`At most ${MAX_EVENTS_PER_BATCH} events per batch`, 413, 'batch_too_large')
    }
    const rejected: EventsAnswer['rejected'] = []
    const parsed: Parsed[] = []
    for (const [index, item] of items.entries()) {
      const result = await parse(item)
      if ('errors' in result) rejected.push({ index, errors: result.errors })
      else parsed.push({ index, ...result })
    }

    const members = await membersOf(parsed.map((p) => p.identity))
    const now = DateTime.utc()
    const rows: Row[] = []
    const seen = new Set<string>()
    let repeated = 0
    for (const { index, event, occurredAt, identity } of parsed) {
      const memberId = members.get(identityKey(identity))
      if (!memberId) {
        rejected.push({ index, errors: [{ message: `No member with this ${identity.type}`, field: `member.${identity.type}`, code: 'exists' }] })
        continue
      }
      // Only a kept event claims its id, so a bad first copy does not hide a good second one.
      if (seen.has(event.event_id)) {
        repeated++
        continue
      }
      seen.add(event.event_id)
      rows.push([
        event.event_id,
        memberId,
        event.type,
        occurredAt.toJSDate(),
        event.props ? JSON.stringify(event.props) : null,
        by.type === 'integration' ? by.id : null,
        now.toJSDate(),
      ])
    }
    rejected.sort((a, b) => a.index - b.index)

    const answer = await transaction(async (trx) => {
      let inserted = 0
      if (rows.length) {
        // Sorted by event_id: concurrent batches sharing ids take the key locks in one order
        // and wait for each other instead of deadlocking.
        rows.sort((a, b) => (a[0] < b[0] ? -1 : 1))
        const [result] = await trx.rawQuery(
          `INSERT IGNORE INTO member_events (event_id, member_id, type, occurred_at, props, integration_app_id, received_at)
           VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
          // Lucid's binding type leaves out null; the driver sends it as SQL NULL.
          rows.flat() as unknown as RawQueryBindings
        )
        inserted = Number(result.affectedRows)
      }
      const counted = { accepted: inserted, duplicates: repeated + rows.length - inserted, rejected }
      await audit(
        by,
        'event.ingest',
        { type: 'member_event', id: null },
        { accepted: { to: counted.accepted }, duplicates: { to: counted.duplicates }, rejected: { to: rejected.length } },
        trx
      )
      return counted
    })
    // Committed: auto-tag rules that test events run for these members just after.
    if (answer.accepted) await memberActivity(rows.map((row) => row[1]), ActivityTrigger.Event)
    return answer
  }
}

/**
 * One event checked on its own: the schema, then what the schema cannot say (a real instant
 * the TIMESTAMP column can hold, props small enough, a usable member reference).
 */
async function parse(item: unknown): Promise<{ errors: EventError[] } | Omit<Parsed, 'index'>> {
  const [error, event] = await behaviourEventValidator.tryValidate(item)
  if (error) {
    const messages = error.messages as { field: string; message: string; rule: string }[]
    return { errors: messages.map((m) => ({ message: m.message, code: m.rule, ...(m.field ? { field: m.field } : {}) })) }
  }
  const errors: EventError[] = []
  const occurredAt = DateTime.fromISO(event.occurred_at, { setZone: true }).toUTC()
  if (!occurredAt.isValid) {
    errors.push({ message: 'Not a valid time', field: 'occurred_at', code: 'date' })
  } else if (occurredAt < EARLIEST || occurredAt > DateTime.utc().plus({ hours: FUTURE_SLACK_HOURS })) {
    errors.push({ message: 'The time is out of range (before 2000 or in the future)', field: 'occurred_at', code: 'range' })
  }
  if (event.props && Buffer.byteLength(JSON.stringify(event.props)) > MAX_PROPS_BYTES) {
    errors.push({ message: `props may be at most ${MAX_PROPS_BYTES} bytes of JSON`, field: 'props', code: 'maxSize' })
  }
  const identity = identityOf(event.member)
  if ('error' in identity) errors.push(identity.error)
  if (errors.length || 'error' in identity) return { errors }
  return { event, occurredAt, identity }
}

/**
 * The identity an event names, in the order orders use: member number, unionid, phone.
 */
function identityOf(ref: BehaviourEvent['member']): Identity | { error: EventError } {
  if (ref.member_no) return { type: IdentityType.MemberNo, value: ref.member_no.toUpperCase() }
  if (ref.unionid) return { type: IdentityType.Unionid, value: ref.unionid }
  if (ref.phone) {
    const phone = normalisePhone(ref.phone)
    if (phone) return { type: IdentityType.Phone, value: phone }
    return { error: { message: 'Not an 11-digit mainland mobile number', field: 'member.phone', code: 'phone' } }
  }
  return { error: { message: 'member needs phone, member_no or unionid', field: 'member', code: 'required' } }
}

/**
 * Active members by identity: one query per identity type for the whole batch.
 */
async function membersOf(identities: Identity[]) {
  const byType = new Map<IdentityType, Set<string>>()
  for (const { type, value } of identities) byType.set(type, (byType.get(type) ?? new Set()).add(value))
  const found = new Map<string, number>()
  await Promise.all(
    [...byType].map(async ([type, values]) => {
      const rows: { value: string; member_id: number }[] = await db
        .from('member_identities as i')
        .join('members as m', 'm.id', 'i.member_id')
        .where('i.type', type)
        .whereIn('i.value', [...values])
        .where('m.status', MemberStatus.Active)
        .select('i.value', 'i.member_id')
      for (const row of rows) found.set(identityKey({ type, value: row.value }), row.member_id)
    })
  )
  return found
}

/** Identity values compare case-insensitively in MySQL (utf8mb4_general_ci); so do we. */
function identityKey({ type, value }: Identity) {
  return `${type}:${value.toLowerCase()}`
}
