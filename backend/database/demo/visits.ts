import { RegisterChannel, SalesChannel } from '#enums/loyalty'
import { Slot, type Calendar, type Day } from '#database/demo/calendar'
import type { DemoStore } from '#database/demo/context'
import type { DemoMember } from '#database/demo/members'
import { drawSlot, ONLINE, PERSONAS, WALK_IN } from '#database/demo/personas'
import type { Random } from '#database/demo/random'

export type Visit = {
  at: number
  member: DemoMember | null
  channel: SalesChannel
  store: DemoStore
  slot: Slot
  /** A birthday visit: the member comes for their gift. */
  treat: boolean
}

const DAY = 86_400_000

/**
 * A member's purchases over their active months: as many as their weekly rate gives, on the
 * days and at the hours of their persona, mostly at their home store, some ordered ahead in the
 * mini-program, beans and tumblers in the online mall. Enrolling at the till comes with a
 * first purchase.
 */
export function memberVisits(random: Random, calendar: Calendar, stores: DemoStore[], member: DemoMember): Visit[] {
  if (member.weeklyRate === 0) return []
  const spec = PERSONAS[member.persona]
  const visits: Visit[] = []
  if (member.registerChannel === RegisterChannel.Pos) {
    const at = member.enrolAt + random.int(60, 240) * 1000
    const day = calendar.dayOf(member.enrolAt)
    const slot = drawSlot(random, day.weekend ? spec.weekend : spec.weekday)
    visits.push({ at, member, channel: SalesChannel.Pos, store: member.home, slot, treat: false })
  }

  const first = calendar.dayOf(member.enrolAt).index
  const last = calendar.dayOf(member.activeUntil - 1).index
  const count = random.poisson((member.weeklyRate * (member.activeUntil - member.enrolAt)) / (7 * DAY))
  const heaviest = Math.max(1, spec.weekendWeight)
  for (let made = 0, tries = 0; made < count && tries < count * 20; tries++) {
    const day = calendar.days[random.int(first, last)]
    if (!random.chance((day.weekend ? spec.weekendWeight : 1) / heaviest)) continue
    const channel = random.chance(spec.mallShare)
      ? SalesChannel.Mall
      : random.chance(member.miniShare)
        ? SalesChannel.Miniprogram
        : SalesChannel.Pos
    const slot = drawSlot(random, channel === SalesChannel.Mall ? ONLINE : day.weekend ? spec.weekend : spec.weekday)
    const at = calendar.timeIn(day, slot, random)
    if (at <= member.enrolAt || at >= member.activeUntil) continue
    visits.push({ at, member, channel, store: storeFor(random, member, channel, stores), slot, treat: false })
    made++
  }
  return visits
}

/** A birthday treat: an afternoon at the home store within the coupon's month. */
export function birthdayVisit(random: Random, calendar: Calendar, member: DemoMember, issuedAt: number): Visit | null {
  const day = calendar.days[Math.min(calendar.days.length - 1, calendar.dayOf(issuedAt).index + random.int(0, 20))]
  const at = calendar.timeIn(day, Slot.Afternoon, random)
  if (at <= issuedAt || at >= member.activeUntil || at >= calendar.end) return null
  return { at, member, channel: SalesChannel.Pos, store: member.home, slot: Slot.Afternoon, treat: true }
}

/** Customers who are not members, at every store every day, busier at the bigger stores and on weekends. */
export function walkInVisits(random: Random, calendar: Calendar, stores: DemoStore[], perWeight: number): Visit[] {
  const visits: Visit[] = []
  for (const day of calendar.days) {
    for (const store of stores) {
      const count = random.poisson(store.weight * perWeight * (day.weekend ? 1.25 : 1))
      for (let i = 0; i < count; i++) visits.push(walkIn(random, calendar, day, store))
    }
  }
  return visits
}

function walkIn(random: Random, calendar: Calendar, day: Day, store: DemoStore): Visit {
  const slot = drawSlot(random, day.weekend ? WALK_IN.weekend : WALK_IN.weekday)
  return { at: calendar.timeIn(day, slot, random), member: null, channel: SalesChannel.Pos, store, slot, treat: false }
}

/** Home store most of the time, another store in town now and then, elsewhere on a trip. */
function storeFor(random: Random, member: DemoMember, channel: SalesChannel, stores: DemoStore[]): DemoStore {
  const home = member.home
  if (channel === SalesChannel.Mall) return home
  const r = random.next()
  if (channel === SalesChannel.Miniprogram) return r < 0.8 || !home.neighbours.length ? home : random.pick(home.neighbours)
  if (r < 0.75) return home
  if (r < 0.93) return home.neighbours.length ? random.pick(home.neighbours) : home
  return random.pick(stores)
}
