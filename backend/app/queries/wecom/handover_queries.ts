import Staff from '#models/staff'
import WecomContact from '#models/wecom_contact'
import WecomGroup from '#models/wecom_group'
import WecomHandover from '#models/wecom_handover'
import WecomHandoverItem from '#models/wecom_handover_item'
import { HandoverItemStatus } from '#enums/wecom'
import { DataScope } from '#policies/data_scope'
import type { Page } from '#queries/paginate'

export type HandoverFilters = { status?: 'running' | 'done'; page?: number; per_page?: number }

/** HQ sees every handover; a store manager those of their store's staff. */
export function visibleHandovers(viewer: Staff) {
  return DataScope.of(viewer).ownedByStaff(WecomHandover.query(), 'handover_staff_id')
}

export async function handoverPage(viewer: Staff, filters: HandoverFilters): Promise<Page<PresentedHandover>> {
  const page = filters.page ?? 1
  const perPage = filters.per_page ?? 20
  const query = visibleHandovers(viewer).orderBy('id', 'desc')
  if (filters.status) query.where('status', filters.status)
  const result = await query.paginate(page, perPage)
  return { data: await presentHandovers(result.all()), meta: { total: result.total, page, per_page: perPage } }
}

export async function findVisibleHandover(viewer: Staff, id: number) {
  return visibleHandovers(viewer).where('id', id).first()
}

/** pending counts as waiting (WeCom has not answered yet); limit as failed. */
const COUNTED: Record<HandoverItemStatus, 'waiting' | 'done' | 'refused' | 'failed'> = {
  [HandoverItemStatus.Pending]: 'waiting',
  [HandoverItemStatus.Waiting]: 'waiting',
  [HandoverItemStatus.Done]: 'done',
  [HandoverItemStatus.Refused]: 'refused',
  [HandoverItemStatus.Limit]: 'failed',
  [HandoverItemStatus.Failed]: 'failed',
}

export type PresentedHandover = Awaited<ReturnType<typeof presentHandovers>>[number]

/**
 * Handovers with both staff and their counts; with `items`, every customer and group with its
 * status and WeCom's errcode (a group's name in `contact_name`).
 */
export async function presentHandovers(handovers: WecomHandover[], options: { items?: boolean } = {}) {
  const ids = handovers.map((handover) => handover.id)
  const staffIds = handovers.flatMap((handover) => [handover.handoverStaffId, handover.takeoverStaffId])
  const [staff, counted, items] = await Promise.all([
    Staff.query().whereIn('id', staffIds.length ? staffIds : [0]),
    WecomHandoverItem.query()
      .whereIn('handoverId', ids.length ? ids : [0])
      .groupBy('handover_id', 'status')
      .select('handover_id', 'status')
      .count('* as total'),
    options.items ? WecomHandoverItem.query().whereIn('handoverId', ids.length ? ids : [0]).orderBy('id') : Promise.resolve([]),
  ])
  const staffById = new Map(staff.map((row) => [row.id, row]))
  const names = await itemNames(items)
  const person = (id: number) => {
    const row = staffById.get(id)
    return row ? { id: row.id, name: row.name } : null
  }

  return handovers.map((handover) => {
    const counts = { waiting: 0, done: 0, refused: 0, failed: 0 }
    for (const row of counted.filter((candidate) => candidate.handoverId === handover.id)) {
      counts[COUNTED[row.status]] += Number(row.$extras.total)
    }
    return {
      id: handover.id,
      kind: handover.kind,
      handover_staff: person(handover.handoverStaffId),
      takeover_staff: person(handover.takeoverStaffId),
      include_groups: handover.includeGroups,
      status: handover.status,
      counts,
      ...(options.items
        ? {
            items: items
              .filter((item) => item.handoverId === handover.id)
              .map((item) => ({
                id: item.id,
                kind: item.kind,
                external_userid: item.kind === 'contact' ? item.target : null,
                chat_id: item.kind === 'group' ? item.target : null,
                contact_name: names.get(`${item.kind}:${item.target}`) ?? null,
                status: item.status,
                errcode: item.errcode,
                updated_at: item.updatedAt.toISO(),
              })),
          }
        : {}),
      created_at: handover.createdAt.toISO(),
      finished_at: handover.finishedAt?.toISO() ?? null,
    }
  })
}

async function itemNames(items: WecomHandoverItem[]) {
  const names = new Map<string, string>()
  const contactIds = items.filter((item) => item.kind === 'contact').map((item) => item.target)
  const chatIds = items.filter((item) => item.kind === 'group').map((item) => item.target)
  for (let i = 0; i < contactIds.length; i += 1000) {
    const contacts = await WecomContact.query().whereIn('externalUserid', contactIds.slice(i, i + 1000)).select('externalUserid', 'name')
    for (const contact of contacts) names.set(`contact:${contact.externalUserid}`, contact.name)
  }
  for (let i = 0; i < chatIds.length; i += 1000) {
    const groups = await WecomGroup.query().whereIn('chatId', chatIds.slice(i, i + 1000)).select('chatId', 'name')
    for (const group of groups) names.set(`group:${group.chatId}`, group.name)
  }
  return names
}
