import { describe, expect, it, vi } from 'vitest'
import { DOMWrapper, flushPromises, mount } from '@vue/test-utils'
import { getActivePinia } from 'pinia'
import ElementPlus from 'element-plus'
import type { InternalAxiosRequestConfig } from 'axios'
import CouponIssueDialog from './CouponIssueDialog.vue'
import { i18n } from '@/i18n'
import { IssueSkipReason } from '@/enums/loyalty'
import { aCouponTemplate } from '@/testing/loyaltyFixtures'
import { fakeServer } from '@/testing/fakeHttp'

const body = () => new DOMWrapper(document.body)
const issues = (requests: InternalAxiosRequestConfig[]) => requests.filter((r) => r.method === 'post')

const issueAnswer = {
  coupons: [{ code: 'K7Q2M9X4P1AB', member_id: 101 }],
  skipped: [
    { member_id: 102, reason: IssueSkipReason.MemberLimit },
    { member_id: 103, reason: IssueSkipReason.OutOfStock },
    { member_id: 999, reason: IssueSkipReason.NotFound },
  ],
}

function server() {
  return fakeServer((config) =>
    config.method === 'post'
      ? { status: 201, data: issueAnswer }
      : { status: 200, data: { data: [aCouponTemplate()], meta: { total: 1, page: 1, per_page: 20 } } }
  )
}

async function openDialog() {
  const wrapper = mount(CouponIssueDialog, {
    props: { modelValue: false, template: aCouponTemplate() },
    global: { plugins: [getActivePinia()!, i18n, ElementPlus] },
    attachTo: document.body,
  })
  await wrapper.setProps({ modelValue: true })
  await flushPromises()
  return wrapper
}

async function pasteAndIssue(ids: string) {
  await body().get('textarea[data-testid="issue-ids"]').setValue(ids)
  await body().get('[data-testid="issue-submit"]').trigger('click')
  await flushPromises()
}

describe('issuing a coupon to members', () => {
  it('sends the pasted ids once each and says, in words, why members were skipped', async () => {
    const requests = server()
    await openDialog()
    await pasteAndIssue('101\n102, 103 101\n999')

    expect(issues(requests)).toHaveLength(1)
    expect(issues(requests)[0]!.url).toBe('/coupon-templates/9/issue')
    expect(JSON.parse(issues(requests)[0]!.data as string)).toEqual({ member_ids: [101, 102, 103, 999] })

    const result = body().get('[data-testid="issue-result"]')
    expect(result.text()).toContain('已发放 1 张，3 位会员未发放')
    const skipped = body().get('[data-testid="issue-skipped"]').findAll('tbody tr').map((row) => row.text())
    expect(skipped).toEqual(['#102已达到每人限领数量', '#103库存已发完', '#999找不到该会员，或不在你的权限范围内'])
    expect(body().get('[data-testid="issue-issued"]').text()).toContain('K7Q2M9X4P1AB')
  })

  it('refuses pasted text that is not member ids before sending anything', async () => {
    const requests = server()
    await openDialog()
    await body().get('textarea[data-testid="issue-ids"]').setValue('101 M00000102')
    await flushPromises()

    await vi.waitFor(() => expect(body().text()).toContain('这些不是会员 ID：M00000102'))
    expect(body().get('[data-testid="issue-submit"]').attributes('disabled')).toBeDefined()
    expect(issues(requests)).toHaveLength(0)
  })

  it('uses one Idempotency-Key per opening of the dialog', async () => {
    const requests = server()
    const wrapper = await openDialog()
    await pasteAndIssue('101')
    await wrapper.setProps({ modelValue: false })
    await wrapper.setProps({ modelValue: true })
    await flushPromises()
    await pasteAndIssue('101')

    const [first, second] = issues(requests).map((r) => r.headers.get('Idempotency-Key'))
    expect(first).toBeTruthy()
    expect(second).toBeTruthy()
    expect(second).not.toBe(first)
  })
})
