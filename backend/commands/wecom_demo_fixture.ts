import { writeFile } from 'node:fs/promises'
import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import db from '@adonisjs/lucid/services/db'

/**
 * `node ace wecom:demo-fixture --out FILE`: what the WeCom simulator needs to play the demo's
 * day: the staff with WeCom accounts (printed as WECOM_SIM_STAFF's `userid:Name,…`) and, in
 * FILE, members without a WeCom contact yet whom the scenario turns into new contacts, so
 * binding by phone can be watched.
 */
export default class WecomDemoFixture extends BaseCommand {
  static commandName = 'wecom:demo-fixture'
  static description = 'Write the WeCom simulator fixture of the demo (staff, members to draw from)'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'Where to write the members JSON', required: true })
  declare out: string

  async run() {
    const staff = await db
      .from('staff')
      .whereNotNull('wecom_user_id')
      .where('status', 'active')
      .orderBy('id')
      .select('wecom_user_id', 'name')
    const members = await db
      .from('members')
      .whereNotNull('phone')
      .whereNotIn('id', db.from('wecom_contacts').whereNotNull('member_id').select('member_id'))
      .orderByRaw('RAND(7)')
      .limit(300)
      .select('phone', 'name')
    await writeFile(this.out, JSON.stringify(members.map((row) => ({ phone: row.phone, name: row.name ?? '' }))))
    // The last line is the staff list: the demo script passes it on as WECOM_SIM_STAFF.
    console.log(staff.map((row) => `${row.wecom_user_id}:${String(row.name).replaceAll(/[,:]/g, ' ')}`).join(','))
  }
}
