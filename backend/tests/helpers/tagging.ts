import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Member from '#models/member'
import Tag from '#models/tag'
import TagGroup from '#models/tag_group'
import Tier from '#models/tier'
import { MemberStatus, RegisterChannel } from '#enums/loyalty'

let sequence = 0

/**
 * A member enrolled at the console, without orders; `overrides` sets owner, store, points...
 */
export async function enrol(overrides: Partial<Pick<Member, 'ownerStaffId' | 'registerStoreId' | 'pointsBalance' | 'name'>> = {}) {
  const n = ++sequence
  const tier = await Tier.findByOrFail('code', 'member')
  return Member.create({
    memberNo: `MT${String(n).padStart(9, '0')}`,
    phone: `139${String(n).padStart(8, '0')}`,
    registerChannel: RegisterChannel.Console,
    tierId: tier.id,
    tierSince: DateTime.utc(),
    referralCode: `TAG${n}`,
    status: MemberStatus.Active,
    ...overrides,
  })
}

/** Tags in one group, created directly (the API for them has its own specs). */
export async function tags(...codes: string[]) {
  const group = await TagGroup.firstOrCreate({ code: 'test' }, { name: 'Test' })
  return Promise.all(codes.map((code) => Tag.create({ groupId: group.id, code, name: code })))
}

/** The tag codes a member carries, sorted. */
export async function tagsOf(memberId: number) {
  const rows = await db
    .from('member_tags')
    .join('tags', 'tags.id', 'member_tags.tag_id')
    .where('member_tags.member_id', memberId)
    .select('tags.code')
  return rows.map((row) => row.code as string).sort()
}

/**
 * Waits until `check` holds, polling, for at most `timeoutMs`; fails naming what it waited for.
 */
export async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`Still waiting after ${timeoutMs} ms for: ${what}`)
}
