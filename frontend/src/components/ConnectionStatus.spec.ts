import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { getActivePinia } from 'pinia'
import ConnectionStatus from './ConnectionStatus.vue'
import { i18n, setLocale } from '@/i18n'
import { AppLocale } from '@/enums/locale'
import { RealtimeStatus, useRealtimeStore } from '@/stores/realtime'

function mountIndicator() {
  return mount(ConnectionStatus, { global: { plugins: [getActivePinia()!, i18n] } })
}

describe('the live connection indicator', () => {
  it('is grey and says offline until the socket connects', () => {
    const indicator = mountIndicator().get('[data-testid="connection-status"]')
    expect(indicator.attributes('data-status')).toBe('disconnected')
    expect(indicator.classes()).toContain('is-disconnected')
    expect(indicator.text()).toBe('实时未连接')
  })

  it('turns green and says so when connected, in the chosen language', async () => {
    const wrapper = mountIndicator()
    useRealtimeStore().markConnected()
    await wrapper.vm.$nextTick()
    const indicator = wrapper.get('[data-testid="connection-status"]')
    expect(indicator.attributes('data-status')).toBe(RealtimeStatus.Connected)
    expect(indicator.classes()).toContain('is-connected')
    expect(indicator.text()).toBe('实时已连接')

    setLocale(AppLocale.En)
    await wrapper.vm.$nextTick()
    expect(wrapper.get('[data-testid="connection-status"]').text()).toBe('Live')
  })
})
