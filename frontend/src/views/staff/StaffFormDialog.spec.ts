import { describe, expect, it, vi } from 'vitest'
import { DOMWrapper, flushPromises, mount } from '@vue/test-utils'
import { getActivePinia } from 'pinia'
import ElementPlus from 'element-plus'
import StaffFormDialog from './StaffFormDialog.vue'
import type { Staff } from '@/api/staff'
import { i18n } from '@/i18n'
import { useSessionStore } from '@/stores/session'
import { useStaffStore } from '@/stores/staff'
import { StaffRole, StaffStatus } from '@/enums/staff'
import { errorsBody, fakeServer } from '@/testing/fakeHttp'

const manager: Staff = {
  id: 12,
  staff_no: 'M012',
  name: '王店长',
  email: 'wang@example.com',
  role: StaffRole.StoreManager,
  store_id: 3,
  store: { id: 3, code: 'SH01', name: '上海一店' },
  wecom_user_id: null,
  status: StaffStatus.Active,
  created_at: '2025-01-02T03:04:05.000Z',
}

function openDialog() {
  useSessionStore().start('tok', { id: 1, name: 'Ada', role: StaffRole.Admin, store_id: null })
  return mount(StaffFormDialog, {
    props: { modelValue: false, staff: manager },
    global: { plugins: [getActivePinia()!, i18n, ElementPlus] },
    attachTo: document.body,
  })
}

/** The dialog is teleported to the end of <body>. */
const body = () => new DOMWrapper(document.body)

/** The message Element Plus shows under the form item labelled `label`. */
function errorUnder(label: string) {
  const item = body().findAll('.el-form-item').find((i) => i.find('.el-form-item__label').text() === label)
  const error = item?.find('.el-form-item__error')
  return error?.exists() ? error.text() : ''
}

describe('the staff form', () => {
  it('shows the server’s 422 field errors under their fields and stays open', async () => {
    const requests = fakeServer(() => ({
      status: 422,
      data: errorsBody(
        { message: 'The email has already been taken', field: 'email', code: 'unique' },
        { message: 'Unknown store', field: 'store_id', code: 'exists' }
      ),
    }))
    const wrapper = openDialog()
    await wrapper.setProps({ modelValue: true })
    await flushPromises()

    await body().get('.el-dialog input[type="email"]').setValue('taken@example.com')
    await body().get('[data-testid="staff-form-submit"]').trigger('click')
    await flushPromises()

    expect(requests).toHaveLength(1)
    expect(requests[0]!.method).toBe('patch')
    expect(requests[0]!.url).toBe('/staff/12')
    expect(JSON.parse(requests[0]!.data as string)).toMatchObject({ email: 'taken@example.com', store_id: 3 })
    await vi.waitFor(() => expect(errorUnder('邮箱')).toBe('The email has already been taken'))
    expect(errorUnder('门店')).toBe('Unknown store')
    expect(errorUnder('姓名')).toBe('')
    expect(wrapper.emitted('update:modelValue')).toBeUndefined()
    wrapper.unmount()
  })

  it('saves a valid change and closes', async () => {
    fakeServer(() => ({ status: 200, data: { ...manager, name: '王经理' } }))
    const staffStore = useStaffStore()
    staffStore.records = [manager]
    const wrapper = openDialog()
    await wrapper.setProps({ modelValue: true })
    await flushPromises()

    const nameInput = body().findAll('.el-dialog input').find((i) => (i.element as HTMLInputElement).value === '王店长')!
    await nameInput.setValue('王经理')
    await body().get('[data-testid="staff-form-submit"]').trigger('click')
    await flushPromises()

    expect(wrapper.emitted('update:modelValue')).toEqual([[false]])
    expect(staffStore.records[0]!.name).toBe('王经理')
    wrapper.unmount()
  })
})
