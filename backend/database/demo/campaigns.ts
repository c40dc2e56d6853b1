import { CouponSource } from '#enums/loyalty'
import type { Calendar } from '#database/demo/calendar'
import { issuable, type DemoTemplate, type DemoTemplates } from '#database/demo/coupons'
import type { DemoMember } from '#database/demo/members'
import type { Random } from '#database/demo/random'

export type Issue = {
  at: number
  member: DemoMember
  template: DemoTemplate
  source: CouponSource
  staffId: number | null
  sourceRef: string | null
}

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** Days before today when HQ sent each campaign; the last ones are still valid today. */
const SPEND_CAMPAIGNS = [330, 260, 190, 120, 60, 10]
const MINI_CAMPAIGNS = [300, 200, 100, 25, 6]

/**
 * Every coupon issued over the year, as the console and the jobs would have issued them: HQ's
 * campaigns (issued by hand to a selection, like IssueCoupons), the guides' welcome gifts to
 * their own members, and the birthday job's coupon in each birthday month.
 */
export function couponIssues(random: Random, calendar: Calendar, members: DemoMember[], templates: DemoTemplates, hqOperatorId: number | null) {
  const issues: Issue[] = []
  const campaign = (template: DemoTemplate, daysAgo: number[], hour: number, wants: (m: DemoMember) => boolean) => {
    if (!issuable(template) || hqOperatorId === null) return
    for (const ago of daysAgo) {
      const at = calendar.days[calendar.days.length - ago].start + hour * HOUR
      for (const member of members) {
        if (member.enrolAt < at && wants(member)) {
          issues.push({ at, member, template, source: CouponSource.Manual, staffId: hqOperatorId, sourceRef: null })
        }
      }
    }
  }
  campaign(templates.spend, SPEND_CAMPAIGNS, 10, (m) => m.consent && random.chance(0.35))
  campaign(templates.mini, MINI_CAMPAIGNS, 11, (m) => m.miniShare >= 0.2 && random.chance(0.5))

  if (issuable(templates.gift)) {
    for (const member of members) {
      if (!member.owner || !random.chance(0.3)) continue
      const at = member.enrolAt + random.int(1, 20) * DAY + random.int(0, 4 * 3600) * 1000
      if (at < calendar.end) {
        issues.push({ at, member, template: templates.gift, source: CouponSource.Manual, staffId: member.owner.id, sourceRef: null })
      }
    }
  }

  if (templates.birthday && issuable(templates.birthday)) {
    for (const member of members) {
      for (const { at, year } of birthdayRuns(calendar, member)) {
        issues.push({ at, member, template: templates.birthday, source: CouponSource.Birthday, staffId: null, sourceRef: `birthday:${member.id}:${year}` })
      }
    }
  }
  return issues
}

/**
 * When birthday_coupons_job (daily, 09:00 local) first found the member in their birthday month
 * after they enrolled: once per local year.
 */
function birthdayRuns(calendar: Calendar, member: DemoMember) {
  const runs: { at: number; year: number }[] = []
  if (!member.birthMonth) return runs
  for (const day of calendar.days) {
    if (day.month !== member.birthMonth || runs.some((r) => r.year === day.year)) continue
    const at = day.start + 9 * HOUR
    if (at > member.enrolAt) runs.push({ at, year: day.year })
  }
  return runs
}
