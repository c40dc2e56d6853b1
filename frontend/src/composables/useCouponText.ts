import { useI18n } from 'vue-i18n'
import type { CouponTemplate } from '@/api/couponTemplates'
import type { CouponTemplateRef } from '@/api/members'
import { CouponKind } from '@/enums/loyalty'
import { toCents } from '@/loyalty/money'
import { useFormatters } from './useFormatters'

/** How a coupon reads to people: "减 ¥20.00 · 满 ¥100.00 可用", "领取后 30 天内有效". */
export function useCouponText() {
  const { t } = useI18n()
  const { date, money } = useFormatters()

  /** "15.00" percent reads "15", "12.50" reads "12.5". */
  const percent = (value: string) => (value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value)

  // Element Plus probes table column slots with an empty row; say nothing for it.
  function value(template: Pick<CouponTemplateRef, 'kind' | 'value'>): string {
    if (!template.kind) return ''
    if (template.kind === CouponKind.PercentOff) return t('coupons.valueText.percent_off', { value: percent(template.value) })
    return t(`coupons.valueText.${template.kind}`, { value: money(template.value) })
  }

  function minSpend(template: Pick<CouponTemplateRef, 'min_spend'>): string {
    if (!template.min_spend) return ''
    return toCents(template.min_spend) > 0 ? t('coupons.minSpendText', { amount: money(template.min_spend) }) : t('coupons.noMinSpend')
  }

  function validity(template: Pick<CouponTemplate, 'valid_days' | 'valid_from' | 'valid_to'>): string {
    if (template.valid_days !== null) return t('coupons.validityText.days', { days: template.valid_days })
    if (template.valid_from || template.valid_to) {
      return t('coupons.validityText.range', { from: date(template.valid_from), to: date(template.valid_to) })
    }
    return t('coupons.validityText.none')
  }

  return { value, minSpend, validity }
}
