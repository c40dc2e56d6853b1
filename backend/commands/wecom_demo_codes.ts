import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import Staff from '#models/staff'
import Store from '#models/store'
import WecomChannelCode from '#models/wecom_channel_code'
import ChannelCodes from '#actions/wecom/channel_codes'
import { StaffRole } from '#enums/staff'
import { actor } from '#services/audit'
import { wecomClient } from '#services/wecom'

const DEMO_CODES = [
  { store: 'SH001', name: '门店海报 Store poster', welcome: '{{name}}您好，我是您的专属导购，新品和会员活动会第一时间告诉您 🎉' },
  { store: 'SZ001', name: '商场活动 Mall event', welcome: '欢迎{{name}}！回复“券”领取本周到店礼。' },
]

/**
 * `node ace wecom:demo-codes`: the demo's channel codes, created once, and registered again
 * with the (freshly started) simulator at every demo start so its scenario adds contacts
 * through them.
 */
export default class WecomDemoCodes extends BaseCommand {
  static commandName = 'wecom:demo-codes'
  static description = 'Create the demo channel codes, or register them again with the WeCom simulator'
  static options: CommandOptions = { startApp: true }

  async run() {
    const by = actor.system('demo')
    for (const demo of DEMO_CODES) {
      const store = await Store.findBy('code', demo.store)
      if (!store) continue
      const guides = await Staff.query().where('storeId', store.id).where('role', StaffRole.Guide).whereNotNull('wecomUserId')
      if (guides.length === 0) continue
      const existing = await WecomChannelCode.query().where('name', demo.name).whereNull('deletedAt').first()
      if (!existing) {
        await new ChannelCodes().create({ name: demo.name, staff_ids: guides.map((guide) => guide.id), welcome_text: demo.welcome }, by)
        continue
      }
      const way = await wecomClient().addContactWay({
        type: 2,
        scene: 2,
        state: existing.state,
        user: guides.map((guide) => guide.wecomUserId!),
        skip_verify: existing.skipVerify,
      })
      existing.merge({ configId: way.config_id, qrCode: way.qr_code ?? null })
      await existing.save()
    }
  }
}
