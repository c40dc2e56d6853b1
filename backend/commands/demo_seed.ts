import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import Staff from '#models/staff'
import Store from '#models/store'
import CreateStaff from '#actions/staff/create_staff'
import UpsertStores from '#actions/stores/upsert_stores'
import UpsertProducts from '#actions/catalog/upsert_products'
import CreateIntegrationApp from '#actions/integrations/create_integration_app'
import Region from '#models/region'
import IntegrationApp from '#models/integration_app'
import { StaffRole } from '#enums/staff'
import { IntegrationScope } from '#enums/integration'
import { actor } from '#services/audit'
import { DEMO_PASSWORD, guidesAt, products, regions, staffName, stores } from '#database/demo/brand'
import { seedMemberHistory } from '#database/demo/member_history'
import db from '@adonisjs/lucid/services/db'
import { backfillLocalSlots, rebuildStatistics } from '#services/member_statistics'
import ComputeRfmJob from '#jobs/compute_rfm_job'

export const DEMO_LOGINS = [
  { role: 'admin', email: 'admin@rapport.demo' },
  { role: 'hq_operator', email: 'hq@rapport.demo' },
  { role: 'store_manager', email: 'manager.sh001@rapport.demo' },
  { role: 'guide', email: 'guide.sh001.1@rapport.demo' },
]

const DEMO_POS = 'POS 收银系统 (demo)'

/**
 * `node ace demo:seed`: seeds the demo brand once, through the same actions the API uses.
 * Every step skips what exists, and the POS app is created last as the "done" marker, so a
 * seed interrupted half-way completes on the next run and a finished one changes nothing.
 */
export default class DemoSeed extends BaseCommand {
  static commandName = 'demo:seed'
  static description = 'Seed the demo brand (once) and print the demo logins'
  static options: CommandOptions = { startApp: true }

  @flags.number({ description: 'Members to generate, with a year of their orders (0: none)', default: 20_000 })
  declare members: number

  async run() {
    if (await IntegrationApp.findBy('name', DEMO_POS)) {
      this.logger.info('Demo data already present')
      return
    }
    const by = actor.system('demo:seed')

    for (const region of regions) await Region.firstOrCreate({ code: region.code }, region)
    await new UpsertStores().handle(stores, by)
    await new UpsertProducts().handle(products, by)

    const create = new CreateStaff()
    const staff = async (input: Parameters<CreateStaff['handle']>[0]) => {
      if (!(await Staff.findBy('email', input.email))) await create.handle(input, by)
    }
    await staff({ name: '系统管理员 Admin', email: 'admin@rapport.demo', password: DEMO_PASSWORD, role: StaffRole.Admin })
    await staff({ name: '总部运营 Zhou Yun', email: 'hq@rapport.demo', password: DEMO_PASSWORD, role: StaffRole.HqOperator })
    await staff({ name: '总部运营 Qian Li', email: 'hq2@rapport.demo', password: DEMO_PASSWORD, role: StaffRole.HqOperator })

    let person = 0
    let staffNo = 1000
    for (const { code } of stores) {
      const store = await Store.findByOrFail('code', code)
      const slug = code.toLowerCase()
      await staff({
        name: `${staffName(person++)} (店长)`,
        email: `manager.${slug}@rapport.demo`,
        password: DEMO_PASSWORD,
        role: StaffRole.StoreManager,
        storeId: store.id,
        staffNo: `M${++staffNo}`,
      })
      for (let n = 1; n <= guidesAt(code); n++) {
        await staff({
          name: staffName(person++),
          email: `guide.${slug}.${n}@rapport.demo`,
          password: DEMO_PASSWORD,
          role: StaffRole.Guide,
          storeId: store.id,
          staffNo: `G${++staffNo}`,
          wecomUserId: `guide_${slug}_${n}`,
        })
      }
    }

    // Before the marker: members are one transaction that is skipped once it has committed.
    const started = Date.now()
    const history = this.members > 0 ? await seedMemberHistory(this.members) : null
    if (history) {
      // The generator writes orders as the engine would; the statistics are derived from them.
      await backfillLocalSlots(db.connection())
      await rebuildStatistics(db.connection())
      await new ComputeRfmJob().handle()
      this.logger.success(
        `Seeded ${history.members} members, ${history.orders} orders (${history.returns} returns), ${history.lines} order lines, ` +
          `${history.entries} points entries, ${history.coupons} coupons in ${((Date.now() - started) / 1000).toFixed(1)} s`
      )
    }

    const { app, secret } = await new CreateIntegrationApp().handle(
      { name: DEMO_POS, scopes: [IntegrationScope.Orders, IntegrationScope.Events, IntegrationScope.Coupons] },
      by
    )
    const count = await Staff.query().count('* as total')
    this.logger.success(
      `Seeded ${regions.length} regions, ${stores.length} stores, ${count[0].$extras.total} staff, ${products.length} products`
    )
    this.logger.info(`Demo POS integration key: ${app.keyId}  secret: ${secret}`)
  }
}
