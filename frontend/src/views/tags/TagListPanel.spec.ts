import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { getActivePinia } from 'pinia'
import ElementPlus, { ElMessage, ElMessageBox } from 'element-plus'
import type { InternalAxiosRequestConfig } from 'axios'
import TagListPanel from './TagListPanel.vue'
import type { Tag } from '@/api/tags'
import { i18n } from '@/i18n'
import { errorsBody, fakeServer, type FakeResponse } from '@/testing/fakeHttp'

const aTag = (code: string, members: number): Tag => ({
  id: code.length,
  code,
  name: code.toUpperCase(),
  group: { id: 1, code: 'interest', name: '兴趣' },
  members,
  created_at: '2025-04-01T00:00:00.000Z',
})

const TAGS = [aTag('vip', 3), aTag('tea', 0)]

async function openPanel(onDelete: (config: InternalAxiosRequestConfig) => FakeResponse) {
  const requests = fakeServer((config) => {
    if (config.method === 'delete') return onDelete(config)
    if (config.url === '/tag-groups') return { status: 200, data: { data: [{ id: 1, code: 'interest', name: '兴趣', created_at: '2025-01-01T00:00:00.000Z' }] } }
    return { status: 200, data: { data: TAGS, meta: { total: TAGS.length, page: 1, per_page: 20 } } }
  })
  const wrapper = mount(TagListPanel, { global: { plugins: [getActivePinia()!, i18n, ElementPlus] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, requests }
}

const deletes = (requests: InternalAxiosRequestConfig[]) => requests.filter((r) => r.method === 'delete').map((r) => ({ url: r.url, force: r.params?.force ?? null }))
const deleted = () => ({ status: 200, data: { code: 'x', members_untagged: 0 } })

describe('deleting a tag', () => {
  it('says how many members carry it, and once confirmed forces the delete', async () => {
    const confirm = vi.spyOn(ElMessageBox, 'confirm').mockResolvedValue('confirm' as never)
    const { wrapper, requests } = await openPanel(deleted)
    await wrapper.get('[data-testid="tag-delete-vip"]').trigger('click')
    await flushPromises()

    expect(String(confirm.mock.calls[0]![0])).toContain('有 3 位会员带着标签「VIP」')
    expect(deletes(requests)).toEqual([{ url: '/tags/vip', force: 1 }])
  })

  it('deletes nothing when the person thinks again', async () => {
    vi.spyOn(ElMessageBox, 'confirm').mockRejectedValue('cancel')
    const { wrapper, requests } = await openPanel(deleted)
    await wrapper.get('[data-testid="tag-delete-vip"]').trigger('click')
    await flushPromises()
    expect(deletes(requests)).toEqual([])
  })

  it('asks for force when a tag free a moment ago is now in use, and only then forces', async () => {
    const confirm = vi.spyOn(ElMessageBox, 'confirm').mockResolvedValue('confirm' as never)
    const { wrapper, requests } = await openPanel((config) =>
      config.params?.force
        ? deleted()
        : { status: 409, data: errorsBody({ message: '2 members carry this tag: delete with force=1 to take it from them', code: 'tag_in_use' }) }
    )
    await wrapper.get('[data-testid="tag-delete-tea"]').trigger('click')
    await flushPromises()

    expect(deletes(requests)).toEqual([
      { url: '/tags/tea', force: null },
      { url: '/tags/tea', force: 1 },
    ])
    expect(confirm).toHaveBeenCalledTimes(2)
    expect(String(confirm.mock.calls[1]![0])).toContain('2 members carry this tag')
  })

  it('explains a tag an auto-tag rule gives, without forcing', async () => {
    vi.spyOn(ElMessageBox, 'confirm').mockResolvedValue('confirm' as never)
    const error = vi.spyOn(ElMessage, 'error')
    const { wrapper, requests } = await openPanel(() => ({
      status: 409,
      data: errorsBody({ message: 'Auto-tag rule "Tea lovers" (4) gives this tag: delete the rule first', code: 'tag_used_by_rule' }),
    }))
    await wrapper.get('[data-testid="tag-delete-tea"]').trigger('click')
    await flushPromises()

    expect(deletes(requests)).toEqual([{ url: '/tags/tea', force: null }])
    expect(error).toHaveBeenCalledWith('Auto-tag rule "Tea lovers" (4) gives this tag: delete the rule first')
  })
})
