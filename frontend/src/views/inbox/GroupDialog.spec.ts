import { afterEach, describe, expect, it } from 'vitest'
import { DOMWrapper, flushPromises, mount } from '@vue/test-utils'
import { getActivePinia } from 'pinia'
import ElementPlus from 'element-plus'
import GroupDialog from './GroupDialog.vue'
import MemberSelect from '@/components/MemberSelect.vue'
import StoreSelect from '@/components/StoreSelect.vue'
import { i18n } from '@/i18n'
import { ConversationKind } from '@/enums/chat'
import { fakeServer, errorsBody } from '@/testing/fakeHttp'
import { aMember } from '@/testing/loyaltyFixtures'
import { aConversation } from '@/testing/chatFixtures'

const body = () => new DOMWrapper(document.body)
/** Element Plus puts the test id on the input itself. */
const titleInput = () => body().get('input[data-testid="group-title"]')
const group = (id: number, title: string) => ({ ...aConversation({ id, kind: ConversationKind.Group, member: null, title }), participants: [] })

let mounted: { unmount(): void } | null = null
afterEach(() => {
  mounted?.unmount()
  mounted = null
})

function mountDialog(props: Record<string, unknown> = {}) {
  return (mounted = mount(GroupDialog, {
    props: { modelValue: true, ...props },
    global: { plugins: [getActivePinia()!, i18n, ElementPlus] },
    attachTo: document.body,
  }))
}

describe('the community group dialog', () => {
  it('creates a group with its title, store and the members picked by search, once', async () => {
    const requests = fakeServer(() => ({ status: 201, data: group(42, '春季新品群') }))
    const wrapper = mountDialog()
    await flushPromises()
    expect(body().get('[data-testid="group-submit"]').attributes('disabled')).toBeDefined()

    await titleInput().setValue('  春季新品群 ')
    wrapper.findComponent(StoreSelect).vm.$emit('update:modelValue', 3)
    const picker = wrapper.findComponent(MemberSelect)
    picker.vm.$emit('pick', aMember({ id: 101, name: '李小姐' }))
    picker.vm.$emit('pick', aMember({ id: 102, name: '王先生' }))
    picker.vm.$emit('pick', aMember({ id: 101, name: '李小姐' }))
    await flushPromises()
    expect(body().get('[data-testid="group-picked"]').text()).toContain('王先生')

    await body().get('[data-testid="group-submit"]').trigger('click')
    await flushPromises()
    const posts = requests.filter((r) => r.method === 'post')
    expect(posts.map((r) => r.url)).toEqual(['/conversations/groups'])
    expect(JSON.parse(posts[0]!.data as string)).toEqual({ title: '春季新品群', store_id: 3, member_ids: [101, 102] })
    expect(wrapper.emitted('saved')).toEqual([[42]])
    expect(wrapper.emitted('update:modelValue')).toEqual([[false]])
  })

  it('leaves out an unset store, and shows the server\'s refusal beside its field', async () => {
    const requests = fakeServer(() => ({ status: 422, data: errorsBody({ field: 'member_ids', message: 'Unknown or inactive members: 9', code: 'exists' }) }))
    const wrapper = mountDialog()
    await flushPromises()
    await titleInput().setValue('VIP 群')
    wrapper.findComponent(MemberSelect).vm.$emit('pick', aMember({ id: 9 }))
    await flushPromises()
    await body().get('[data-testid="group-submit"]').trigger('click')
    await flushPromises()
    expect(JSON.parse(requests[0]!.data as string)).toEqual({ title: 'VIP 群', member_ids: [9] })
    expect(body().text()).toContain('Unknown or inactive members: 9')
    expect(wrapper.emitted('saved')).toBeUndefined()
  })

  it('adds the members picked to an existing group', async () => {
    const requests = fakeServer(() => ({ status: 200, data: { added: 1, ...group(42, '春季新品群') } }))
    const wrapper = mountDialog({ group: { id: 42, title: '春季新品群' } })
    await flushPromises()
    expect(body().find('[data-testid="group-title"]').exists()).toBe(false)
    wrapper.findComponent(MemberSelect).vm.$emit('pick', aMember({ id: 103 }))
    await flushPromises()
    await body().get('[data-testid="group-submit"]').trigger('click')
    await flushPromises()
    expect(requests.map((r) => [r.method, r.url, JSON.parse(r.data as string)])).toEqual([['post', '/conversations/groups/42/members', { member_ids: [103] }]])
    expect(wrapper.emitted('saved')).toEqual([[42]])
  })
})
