import { Slot } from '#database/demo/calendar'
import type { Random } from '#database/demo/random'

/**
 * Kinds of customers of a coffee-and-bakery chain. Each has its own rhythm (weekday mornings,
 * lunch, weekend afternoons), so the demo segments (weekend-morning coffee buyers, set-meal
 * buyers...) find real people.
 */
export enum Persona {
  Commuter = 'commuter',
  Lunch = 'lunch',
  WeekendTreat = 'weekend_treat',
  Tea = 'tea',
  HomeBrewer = 'home_brewer',
  Occasional = 'occasional',
  /** Orders a tray of coffees for the office: the few diamond members. */
  Office = 'office',
}

type SlotWeights = Partial<Record<Slot, number>>

export type PersonaSpec = {
  share: number
  /** Median visits a week; each member draws their own rate around it. */
  weeklyMedian: number
  spread: number
  /** How likely a weekend day is picked compared with a weekday. */
  weekendWeight: number
  weekday: SlotWeights
  weekend: SlotWeights
  /** Share of their purchases made in the online mall (beans, tumblers). */
  mallShare: number
}

export const PERSONAS: Record<Persona, PersonaSpec> = {
  [Persona.Commuter]: {
    share: 0.3,
    weeklyMedian: 0.42,
    spread: 0.85,
    weekendWeight: 0.3,
    weekday: { [Slot.Morning]: 0.8, [Slot.Lunch]: 0.08, [Slot.Afternoon]: 0.12 },
    weekend: { [Slot.Brunch]: 0.5, [Slot.Afternoon]: 0.4, [Slot.Evening]: 0.1 },
    mallShare: 0.02,
  },
  [Persona.Lunch]: {
    share: 0.15,
    weeklyMedian: 0.35,
    spread: 0.8,
    weekendWeight: 0.25,
    weekday: { [Slot.Lunch]: 0.75, [Slot.Morning]: 0.1, [Slot.Afternoon]: 0.15 },
    weekend: { [Slot.Lunch]: 0.4, [Slot.Afternoon]: 0.6 },
    mallShare: 0.02,
  },
  [Persona.WeekendTreat]: {
    share: 0.2,
    weeklyMedian: 0.25,
    spread: 0.8,
    weekendWeight: 3,
    weekday: { [Slot.Afternoon]: 0.4, [Slot.Evening]: 0.45, [Slot.Lunch]: 0.15 },
    weekend: { [Slot.Afternoon]: 0.75, [Slot.Brunch]: 0.25 },
    mallShare: 0.02,
  },
  [Persona.Tea]: {
    share: 0.08,
    weeklyMedian: 0.25,
    spread: 0.8,
    weekendWeight: 1.2,
    weekday: { [Slot.Afternoon]: 0.6, [Slot.Lunch]: 0.2, [Slot.Evening]: 0.2 },
    weekend: { [Slot.Afternoon]: 0.7, [Slot.Brunch]: 0.3 },
    mallShare: 0.02,
  },
  [Persona.HomeBrewer]: {
    share: 0.07,
    weeklyMedian: 0.12,
    spread: 0.7,
    weekendWeight: 1,
    weekday: { [Slot.Morning]: 0.3, [Slot.Afternoon]: 0.4, [Slot.Evening]: 0.3 },
    weekend: { [Slot.Brunch]: 0.5, [Slot.Afternoon]: 0.5 },
    mallShare: 0.45,
  },
  [Persona.Occasional]: {
    share: 0.1975,
    weeklyMedian: 0.07,
    spread: 0.8,
    weekendWeight: 1.3,
    weekday: { [Slot.Morning]: 0.25, [Slot.Lunch]: 0.25, [Slot.Afternoon]: 0.3, [Slot.Evening]: 0.2 },
    weekend: { [Slot.Brunch]: 0.3, [Slot.Afternoon]: 0.5, [Slot.Evening]: 0.2 },
    mallShare: 0.03,
  },
  [Persona.Office]: {
    share: 0.0025,
    weeklyMedian: 2.2,
    spread: 0.25,
    weekendWeight: 0.02,
    weekday: { [Slot.Morning]: 0.55, [Slot.Afternoon]: 0.45 },
    weekend: { [Slot.Afternoon]: 1 },
    mallShare: 0,
  },
}

export const PERSONA_LIST = Object.values(Persona)

/** Walk-in customers who are not members follow the shape of the shop's day. */
export const WALK_IN: Pick<PersonaSpec, 'weekday' | 'weekend'> = {
  weekday: { [Slot.Morning]: 0.4, [Slot.Lunch]: 0.3, [Slot.Afternoon]: 0.2, [Slot.Evening]: 0.1 },
  weekend: { [Slot.Brunch]: 0.3, [Slot.Afternoon]: 0.5, [Slot.Evening]: 0.2 },
}

/** Online, people order at lunch, after work and late in the evening. */
export const ONLINE: SlotWeights = { [Slot.Lunch]: 0.2, [Slot.Evening]: 0.3, [Slot.Night]: 0.5 }

export function drawSlot(random: Random, weights: SlotWeights): Slot {
  const slots = Object.keys(weights) as Slot[]
  return slots[random.weighted(slots.map((s) => weights[s]!))]
}

/**
 * A member's favourites: most of their coffees are one SKU, so "favourite product" means
 * something in the portrait and in win-back messages.
 */
export type Taste = { coffee: string; tea: string; bakery: string; dessert: string; triesNew: boolean }

const COFFEES = ['AMERICANO-M', 'LATTE-M', 'CAPPUCCINO-M', 'FLATWHITE-M', 'MOCHA-M', 'COLDBREW-M']
const COFFEE_WEIGHTS = [0.25, 0.3, 0.15, 0.12, 0.08, 0.1]
const TEAS = ['MATCHA-LATTE', 'BLACK-TEA']
const BAKERY = ['CROISSANT', 'PAIN-CHOC', 'BAGEL']
const BAKERY_WEIGHTS = [0.45, 0.3, 0.25]
const DESSERTS = ['CHEESECAKE', 'TIRAMISU']

export function drawTaste(random: Random): Taste {
  return {
    coffee: COFFEES[random.weighted(COFFEE_WEIGHTS)],
    tea: random.pick(TEAS),
    bakery: BAKERY[random.weighted(BAKERY_WEIGHTS)],
    dessert: random.chance(0.55) ? DESSERTS[0] : DESSERTS[1],
    triesNew: random.chance(0.35),
  }
}

export const MENU = { coffees: COFFEES, coffeeWeights: COFFEE_WEIGHTS, teas: TEAS, bakery: BAKERY, desserts: DESSERTS }
