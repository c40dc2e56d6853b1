/*
 * A day at the stores, for the demo: customers add guides (some through existing channel codes,
 * some being members already known by unionid or phone), write to them, join and leave customer
 * groups, now and then delete a guide. One action per tick, chosen by a seeded random generator,
 * so the same seed plays the same day against the same starting state.
 */
import type { Simulator } from './index.js'
import type { Follow } from './state.js'
import { generatedName } from './state.js'

export interface ScenarioMember {
  unionid?: string
  phone?: string
  name: string
}

export interface ScenarioOptions {
  /** The staff userids who act as guides (added to the simulator when missing). */
  staff: string[]
  /** Milliseconds between actions. Default 3000. */
  tickMs?: number
  /** Default 1. */
  seed?: number
  /** Known members to draw new contacts from (matched by unionid or phone). */
  members?: ScenarioMember[]
  /** Called with what happened, for a log line. */
  onAction?: (description: string) => void
  /** An action that failed (e.g. the callback receiver is down): reported, and the day goes on. */
  onError?: (error: unknown) => void
}

const CUSTOMER_LINES = [
  '你好，请问这款还有货吗？',
  '周末门店几点关门？',
  '我的积分可以抵现吗？',
  '上次买的尺码偏小，可以换吗？',
  '新品什么时候到？',
  '优惠券怎么用？',
  '谢谢，收到了！',
  '可以帮我留一件 M 码吗？',
]

const STAFF_LINES = [
  '您好，有的，需要帮您留一件吗？',
  '周末营业到晚上十点～',
  '积分可以抵现，结账时告诉我就好',
  '可以换的，带上小票来店里就行',
  '新品下周二到店，到了第一时间通知您',
  '好的，已经帮您留好了',
]

const GROUP_NAMES = ['会员福利群', '新品抢先看', '门店活动群', '穿搭交流群', '老顾客回馈群']

type Action = () => Promise<string | null>

/** Starts the day; the function returned stops it (and waits for the action in progress). */
export function runScenario(sim: Simulator, options: ScenarioOptions): () => Promise<void> {
  if (options.staff.length === 0) throw new Error('runScenario needs at least one staff userid')
  const random = mulberry32(options.seed ?? 1)
  const tickMs = options.tickMs ?? 3000
  const members = [...(options.members ?? [])]
  let nextPerson = 1000
  let stopped = false
  let timer: NodeJS.Timeout | null = null
  let running: Promise<void> = Promise.resolve()

  for (const userid of options.staff) {
    if (!sim.state.staff.some((member) => member.userid === userid)) sim.addStaff({ userid, name: userid })
  }

  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]
  const chance = (p: number): boolean => random() < p
  const guides = options.staff
  const follows = (): Follow[] => sim.state.follows.filter((follow) => guides.includes(follow.userid))
  const liveGroups = () => sim.state.groups.filter((group) => !group.dismissed)

  const customerAdds: Action = async () => {
    let userid = pick(guides)
    let state: string | undefined
    const ways = sim.state.contactWays.filter((way) => way.state && way.user.some((user) => guides.includes(user)))
    if (ways.length > 0 && chance(0.6)) {
      const way = pick(ways)
      state = way.state
      userid = pick(way.user.filter((user) => guides.includes(user)))
    }
    const member = members.length > 0 && chance(0.4) ? members.splice(Math.floor(random() * members.length), 1)[0] : null
    const name = member?.name ?? generatedName(nextPerson++)
    const { external_userid: externalUserid } = await sim.customerAdds({
      userid,
      name,
      gender: pick([0, 1, 2] as const),
      ...(member?.unionid ? { unionid: member.unionid } : {}),
      ...(member?.phone ? { remark_mobiles: [member.phone] } : {}),
      ...(state ? { state } : {}),
    })
    return `${name} (${externalUserid}) added ${userid}${state ? ` through ${state}` : ''}`
  }

  const customerWrites: Action = async () => {
    const all = follows()
    if (all.length === 0) return null
    const follow = pick(all)
    sim.customerWrites(follow.external_userid, follow.userid, pick(CUSTOMER_LINES))
    return `${follow.external_userid} wrote to ${follow.userid}`
  }

  const staffWrites: Action = async () => {
    const all = follows()
    if (all.length === 0) return null
    const follow = pick(all)
    sim.staffWrites(follow.userid, follow.external_userid, pick(STAFF_LINES))
    return `${follow.userid} wrote to ${follow.external_userid}`
  }

  const createGroup: Action = async () => {
    if (liveGroups().length >= guides.length * 2) return null
    const owner = pick(guides)
    const customers = follows().filter((follow) => follow.userid === owner)
    if (customers.length < 2) return null
    const invited = new Set<string>()
    const size = 2 + Math.floor(random() * 4)
    for (let i = 0; i < size; i++) invited.add(pick(customers).external_userid)
    const name = pick(GROUP_NAMES)
    const { chat_id: chatId } = await sim.createGroup({
      owner,
      name,
      members: [...invited].map((externalUserid) => ({ external_userid: externalUserid })),
    })
    return `${owner} created ${name} (${chatId})`
  }

  const joinGroup: Action = async () => {
    const groups = liveGroups()
    if (groups.length === 0) return null
    const group = pick(groups)
    const inside = new Set(group.member_list.map((member) => member.userid))
    const candidates = follows().filter((follow) => !inside.has(follow.external_userid))
    const member =
      candidates.length > 0 && chance(0.7)
        ? { external_userid: pick(candidates).external_userid }
        : { name: generatedName(nextPerson++) }
    const { userids } = await sim.joinGroup(group.chat_id, [member], pick([1, 2, 3]))
    return `${userids.join(', ')} joined ${group.name}`
  }

  const leaveGroup: Action = async () => {
    const groups = liveGroups().filter((group) => group.member_list.filter((member) => member.type === 2).length > 2)
    if (groups.length === 0) return null
    const group = pick(groups)
    const member = pick(group.member_list.filter((candidate) => candidate.type === 2))
    await sim.leaveGroup(group.chat_id, [member.userid], chance(0.8) ? 0 : 1)
    return `${member.userid} left ${group.name}`
  }

  const groupMessage: Action = async () => {
    const groups = liveGroups()
    if (groups.length === 0) return null
    const group = pick(groups)
    const member = pick(group.member_list)
    sim.groupMessage(group.chat_id, member.userid, pick(member.type === 1 ? STAFF_LINES : CUSTOMER_LINES))
    return `${member.userid} wrote in ${group.name}`
  }

  const editContact: Action = async () => {
    const all = follows()
    if (all.length === 0) return null
    const follow = pick(all)
    const name = sim.state.contact(follow.external_userid)?.name ?? ''
    await sim.staffEditsContact(follow.userid, follow.external_userid, { remark: `${name}${pick(['(老客)', '(VIP)', '(新客)'])}` })
    return `${follow.userid} edited ${follow.external_userid}`
  }

  const customerDeletes: Action = async () => {
    const all = follows()
    if (all.length < 5) return null
    const follow = pick(all)
    await sim.customerDeletes(follow.userid, follow.external_userid)
    return `${follow.external_userid} deleted ${follow.userid}`
  }

  const staffDeletes: Action = async () => {
    const all = follows()
    if (all.length < 5) return null
    const follow = pick(all)
    await sim.staffDeletes(follow.userid, follow.external_userid)
    return `${follow.userid} deleted ${follow.external_userid}`
  }

  const weighted: [number, Action][] = [
    [30, customerAdds],
    [22, customerWrites],
    [10, staffWrites],
    [4, createGroup],
    [10, joinGroup],
    [5, leaveGroup],
    [8, groupMessage],
    [5, editContact],
    [4, customerDeletes],
    [2, staffDeletes],
  ]
  const total = weighted.reduce((sum, [weight]) => sum + weight, 0)

  const chooseAction = (): Action => {
    let roll = random() * total
    for (const [weight, action] of weighted) {
      roll -= weight
      if (roll < 0) return action
    }
    return customerAdds
  }

  const tick = async (): Promise<void> => {
    try {
      const description = (await chooseAction()()) ?? (await customerAdds())
      if (description) options.onAction?.(description)
    } catch (error) {
      options.onError?.(error)
    }
  }

  const schedule = (): void => {
    if (stopped) return
    timer = setTimeout(() => {
      running = tick().then(schedule)
    }, tickMs)
  }
  schedule()

  return async () => {
    stopped = true
    if (timer) clearTimeout(timer)
    await running
  }
}

/** A small seeded PRNG (mulberry32): enough for a repeatable demo, not for anything secret. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
