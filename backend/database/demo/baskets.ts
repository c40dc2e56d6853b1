import { SalesChannel } from '#enums/loyalty'
import { toCents, type Cents } from '#services/money'
import { products } from '#database/demo/brand'
import { Slot } from '#database/demo/calendar'
import { MENU, Persona, type Taste } from '#database/demo/personas'
import type { Random } from '#database/demo/random'

export type BasketLine = { sku: string; name: string; category: string; unitCents: Cents; qty: number }

const CATALOG = new Map(products.map((p) => [p.sku, p]))

/** The seasonal novelty (桂花拿铁) is only on the menu for the last ten weeks. */
export const NEW_ITEM = 'OSMANTHUS-LATTE'
export const NEW_ITEM_DAYS = 70

/**
 * What a customer buys on one visit: their drink (mostly their favourite), a pastry in the
 * morning, a set at lunch, cake with friends on a weekend afternoon, beans and tumblers online.
 */
export class Basket {
  readonly lines: BasketLine[] = []

  add(sku: string, qty = 1) {
    const line = this.lines.find((l) => l.sku === sku)
    if (line) {
      line.qty += qty
      return
    }
    const product = CATALOG.get(sku)!
    this.lines.push({ sku, name: product.name, category: product.category, unitCents: toCents(product.price), qty })
  }

  get totalCents() {
    return this.lines.reduce((sum, l) => sum + l.unitCents * l.qty, 0)
  }
}

export type Occasion = {
  persona: Persona | null
  slot: Slot
  channel: SalesChannel
  weekend: boolean
  taste: Taste
  newItemOnMenu: boolean
}

export function fillBasket(random: Random, visit: Occasion): Basket {
  const basket = new Basket()
  const drink = () => basket.add(pickDrink(random, visit))
  if (visit.channel === SalesChannel.Mall) {
    if (random.chance(0.8)) basket.add('BEANS-250', random.int(1, 3))
    if (!basket.lines.length || random.chance(0.25)) basket.add('TUMBLER')
    return basket
  }
  if (visit.persona === Persona.Office) {
    let cups = random.int(6, 25)
    while (cups > 0) {
      const n = Math.min(cups, random.int(2, 10))
      basket.add(random.chance(0.5) ? visit.taste.coffee : random.pick(MENU.coffees), n)
      cups -= n
    }
    if (random.chance(0.25)) basket.add(visit.taste.bakery, random.int(4, 10))
    return basket
  }

  switch (visit.slot) {
    case Slot.Morning:
    case Slot.Brunch:
      if (random.chance(0.18)) basket.add('SET-BREAKFAST')
      else {
        drink()
        if (random.chance(0.1)) drink()
        if (random.chance(visit.slot === Slot.Brunch ? 0.5 : 0.35)) basket.add(pastry(random, visit.taste))
      }
      break
    case Slot.Lunch:
      if (random.chance(0.5)) basket.add('SET-LUNCH', random.chance(0.15) ? 2 : 1)
      else {
        basket.add('SANDWICH-HAM')
        if (random.chance(0.7)) drink()
      }
      break
    case Slot.Afternoon: {
      const people = visit.weekend ? random.weighted([0.45, 0.45, 0.1]) + 1 : random.chance(0.2) ? 2 : 1
      for (let i = 0; i < people; i++) drink()
      const cake = visit.persona === Persona.WeekendTreat ? 0.8 : visit.weekend ? 0.6 : 0.4
      if (random.chance(cake)) basket.add(random.chance(0.75) ? visit.taste.dessert : random.pick(MENU.desserts), random.int(1, people))
      if (random.chance(0.25)) basket.add(pastry(random, visit.taste))
      break
    }
    default:
      drink()
      if (random.chance(0.35)) basket.add(pastry(random, visit.taste))
      if (random.chance(0.15)) basket.add(visit.taste.dessert)
  }
  if (visit.persona === Persona.HomeBrewer && random.chance(0.1)) basket.add('BEANS-250')
  return basket
}

function pickDrink(random: Random, visit: Occasion) {
  if (visit.newItemOnMenu && random.chance(visit.taste.triesNew ? 0.3 : 0.03)) return NEW_ITEM
  const tea = visit.persona === Persona.Tea ? 0.8 : 0.07
  if (random.chance(tea)) return random.chance(0.75) ? visit.taste.tea : random.pick(MENU.teas)
  return random.chance(0.6) ? visit.taste.coffee : MENU.coffees[random.weighted(MENU.coffeeWeights)]
}

function pastry(random: Random, taste: Taste) {
  return random.chance(0.7) ? taste.bakery : random.pick(MENU.bakery)
}
