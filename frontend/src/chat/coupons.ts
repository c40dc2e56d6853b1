import type { CouponTemplate } from '@/api/couponTemplates'
import { CouponTemplateStatus } from '@/enums/loyalty'

/**
 * Templates a guide may still hand out in a chat at `now`: active, with stock left, and not past
 * their end date. Per-member limits are the server's to check (409 names the reason).
 */
export function usableTemplates(templates: readonly CouponTemplate[], now: Date): CouponTemplate[] {
  return templates.filter(
    (template) =>
      template.status === CouponTemplateStatus.Active &&
      (template.total_stock === null || template.issued_count < template.total_stock) &&
      (!template.valid_to || Date.parse(template.valid_to) > now.getTime())
  )
}
