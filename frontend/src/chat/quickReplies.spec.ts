import { describe, expect, it } from 'vitest'
import { QuickReplyScope } from '@/enums/chat'
import { StaffRole } from '@/enums/staff'
import { aQuickReply } from '@/testing/chatFixtures'
import { canManageQuickReply, creatableScopes, fillVariables, filterQuickReplies, groupByCategory } from './quickReplies'

const guide = { id: 7, role: StaffRole.Guide, store_id: 3 }
const manager = { id: 8, role: StaffRole.StoreManager, store_id: 3 }
const hq = { id: 1, role: StaffRole.HqOperator, store_id: null }

describe('quick replies', () => {
  it('fill the variables they know and leave the others as written', () => {
    const text = '{{member.name}}，您是{{ member.tier }}会员。{{guide.name}} {{order.no}}'
    expect(fillVariables(text, { memberName: '李小姐', memberTier: '金卡', guideName: '张导购' })).toBe('李小姐，您是金卡会员。张导购 {{order.no}}')
    expect(fillVariables('{{member.name}} 您好', {})).toBe('{{member.name}} 您好')
  })

  it('may be written and changed by whoever owns their scope', () => {
    expect(creatableScopes(StaffRole.Guide)).toEqual([QuickReplyScope.Personal])
    expect(creatableScopes(StaffRole.StoreManager)).toEqual([QuickReplyScope.Store, QuickReplyScope.Personal])
    expect(creatableScopes(StaffRole.HqOperator)).toEqual([QuickReplyScope.Corp, QuickReplyScope.Personal])

    const corp = aQuickReply({ scope: QuickReplyScope.Corp })
    const store3 = aQuickReply({ scope: QuickReplyScope.Store, store_id: 3 })
    const store4 = aQuickReply({ scope: QuickReplyScope.Store, store_id: 4 })
    const mine = aQuickReply({ scope: QuickReplyScope.Personal, staff_id: 7 })
    expect([corp, store3, store4, mine].map((r) => canManageQuickReply(r, guide))).toEqual([false, false, false, true])
    expect([corp, store3, store4, mine].map((r) => canManageQuickReply(r, manager))).toEqual([false, true, false, false])
    expect([corp, store3, store4, mine].map((r) => canManageQuickReply(r, hq))).toEqual([true, true, true, false])
  })

  it('are grouped by category in the order the list gives (most used first), and found by what follows the /', () => {
    const replies = [
      aQuickReply({ id: 1, category: '问候', title: '欢迎' }),
      aQuickReply({ id: 2, category: '售后', title: '退货', content: '退货请带小票' }),
      aQuickReply({ id: 3, category: '问候', title: '生日', content: '生日快乐' }),
      aQuickReply({ id: 4, category: null, title: '其他', content: '稍等' }),
    ]
    expect(groupByCategory(replies, '未分类').map((g) => [g.category, g.replies.map((r) => r.id)])).toEqual([
      ['问候', [1, 3]],
      ['售后', [2]],
      ['未分类', [4]],
    ])
    expect(filterQuickReplies(replies, '小票').map((r) => r.id)).toEqual([2])
    expect(filterQuickReplies(replies, ' ').map((r) => r.id)).toEqual([1, 2, 3, 4])
  })
})
