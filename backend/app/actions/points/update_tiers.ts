import Tier from '#models/tier'
import { UnprocessableException } from '#exceptions/api_exceptions'
import { toCents } from '#services/money'
import { audit, diff, type Actor } from '#services/audit'
import { transaction } from '#services/transactions'

export type TierInput = { code: string; name: string; threshold: string; multiplier: string; benefits?: string }

/**
 * Replaces the tier ladder (names, thresholds, multipliers, benefits). The ladder is given
 * lowest first: the first tier starts at 0 and thresholds rise. Existing tiers are matched by
 * code, so members keep their tier; a tier still held by members cannot be removed.
 */
export default class UpdateTiers {
  async handle(ladder: TierInput[], by: Actor) {
    if (toCents(ladder[0].threshold) !== 0) {
      throw new UnprocessableException('The first tier starts at 0', 'tiers.0.threshold', 'first_tier_zero')
    }
    ladder.forEach((tier, index) => {
      if (index > 0 && toCents(tier.threshold) <= toCents(ladder[index - 1].threshold)) {
        throw new UnprocessableException('Thresholds must rise from tier to tier', `tiers.${index}.threshold`, 'ascending')
      }
      if (toCents(tier.multiplier) <= 0) {
        throw new UnprocessableException('A multiplier is more than 0', `tiers.${index}.multiplier`, 'positive')
      }
    })
    if (new Set(ladder.map((t) => t.code)).size !== ladder.length) {
      throw new UnprocessableException('Tier codes must be different', 'tiers', 'distinct')
    }

    return transaction(async (trx) => {
      const existing = await Tier.query({ client: trx }).forUpdate()
      const removed = existing.filter((t) => !ladder.some((l) => l.code === t.code))
      for (const tier of removed) {
        const held = await trx.from('members').where('tier_id', tier.id).first()
        if (held) throw new UnprocessableException(`Tier ${tier.code} is still held by members`, 'tiers', 'in_use')
        await trx.from('tiers').where('id', tier.id).delete()
      }
      // Ranks are unique: park them out of the way before renumbering.
      await trx.from('tiers').update({ rank: trx.raw('`rank` + 1000') })
      const saved: Tier[] = []
      for (const [rank, input] of ladder.entries()) {
        const tier = existing.find((t) => t.code === input.code) ?? new Tier()
        const before = tier.$isPersisted ? { name: tier.name, threshold: tier.threshold, multiplier: tier.multiplier, benefits: tier.benefits } : {}
        tier.merge({ code: input.code, name: input.name, threshold: input.threshold, multiplier: input.multiplier, benefits: input.benefits ?? null, rank })
        await tier.useTransaction(trx).save()
        await audit(by, 'tier.update', { type: 'tier', id: tier.id }, diff(before, { name: tier.name, threshold: tier.threshold, multiplier: tier.multiplier, benefits: tier.benefits }), trx)
        saved.push(tier)
      }
      return saved
    })
  }
}
