import { DateTime } from 'luxon'
import Member from '#models/member'
import type Staff from '#models/staff'
import type { Gender } from '#enums/loyalty'
import { UnprocessableException } from '#exceptions/api_exceptions'
import { DataScope } from '#policies/data_scope'
import { audit, defined, diff, type Actor } from '#services/audit'
import { transaction } from '#services/transactions'

export type UpdateMemberInput = {
  name?: string | null
  gender?: Gender
  birthday?: string | null
  marketingConsent?: boolean
  noticeVersion?: string
}

/**
 * Edits a member's profile and records marketing consent given or withdrawn: when, where
 * (channel and store) and under which notice version. Any staff member who sees the member may.
 */
export default class UpdateMember {
  async handle(memberId: number, input: UpdateMemberInput, staff: Staff, by: Actor) {
    return transaction(async (trx) => {
      const member = await DataScope.of(staff).members(Member.query({ client: trx })).where('id', memberId).forUpdate().firstOrFail()
      const before = snapshot(member)
      member.merge(
        defined({
          name: input.name,
          gender: input.gender,
          birthday: input.birthday === undefined ? undefined : input.birthday ? DateTime.fromISO(input.birthday) : null,
        })
      )
      if (input.marketingConsent !== undefined && input.marketingConsent !== member.marketingConsent) {
        if (input.marketingConsent && !input.noticeVersion) {
          throw new UnprocessableException('Consent is recorded with the notice version the member agreed to', 'notice_version', 'required')
        }
        member.merge({
          marketingConsent: input.marketingConsent,
          consentAt: DateTime.utc(),
          consentChannel: 'console',
          consentStoreId: staff.storeId,
          consentNoticeVersion: input.marketingConsent ? input.noticeVersion! : member.consentNoticeVersion,
        })
      }
      await member.useTransaction(trx).save()
      await audit(by, 'member.update', { type: 'member', id: member.id }, diff(before, snapshot(member)), trx)
      return member
    })
  }
}

function snapshot(member: Member) {
  return {
    name: member.name,
    gender: member.gender,
    birthday: member.birthday?.toISODate() ?? null,
    marketing_consent: member.marketingConsent,
    consent_notice_version: member.consentNoticeVersion,
  }
}
