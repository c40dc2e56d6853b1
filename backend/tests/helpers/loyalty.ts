import type { ApiClient } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import Member from '#models/member'
import Tier from '#models/tier'
import { IntegrationScope } from '#enums/integration'
import { StoreFactory } from '#database/factories/organisation'
import { integrationApp, signed } from '#tests/helpers/integrations'

let orderSequence = 0

/**
 * A POS with stores SH001 and BJ001 and a key for orders, events and coupons.
 */
export async function pos() {
  const sh = await StoreFactory.merge({ code: 'SH001' }).create()
  const bj = await StoreFactory.merge({ code: 'BJ001' }).create()
  const credentials = await integrationApp([IntegrationScope.Orders, IntegrationScope.Events, IntegrationScope.Coupons])
  return { ...credentials, stores: { sh, bj } }
}

export type Pos = Awaited<ReturnType<typeof pos>>

/**
 * A sale body for `paid` yuan (one line), for a member phone or no member.
 */
export function sale(paid: string, overrides: Record<string, unknown> = {}) {
  return {
    order_no: `SH001-${Date.now()}-${++orderSequence}`,
    type: 'sale',
    channel: 'pos',
    store_code: 'SH001',
    member: { phone: '13800000001' },
    items: [{ sku: 'LATTE-M', name: 'Latte M', category: 'coffee', qty: 1, unit_price: paid }],
    total: paid,
    discount: '0.00',
    paid,
    paid_at: new Date().toISOString(),
    ...overrides,
  }
}

export function postOrder(client: ApiClient, credentials: Pos, body: unknown) {
  return signed(client, 'post', '/api/v1/integrations/orders', credentials, body)
}

export async function memberByPhone(phone = '13800000001') {
  return Member.query().where('phone', phone).preload('tier').firstOrFail()
}

export async function ledgerSum(memberId: number) {
  const row = await db.from('points_entries').where('member_id', memberId).sum('points as total').first()
  return Number(row?.total ?? 0)
}

export async function setTier(member: Member, code: string) {
  const tier = await Tier.findByOrFail('code', code)
  member.tierId = tier.id
  await member.save()
}

export async function count(table: string, where: Record<string, unknown> = {}) {
  const row = await db.from(table).where(where).count('* as total').first()
  return Number(row.total)
}
