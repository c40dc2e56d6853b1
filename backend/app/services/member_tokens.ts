import { createHash, randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Member from '#models/member'
import MemberToken from '#models/member_token'
import { MemberStatus } from '#enums/loyalty'
import { MEMBER_TOKEN_DAYS } from '#enums/conversation'
import { lastUseIsStale } from '#services/last_use'

/** Prefixes tell a member token from a staff token (`rps_`) at a glance, and in logs. */
export const MEMBER_TOKEN_PREFIX = 'rpm_'
export const TICKET_PREFIX = 'rpt_'

/**
 * Tickets and member tokens are random secrets shown once; only their sha256 is stored, and a
 * presented secret is found by the hash of what was presented.
 */
export function hashSecret(secret: string) {
  return createHash('sha256').update(secret).digest('hex')
}

export function randomSecret(prefix: string) {
  return prefix + randomBytes(32).toString('base64url')
}

export async function issueMemberToken(trx: TransactionClientContract, memberId: number, ticketId: number | null) {
  const token = randomSecret(MEMBER_TOKEN_PREFIX)
  const expiresAt = DateTime.utc().plus({ days: MEMBER_TOKEN_DAYS })
  await MemberToken.create({ tokenHash: hashSecret(token), memberId, ticketId, expiresAt }, { client: trx })
  return { token, expiresAt }
}

/**
 * The active member a member token belongs to, or null (unknown, expired, member merged or
 * erased).
 */
export async function authenticateMemberToken(token: string): Promise<Member | null> {
  if (!token.startsWith(MEMBER_TOKEN_PREFIX) || token.length > 200) return null
  const row = await MemberToken.findBy('tokenHash', hashSecret(token))
  if (!row || row.expiresAt <= DateTime.utc()) return null
  const member = await Member.find(row.memberId)
  if (!member || member.status !== MemberStatus.Active) return null
  if (lastUseIsStale(row.lastUsedAt)) {
    await MemberToken.query().where('id', row.id).update({ last_used_at: new Date() })
  }
  return member
}

export function isMemberToken(token: string | undefined | null) {
  return typeof token === 'string' && token.startsWith(MEMBER_TOKEN_PREFIX)
}
