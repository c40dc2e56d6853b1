import { DateTime } from 'luxon'
import type { Infer } from '@vinejs/vine/types'
import CouponTemplate from '#models/coupon_template'
import Store from '#models/store'
import { CouponChannel, CouponKind } from '#enums/loyalty'
import { ConflictException, UnprocessableException } from '#exceptions/api_exceptions'
import type { createCouponTemplateValidator } from '#validators/coupon'
import { randomCode } from '#services/member_registry'
import { toCents } from '#services/money'
import { audit, diff, type Actor } from '#services/audit'
import { transaction } from '#services/transactions'

export type CreateCouponTemplateInput = Infer<typeof createCouponTemplateValidator>

export default class CreateCouponTemplate {
  async handle(input: CreateCouponTemplateInput, by: Actor) {
    if (input.kind === CouponKind.PercentOff && (toCents(input.value) <= 0 || toCents(input.value) >= 10000)) {
      throw new UnprocessableException('A percentage off is between 0 and 100', 'value', 'range')
    }
    if (input.kind === CouponKind.AmountOff && toCents(input.value) <= 0) {
      throw new UnprocessableException('An amount off must be more than 0', 'value', 'range')
    }
    const validFrom = input.valid_from ? DateTime.fromISO(input.valid_from).toUTC() : null
    const validTo = input.valid_to ? DateTime.fromISO(input.valid_to).toUTC() : null
    if (validFrom && validTo && validTo <= validFrom) {
      throw new UnprocessableException('valid_to must be after valid_from', 'valid_to', 'after')
    }

    return transaction(async (trx) => {
      if (input.store_ids?.length) {
        const found = await Store.query({ client: trx }).whereIn('id', input.store_ids).count('* as total')
        if (Number(found[0].$extras.total) !== input.store_ids.length) {
          throw new UnprocessableException('Unknown store in store_ids', 'store_ids', 'exists')
        }
      }
      const code = input.code ?? `T${randomCode(7)}`
      if (await CouponTemplate.findBy('code', code, { client: trx })) {
        throw new ConflictException(`Template code ${code} is already used`, 'template_code_taken', 'code')
      }
      const template = await CouponTemplate.create(
        {
          code,
          name: input.name,
          kind: input.kind as CouponKind,
          value: input.value,
          minSpend: input.min_spend ?? '0.00',
          validDays: input.valid_days ?? null,
          validFrom,
          validTo,
          channels: (input.channels ?? [CouponChannel.Online, CouponChannel.Offline]) as CouponChannel[],
          storeIds: input.store_ids?.length ? input.store_ids : null,
          totalStock: input.total_stock ?? null,
          issuedCount: 0,
          perMemberLimit: input.per_member_limit ?? null,
          pointsCost: input.points_cost ?? null,
          status: 'active',
        },
        { client: trx }
      )
      await audit(by, 'coupon_template.create', { type: 'coupon_template', id: template.id }, diff({}, { ...input, code }), trx)
      return template
    })
  }
}
