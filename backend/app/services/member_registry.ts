import { randomInt } from 'node:crypto'
import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Member from '#models/member'
import MemberIdentity from '#models/member_identity'
import Tier from '#models/tier'
import TierChange from '#models/tier_change'
import { IdentityType, MemberStatus, RegisterChannel, TierChangeReason, Gender } from '#enums/loyalty'
import { isDuplicateKey } from '#services/transactions'

/**
 * "13800000001", "+86 138-0000-0001" and "8613800000001" are one phone: the 11-digit
 * mainland mobile number. Anything else is null.
 */
export function normalisePhone(raw: string): string | null {
  const digits = raw.replace(/[\s-]/g, '').replace(/^\+?86(?=1\d{10}$)/, '')
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null
}

/** 138****0001 */
export function maskPhone(phone: string | null) {
  return phone ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : null
}

export const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/**
 * Random characters from a 32-letter alphabet without look-alikes (no I, O, 0, 1): codes people
 * read out at a till. 10 characters are 50 bits: unguessable.
 */
export function randomCode(length: number) {
  let code = ''
  for (let i = 0; i < length; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]
  return code
}

/**
 * The member an identity points to, locked for the rest of the transaction. The identity is
 * read without a lock: a locking read of an absent value would take a gap lock, and concurrent
 * enrolments of neighbouring phones would deadlock on it.
 */
export async function findMemberBy(trx: TransactionClientContract, type: IdentityType, value: string) {
  const identity = await MemberIdentity.query({ client: trx }).where('type', type).where('value', value).first()
  if (!identity) return null
  return Member.query({ client: trx }).where('id', identity.memberId).forUpdate().firstOrFail()
}

export type Enrolment = {
  phone: string
  name?: string | null
  gender?: Gender
  birthday?: DateTime | null
  registerChannel: RegisterChannel
  registerStoreId: number | null
  ownerStaffId?: number | null
  referredById?: number | null
}

/**
 * Finds the member with this phone or enrols a new one (lowest tier, no marketing consent
 * until given). Two concurrent first orders of one phone enrol it once: the loser of the race
 * hits the unique key and takes the winner's member.
 */
export async function findOrEnrolByPhone(trx: TransactionClientContract, enrolment: Enrolment) {
  const existing = await findMemberBy(trx, IdentityType.Phone, enrolment.phone)
  if (existing) return { member: existing, enrolled: false }
  try {
    return { member: await enrol(trx, enrolment), enrolled: true }
  } catch (error) {
    if (!isDuplicateKey(error)) throw error
    const winner = await findMemberBy(trx, IdentityType.Phone, enrolment.phone)
    if (!winner) throw error
    return { member: winner, enrolled: false }
  }
}

async function enrol(trx: TransactionClientContract, enrolment: Enrolment) {
  const lowest = await Tier.query({ client: trx }).orderBy('rank').firstOrFail()
  const now = DateTime.utc()
  const member = await Member.create(
    {
      memberNo: `M${randomInt(10 ** 9, 10 ** 10)}`,
      phone: enrolment.phone,
      name: enrolment.name ?? null,
      gender: enrolment.gender ?? Gender.Unknown,
      birthday: enrolment.birthday ?? null,
      registerChannel: enrolment.registerChannel,
      registerStoreId: enrolment.registerStoreId,
      ownerStaffId: enrolment.ownerStaffId ?? null,
      tierId: lowest.id,
      tierSince: now,
      pointsBalance: 0,
      spend365d: '0.00',
      marketingConsent: false,
      referralCode: randomCode(8),
      referredById: enrolment.referredById ?? null,
      status: MemberStatus.Active,
    },
    { client: trx }
  )
  await MemberIdentity.createMany(
    [
      { memberId: member.id, type: IdentityType.Phone, value: enrolment.phone },
      { memberId: member.id, type: IdentityType.MemberNo, value: member.memberNo },
    ],
    { client: trx }
  )
  await TierChange.create(
    { memberId: member.id, fromTierId: null, toTierId: lowest.id, reason: TierChangeReason.Enrol, sourceRef: `enrol:${member.id}` },
    { client: trx }
  )
  // A fresh member holds a row lock from the insert; the caller works on it like a found one.
  return member
}
