import { describe, expect, it } from 'vitest'
import type { GroupHistoryEntry } from '@/api/wecom'
import { GroupChange } from '@/enums/wecom'
import { i18n } from '@/i18n'
import { AppLocale } from '@/enums/locale'
import { describeGroupChange } from './groupHistory'

const t = i18n.global.t
const entry = (change: GroupChange, detail: GroupHistoryEntry['detail']): GroupHistoryEntry => ({ id: 1, change, detail, at: '2025-05-01T02:00:00.000Z' })
const zh = (e: GroupHistoryEntry, names?: Map<string, string>) => describeGroupChange(e, t, 'zh-CN', names)

describe('a group’s history in words', () => {
  it('names who created the group, and who joined, as a Chinese list', () => {
    expect(zh(entry(GroupChange.Create, { owner: { userid: 'zhangsan', name: '张导购' } }))).toEqual({ text: '张导购创建了群聊', tone: 'primary' })
    expect(zh(entry(GroupChange.Create, null)).text).toBe('创建了群聊')
    const joined = entry(GroupChange.AddMember, { added: [{ userid: 'wm1', name: '李小姐' }, { userid: 'wm2', name: '王先生' }, { userid: 'wm3', name: '赵女士' }] })
    expect(zh(joined)).toEqual({ text: '李小姐、王先生和赵女士加入了群聊', tone: 'success' })
  })

  it('names people recorded by id alone from the group’s members, else shows the id', () => {
    const names = new Map([['wm1', '李小姐']])
    expect(zh(entry(GroupChange.DelMember, { removed: ['wm1', 'wm9'] }), names)).toEqual({ text: '李小姐和wm9离开了群聊', tone: 'warning' })
    expect(zh(entry(GroupChange.ChangeOwner, { owner: 'wm1' }), names).text).toBe('群主变更为李小姐')
  })

  it('counts the rest of a long list of joiners instead of naming them all', () => {
    const added = Array.from({ length: 8 }, (_, i) => ({ userid: `wm${i}`, name: `客户${i}` }))
    expect(zh(entry(GroupChange.AddMember, { added })).text).toBe('客户0、客户1、客户2、客户3、客户4和另外 3 人加入了群聊')
  })

  it('describes renames, notices and dismissal', () => {
    expect(zh(entry(GroupChange.ChangeName, { name: '国贸店 VIP 群' }))).toEqual({ text: '群名改为「国贸店 VIP 群」', tone: 'info' })
    expect(zh(entry(GroupChange.ChangeNotice, { notice: '周末咖啡买一送一' })).text).toBe('更新了群公告')
    expect(zh(entry(GroupChange.Dismiss, null))).toEqual({ text: '群聊已解散', tone: 'danger' })
  })

  it('still says something when the server recorded a join without names', () => {
    expect(zh(entry(GroupChange.AddMember, {})).text).toBe('有成员加入了群聊')
  })

  it('speaks English lists in English', () => {
    i18n.global.locale.value = AppLocale.En
    const joined = entry(GroupChange.AddMember, { added: [{ userid: 'a', name: 'Ann' }, { userid: 'b', name: 'Bob' }, { userid: 'c', name: 'Cy' }] })
    expect(describeGroupChange(joined, t, 'en').text).toBe('Ann, Bob, and Cy joined')
  })
})
