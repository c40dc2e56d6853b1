import { Gender, RegisterChannel } from '#enums/loyalty'
import { HISTORY_DAYS, type Calendar } from '#database/demo/calendar'
import type { DemoGuide, DemoStore } from '#database/demo/context'
import { drawSlot, drawTaste, ONLINE, Persona, PERSONA_LIST, PERSONAS, type Taste } from '#database/demo/personas'
import { CODE_ALPHABET, type Random } from '#database/demo/random'

const DAY = 86_400_000

export type DemoMember = {
  id: number
  memberNo: string
  phone: string
  name: string | null
  gender: Gender
  birthday: string | null
  birthMonth: number | null
  registerChannel: RegisterChannel
  home: DemoStore
  owner: DemoGuide | null
  consent: boolean
  consentAt: number | null
  referralCode: string
  referredBy: DemoMember | null
  enrolAt: number
  persona: Persona
  /** Visits a week while active. */
  weeklyRate: number
  /** Lapsed members stop buying here, 60+ days before today. */
  activeUntil: number
  /** Share of visits ordered ahead in the mini-program. */
  miniShare: number
  taste: Taste
}

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴莫孔向汤']
const FEMALE = ['婷', '静', '敏', '丽', '芳', '娜', '雪', '琳', '晶', '颖', '欣怡', '雨萱', '梓涵', '诗涵', '子涵', '思琪', '佳怡', '雅婷', '晓燕', '丽华', '秀英', '慧敏', '梦瑶', '可欣', '一诺', '若曦', '佳琪', '欣妍', '语桐', '心怡']
const MALE = ['伟', '磊', '洋', '勇', '军', '杰', '涛', '明', '超', '强', '鹏', '浩', '宇轩', '浩然', '子轩', '俊杰', '建华', '晓东', '志强', '文博', '博文', '天佑', '一鸣', '思远', '明轩', '皓轩', '梓睿', '振华', '国强', '家豪']
/** Real mainland mobile prefixes; each member gets a distinct number under one of them. */
const PHONE_PREFIXES = ['139', '138', '137', '136', '135', '134', '159', '158', '157', '150', '151', '152', '188', '187', '186', '183', '182', '177', '176', '199', '189', '181', '180', '133', '153', '173']

/**
 * ~N members enrolled over the year since the programme launched (a wave at launch, then
 * growing), each with a persona, home store, owning guide, taste, consent and birthday. Ids
 * follow enrolment order, as the engine would have given them.
 */
export function generateMembers(random: Random, calendar: Calendar, stores: DemoStore[], count: number, firstId: number) {
  const members: DemoMember[] = []
  const numbers = new Set<string>()
  const codes = new Set<string>()
  const storeWeights = stores.map((s) => s.weight)

  for (let i = 0; i < count; i++) {
    const persona = PERSONA_LIST[random.weighted(PERSONA_LIST.map((p) => PERSONAS[p].share))]
    const spec = PERSONAS[persona]
    const neverBuys = persona !== Persona.Office && random.chance(0.05)
    const home = stores[random.weighted(storeWeights)]
    const registerChannel = neverBuys
      ? random.chance(0.6) ? RegisterChannel.Miniprogram : RegisterChannel.Wecom
      : persona === Persona.Office
        ? RegisterChannel.Miniprogram
        : [RegisterChannel.Pos, RegisterChannel.Miniprogram, RegisterChannel.Mall, RegisterChannel.Wecom][random.weighted([0.62, 0.24, 0.06, 0.08])]

    // A launch wave in the first six weeks, then enrolments grow towards today.
    const day = calendar.days[random.chance(0.25) ? random.int(0, 44) : Math.floor(random.triangular(0, 300, HISTORY_DAYS - 0.01))]
    // In a store members enrol on a visit of their usual kind; online, whenever they browse.
    const inStore = registerChannel === RegisterChannel.Pos || registerChannel === RegisterChannel.Wecom
    const slots = inStore ? (day.weekend ? spec.weekend : spec.weekday) : ONLINE
    const enrolAt = calendar.timeIn(day, drawSlot(random, slots), random)

    const lapses = enrolAt < calendar.end - 100 * DAY && random.chance(0.18)
    const activeUntil = lapses ? random.int(enrolAt + 7 * DAY, calendar.end - 62 * DAY) : calendar.end

    const named = random.chance(0.94)
    const gender = !named ? Gender.Unknown : [Gender.Female, Gender.Male, Gender.Unknown][random.weighted([0.58, 0.38, 0.04])]
    const given = gender === Gender.Male || (gender === Gender.Unknown && random.chance(0.5)) ? MALE : FEMALE
    const birthday = random.chance(0.85) ? drawBirthday(random) : null

    const owned = registerChannel === RegisterChannel.Wecom || random.chance(0.85)
    const consent = random.chance(0.6)
    let memberNo: string
    do memberNo = `M${random.int(10 ** 9, 10 ** 10 - 1)}`
    while (numbers.has(memberNo))
    numbers.add(memberNo)
    let referralCode: string
    do referralCode = random.code(CODE_ALPHABET, 8)
    while (codes.has(referralCode))
    codes.add(referralCode)

    members.push({
      id: 0,
      memberNo,
      phone: phoneNumber(i),
      name: named ? random.pick(SURNAMES) + random.pick(given) : null,
      gender,
      birthday,
      birthMonth: birthday ? Number(birthday.slice(5, 7)) : null,
      registerChannel,
      home,
      owner: owned && home.guides.length ? home.guides[random.weighted(home.guides.map((_, n) => 1 / (n + 1)))] : null,
      consent,
      consentAt: consent ? (random.chance(0.8) ? enrolAt : Math.min(calendar.end - 60_000, enrolAt + random.int(1, 60) * DAY)) : null,
      referralCode,
      referredBy: null,
      enrolAt,
      persona,
      weeklyRate: neverBuys ? 0 : Math.min(10, random.logNormal(spec.weeklyMedian, spec.spread)),
      activeUntil,
      miniShare: miniShare(random, registerChannel, persona),
      taste: drawTaste(random),
    })
  }

  members.sort((a, b) => a.enrolAt - b.enrolAt)
  members.forEach((member, index) => (member.id = firstId + index))
  assignReferrals(random, members, calendar)
  return members
}

/** A few members came through a friend's referral code: an earlier member of the same store. */
function assignReferrals(random: Random, members: DemoMember[], calendar: Calendar) {
  const byStore = new Map<DemoStore, DemoMember[]>()
  for (const member of members) {
    const earlier = byStore.get(member.home) ?? []
    if (earlier.length > 20 && member.enrolAt > calendar.days[20].start && random.chance(0.025)) {
      member.referredBy = random.pick(earlier)
    }
    earlier.push(member)
    byStore.set(member.home, earlier)
  }
}

function miniShare(random: Random, channel: RegisterChannel, persona: Persona) {
  if (persona === Persona.Office) return 0.85
  if (channel === RegisterChannel.Miniprogram) return 0.3 + random.next() * 0.4
  if (channel === RegisterChannel.Mall) return 0.2 + random.next() * 0.2
  if (channel === RegisterChannel.Wecom) return 0.15 + random.next() * 0.25
  return random.chance(0.3) ? 0 : random.next() * 0.2
}

/**
 * Distinct numbers without a lookup table: index → prefix and a permutation of 8 digits
 * (48271 is prime to 10^8, so k ↦ 48271k + c mod 10^8 never repeats).
 */
function phoneNumber(index: number) {
  const prefix = PHONE_PREFIXES[index % PHONE_PREFIXES.length]
  const k = Math.floor(index / PHONE_PREFIXES.length)
  return prefix + String((k * 48271 + 20_260_101) % 100_000_000).padStart(8, '0')
}

function drawBirthday(random: Random) {
  const year = Math.round(random.triangular(1966, 1993, 2007))
  const month = random.int(1, 12)
  const day = random.int(1, new Date(Date.UTC(year, month, 0)).getUTCDate())
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}
