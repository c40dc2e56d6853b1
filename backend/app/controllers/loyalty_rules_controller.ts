import type { HttpContext } from '@adonisjs/core/http'
import Tier from '#models/tier'
import LoyaltyRulesPolicy from '#policies/loyalty_rules_policy'
import UpdateTiers from '#actions/points/update_tiers'
import { loyaltySettings, saveLoyaltySettings } from '#services/loyalty_settings'
import { actor, audit, diff } from '#services/audit'
import { loyaltySettingsValidator, updateTiersValidator } from '#validators/member'

function presentTier(tier: Tier) {
  return {
    id: tier.id,
    code: tier.code,
    name: tier.name,
    threshold: Number(tier.threshold).toFixed(2),
    multiplier: Number(tier.multiplier).toFixed(2),
    rank: tier.rank,
    benefits: tier.benefits,
  }
}

export default class LoyaltyRulesController {
  async tiers() {
    const tiers = await Tier.query().orderBy('rank')
    return { data: tiers.map(presentTier) }
  }

  async updateTiers(ctx: HttpContext) {
    const { auth, bouncer, request } = ctx
    await bouncer.with(LoyaltyRulesPolicy).authorize('manage')
    const { tiers } = await request.validateUsing(updateTiersValidator)
    const saved = await new UpdateTiers().handle(tiers, actor.staff(auth.getUserOrFail(), ctx))
    return { data: saved.map(presentTier) }
  }

  async settings() {
    return loyaltySettings()
  }

  async updateSettings(ctx: HttpContext) {
    const { auth, bouncer, request } = ctx
    await bouncer.with(LoyaltyRulesPolicy).authorize('manage')
    const input = await request.validateUsing(loyaltySettingsValidator)
    const before = await loyaltySettings()
    await saveLoyaltySettings(input)
    await audit(actor.staff(auth.getUserOrFail(), ctx), 'loyalty_settings.update', { type: 'settings', id: 'loyalty' }, diff(before, input))
    return input
  }
}
