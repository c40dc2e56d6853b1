import { describe, expect, it, vi } from 'vitest'
import { DOMWrapper, flushPromises, mount } from '@vue/test-utils'
import { getActivePinia } from 'pinia'
import ElementPlus from 'element-plus'
import ChannelCodeFormDialog from './ChannelCodeFormDialog.vue'
import { i18n } from '@/i18n'
import { StaffRole } from '@/enums/staff'
import { useSessionStore } from '@/stores/session'
import { fakeServer } from '@/testing/fakeHttp'
import { aChannelCode } from '@/testing/wecomFixtures'

/** The dialog is teleported to the end of <body>. */
const body = () => new DOMWrapper(document.body)

async function openEditing() {
  useSessionStore().start('tok', { id: 1, name: 'Ada', role: StaffRole.HqOperator, store_id: null })
  const requests = fakeServer((config) => ({ status: 200, data: { ...aChannelCode(), welcome_text: JSON.parse(config.data as string).welcome_text } }))
  const wrapper = mount(ChannelCodeFormDialog, {
    props: { modelValue: false, code: aChannelCode() },
    global: { plugins: [getActivePinia()!, i18n, ElementPlus] },
    attachTo: document.body,
  })
  await wrapper.setProps({ modelValue: true })
  await flushPromises()
  return { wrapper, requests }
}

describe('the channel code form', () => {
  it('counts the welcome message in UTF-8 bytes as it is typed', async () => {
    await openEditing()
    const textarea = body().get('.el-dialog textarea')
    expect((textarea.element as HTMLTextAreaElement).value).toBe('你好，我是国贸店的导购')
    expect(body().get('[data-testid="welcome-bytes"]').text()).toBe('33 / 4000 字节')
    expect(body().get('.el-dialog .el-select').text()).toContain('张导购')

    await textarea.setValue('Hi 你好')
    expect(body().get('[data-testid="welcome-bytes"]').text()).toBe('9 / 4000 字节')
  })

  it('refuses a welcome message over 4000 bytes without asking the server, and saves once it fits', async () => {
    const { wrapper, requests } = await openEditing()
    const textarea = body().get('.el-dialog textarea')

    await textarea.setValue('好'.repeat(1334))
    const counter = body().get('[data-testid="welcome-bytes"]')
    expect(counter.text()).toBe('4002 / 4000 字节')
    expect(counter.classes()).toContain('over')
    await body().get('[data-testid="channel-code-submit"]').trigger('click')
    await flushPromises()
    expect(requests).toHaveLength(0)
    await vi.waitFor(() => expect(body().find('.el-form-item__error').text()).toContain('欢迎语最长 4000 字节，现在 4002 字节'), { timeout: 5000 })

    await textarea.setValue('好'.repeat(1333))
    await body().get('[data-testid="channel-code-submit"]').trigger('click')
    await flushPromises()
    expect(requests).toHaveLength(1)
    expect(requests[0]!.method).toBe('put')
    expect(requests[0]!.url).toBe('/wecom/channel-codes/4')
    expect(JSON.parse(requests[0]!.data as string)).toEqual({ name: '国贸店海报', staff_ids: [7], welcome_text: '好'.repeat(1333), skip_verify: true })
    expect(wrapper.emitted('update:modelValue')).toEqual([[false]])
  })
})
