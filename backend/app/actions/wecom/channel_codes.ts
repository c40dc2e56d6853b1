import { DateTime } from 'luxon'
import Staff from '#models/staff'
import WecomChannelCode from '#models/wecom_channel_code'
import { StaffStatus } from '#enums/staff'
import { UnprocessableException } from '#exceptions/api_exceptions'
import { audit, defined, diff, type Actor } from '#services/audit'
import { randomCode } from '#services/member_registry'
import { transaction } from '#services/transactions'
import { callWecom, wecomClient } from '#services/wecom'

export type ChannelCodeInput = {
  name: string
  staff_ids: number[]
  welcome_text?: string | null
  skip_verify?: boolean
}

/** add_contact_way: type 1 for one staff member, 2 for several; scene 2 is a QR code. */
const contactWay = (userids: string[]) => ({ type: userids.length > 1 ? (2 as const) : (1 as const), scene: 2 as const, user: userids })

/**
 * Channel codes (渠道活码): each is a WeCom contact way whose `state` tells which channel a new
 * contact came through. WeCom is called first; nothing is saved when it refuses.
 */
export default class ChannelCodes {
  async create(input: ChannelCodeInput, by: Actor) {
    const userids = await wecomUserids(input.staff_ids)
    const state = `rp${randomCode(12).toLowerCase()}`
    const skipVerify = input.skip_verify ?? true
    const way = await callWecom(() =>
      wecomClient().addContactWay({ ...contactWay(userids), state, skip_verify: skipVerify, remark: input.name.slice(0, 30) })
    )
    return transaction(async (trx) => {
      const code = await WecomChannelCode.create(
        {
          name: input.name,
          state,
          configId: way.config_id,
          qrCode: way.qr_code ?? null,
          skipVerify,
          staffIds: input.staff_ids,
          welcomeText: input.welcome_text ?? null,
          welcomeAttachments: null,
          createdBy: by.id,
          deletedAt: null,
        },
        { client: trx }
      )
      await audit(by, 'wecom.channel_code.create', { type: 'wecom_channel_code', id: code.id }, diff({}, input), trx)
      return code
    })
  }

  async update(code: WecomChannelCode, input: Partial<ChannelCodeInput>, by: Actor) {
    if (input.staff_ids || input.skip_verify !== undefined) {
      const userids = await wecomUserids(input.staff_ids ?? code.staffIds)
      await callWecom(() =>
        wecomClient().updateContactWay({
          config_id: code.configId!,
          user: userids,
          skip_verify: input.skip_verify ?? code.skipVerify,
        })
      )
    }
    const before = { name: code.name, staff_ids: code.staffIds, welcome_text: code.welcomeText, skip_verify: code.skipVerify }
    return transaction(async (trx) => {
      code.merge(
        defined({
          name: input.name,
          staffIds: input.staff_ids,
          welcomeText: input.welcome_text,
          skipVerify: input.skip_verify,
        })
      )
      await code.useTransaction(trx).save()
      await audit(by, 'wecom.channel_code.update', { type: 'wecom_channel_code', id: code.id }, diff(before, { ...before, ...input }), trx)
      return code
    })
  }

  /** Removes the contact way in WeCom; the code stays (deleted) so its statistics remain. */
  async delete(code: WecomChannelCode, by: Actor) {
    if (code.configId) {
      await callWecom(() => wecomClient().delContactWay(code.configId!))
    }
    await transaction(async (trx) => {
      code.deletedAt = DateTime.now()
      await code.useTransaction(trx).save()
      await audit(by, 'wecom.channel_code.delete', { type: 'wecom_channel_code', id: code.id }, {}, trx)
    })
  }
}

/** The staff must exist, be active and have a WeCom account. */
async function wecomUserids(staffIds: number[]) {
  const staff = await Staff.query().whereIn('id', staffIds)
  const byId = new Map(staff.map((member) => [member.id, member]))
  return staffIds.map((id, index) => {
    const member = byId.get(id)
    if (!member || member.status !== StaffStatus.Active) {
      throw new UnprocessableException(`Staff ${id} does not exist or is not active`, `staff_ids.${index}`, 'exists')
    }
    if (!member.wecomUserId) {
      throw new UnprocessableException(`${member.name} has no WeCom account`, `staff_ids.${index}`, 'no_wecom_account')
    }
    return member.wecomUserId
  })
}
