import type { ChannelCode, SyncRun, WecomContact } from '@/api/wecom'
import { ContactStatus, FollowStatus, SyncKind, SyncPhase, SyncStatus } from '@/enums/wecom'

/** A customer on WeChat followed by one guide, as GET /wecom/contacts sends them. */
export function aContact(overrides: Partial<WecomContact> = {}): WecomContact {
  return {
    id: 31,
    external_userid: 'wmEXT0031',
    name: '李小姐',
    avatar: null,
    type: 1,
    gender: 2,
    unionid: 'oUNION31',
    corp_name: null,
    status: ContactStatus.Active,
    member: null,
    follows: [
      {
        id: 311,
        staff: { id: 7, name: '张导购' },
        wecom_userid: 'zhangsan',
        remark: '爱喝拿铁',
        description: null,
        add_way: 1,
        state: 'cc_poster',
        channel_code: { id: 4, name: '国贸店海报' },
        status: FollowStatus.Active,
        added_at: '2025-04-01T02:00:00.000Z',
        deleted_at: null,
      },
    ],
    tags: [{ id: 1, name: '咖啡', group: { id: 1, name: '兴趣' } }],
    created_at: '2025-04-01T02:00:00.000Z',
    ...overrides,
  }
}

export function aSyncRun(overrides: Partial<SyncRun> = {}): SyncRun {
  return {
    id: 7,
    kind: SyncKind.Full,
    status: SyncStatus.Queued,
    phase: null,
    progress: { done: 0, total: 0 },
    summary: null,
    error: null,
    started_at: null,
    finished_at: null,
    ...overrides,
  }
}

export const runningSync = (done: number, total: number, phase = SyncPhase.Contacts) =>
  aSyncRun({ status: SyncStatus.Running, phase, progress: { done, total }, started_at: '2025-05-01T02:00:00.000Z' })

export const finishedSync = () =>
  aSyncRun({
    status: SyncStatus.Done,
    phase: SyncPhase.Tags,
    progress: { done: 100, total: 100 },
    summary: {
      contacts: { created: 90, updated: 8, unchanged: 2, removed: 0 },
      groups: { created: 3, updated: 0, unchanged: 0, removed: 1 },
      tags: { created: 5, updated: 0, unchanged: 0, removed: 0 },
    },
    started_at: '2025-05-01T02:00:00.000Z',
    finished_at: '2025-05-01T02:03:00.000Z',
  })

export function aChannelCode(overrides: Partial<ChannelCode> = {}): ChannelCode {
  return {
    id: 4,
    name: '国贸店海报',
    state: 'cc_poster',
    config_id: 'cfg-4',
    qr_code: 'https://wework.example/qr/cfg-4.png',
    skip_verify: true,
    staff: [{ id: 7, name: '张导购' }],
    welcome_text: '你好，我是国贸店的导购',
    welcome_attachments: [],
    stats: { added: 12, lost: 1, bound: 9, welcomed: 11 },
    created_at: '2025-03-01T00:00:00.000Z',
    ...overrides,
  }
}
