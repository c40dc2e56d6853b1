import type { Scenario } from '#tests/bench/harness'
import { chatDelivery } from '#tests/bench/scenarios/chat'
import { orderIngestion } from '#tests/bench/scenarios/orders'
import { memberLookups } from '#tests/bench/scenarios/search'
import { segmentPreviews } from '#tests/bench/scenarios/segments'

/**
 * Every scenario, in the order they run. A new one (chat, search and portrait, SOP,
 * broadcasts) is a module exporting a Scenario (or a list of them) and a line here;
 * `--only` matches on the name's prefix before the colon, or the whole name.
 */
export const scenarios: Scenario[] = [...segmentPreviews, orderIngestion, chatDelivery, ...memberLookups]
