import type { GroupHistoryEntry, GroupPerson } from '@/api/wecom'
import { GroupChange } from '@/enums/wecom'

/** Names listed in one history line; the rest are counted ("A, B and 3 more"). */
export const HISTORY_NAMES_SHOWN = 5

export type Translate = (key: string, named: Record<string, unknown>) => string

/** The colour of a history entry in the timeline (Element Plus timeline item types). */
export type HistoryTone = 'primary' | 'success' | 'warning' | 'info' | 'danger'

const TONES: Record<GroupChange, HistoryTone> = {
  [GroupChange.Create]: 'primary',
  [GroupChange.AddMember]: 'success',
  [GroupChange.DelMember]: 'warning',
  [GroupChange.ChangeOwner]: 'info',
  [GroupChange.ChangeName]: 'info',
  [GroupChange.ChangeNotice]: 'info',
  [GroupChange.Dismiss]: 'danger',
}

/**
 * A person named in the history, by the name recorded with the change, else the name of a
 * current group member with that id (`names`), else the id itself.
 */
export function personName(person: GroupPerson, names: ReadonlyMap<string, string> = new Map()): string {
  if (typeof person === 'string') return names.get(person) ?? person
  return person.name || names.get(person.userid) || person.userid
}

/** "张三、李四和王五" / "Ann, Bob, and Cy", in the UI language; a long list ends in "and N others". */
export function nameList(people: readonly GroupPerson[], t: Translate, locale: string, names?: ReadonlyMap<string, string>): string {
  const all = people.map((person) => personName(person, names))
  const shown = all.length <= HISTORY_NAMES_SHOWN ? all : [...all.slice(0, HISTORY_NAMES_SHOWN), t('wecom.groups.changes.others', { count: all.length - HISTORY_NAMES_SHOWN })]
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(shown)
}

/** One entry of a group's history in words, with its colour. */
export function describeGroupChange(
  entry: GroupHistoryEntry,
  t: Translate,
  locale: string,
  names?: ReadonlyMap<string, string>
): { text: string; tone: HistoryTone } {
  const detail = entry.detail ?? {}
  const who = (people: readonly GroupPerson[] | undefined) =>
    people?.length ? nameList(people, t, locale, names) : t('wecom.groups.changes.someone', {})
  const key = `wecom.groups.changes.${entry.change}`
  let text: string
  switch (entry.change) {
    case GroupChange.Create:
      text = detail.owner ? t('wecom.groups.changes.createdBy', { owner: personName(detail.owner, names) }) : t(key, {})
      break
    case GroupChange.AddMember:
      text = t(key, { names: who(detail.added) })
      break
    case GroupChange.DelMember:
      text = t(key, { names: who(detail.removed) })
      break
    case GroupChange.ChangeOwner:
      text = t(key, { owner: detail.owner ? personName(detail.owner, names) : '—' })
      break
    case GroupChange.ChangeName:
      text = t(key, { name: detail.name || '—' })
      break
    case GroupChange.ChangeNotice:
    case GroupChange.Dismiss:
      text = t(key, {})
      break
    default:
      // A change this console does not know yet (the server is newer): say what it is called.
      text = String(entry.change)
  }
  return { text, tone: TONES[entry.change] ?? 'info' }
}
