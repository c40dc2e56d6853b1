import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { getActivePinia } from 'pinia'
import ElementPlus from 'element-plus'
import type { InternalAxiosRequestConfig } from 'axios'
import TierLadderEditor from './TierLadderEditor.vue'
import { i18n } from '@/i18n'
import { errorsBody, fakeServer, type FakeResponse } from '@/testing/fakeHttp'
import { LADDER } from '@/testing/loyaltyFixtures'

const puts = (requests: InternalAxiosRequestConfig[]) => requests.filter((r) => r.method === 'put')

async function openEditor(onPut: () => FakeResponse = () => ({ status: 200, data: { data: LADDER } })) {
  const requests = fakeServer((config) => (config.method === 'put' ? onPut() : { status: 200, data: { data: LADDER } }))
  const wrapper = mount(TierLadderEditor, { global: { plugins: [getActivePinia()!, i18n, ElementPlus] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, requests }
}

const cell = (wrapper: Awaited<ReturnType<typeof openEditor>>['wrapper'], row: number, field: string) => wrapper.get(`[data-testid="tier-${row}-${field}"]`)
function errorIn(wrapper: Awaited<ReturnType<typeof openEditor>>['wrapper'], row: number, field: string) {
  const error = cell(wrapper, row, field).find('.el-form-item__error')
  return error.exists() ? error.text() : ''
}

describe('the tier ladder editor', () => {
  it('shows the ladder lowest first, one editable row per tier', async () => {
    const { wrapper } = await openEditor()
    const thresholds = LADDER.map((_, row) => (cell(wrapper, row, 'threshold').get('input').element as HTMLInputElement).value)
    expect(thresholds).toEqual(['0.00', '2000.00', '8000.00', '20000.00'])
  })

  it('rejects a threshold that does not rise, on its row, without sending anything', async () => {
    const { wrapper, requests } = await openEditor()
    await cell(wrapper, 2, 'threshold').get('input').setValue('1500')
    await wrapper.get('[data-testid="tiers-save"]').trigger('click')
    await flushPromises()

    expect(puts(requests)).toHaveLength(0)
    await vi.waitFor(() => expect(errorIn(wrapper, 2, 'threshold')).toBe('门槛需高于上一级（¥2000.00）'))
    expect(errorIn(wrapper, 1, 'threshold')).toBe('')
  })

  it('sends the whole ladder and puts the server’s `tiers.N.field` errors on row N', async () => {
    const { wrapper, requests } = await openEditor(() => ({
      status: 422,
      data: errorsBody({ message: 'The multiplier format is invalid', field: 'tiers.1.multiplier', code: 'regex' }),
    }))
    await cell(wrapper, 1, 'multiplier').get('input').setValue('1.25')
    await wrapper.get('[data-testid="tiers-save"]').trigger('click')
    await flushPromises()

    expect(puts(requests)).toHaveLength(1)
    const sent = JSON.parse(puts(requests)[0]!.data as string)
    expect(sent.tiers.map((tier: { code: string }) => tier.code)).toEqual(['member', 'gold', 'platinum', 'diamond'])
    expect(sent.tiers[1]).toMatchObject({ threshold: '2000.00', multiplier: '1.25' })
    await vi.waitFor(() => expect(errorIn(wrapper, 1, 'multiplier')).toBe('The multiplier format is invalid'))
    expect(errorIn(wrapper, 0, 'multiplier')).toBe('')
  })

  it('adds a rung at the top and removes one', async () => {
    const { wrapper } = await openEditor()
    await wrapper.get('[data-testid="tiers-add"]').trigger('click')
    expect(wrapper.findAll('[data-testid$="-threshold"]')).toHaveLength(5)
    await wrapper.findAll('.el-button--danger')[4]!.trigger('click')
    expect(wrapper.findAll('[data-testid$="-threshold"]')).toHaveLength(4)
  })
})
