import { beforeEach, describe, expect, it, vi } from 'vitest'
import { ElMessage } from 'element-plus'
import { apiClient } from './client'
import { ApiError } from './errors'
import { staffApi } from './staff'
import { useSessionStore, SESSION_STORAGE_KEY } from '@/stores/session'
import { setLocale } from '@/i18n'
import { AppLocale } from '@/enums/locale'
import { StaffRole } from '@/enums/staff'
import { errorsBody, fakeServer } from '@/testing/fakeHttp'

vi.mock('element-plus', () => ({
  ElMessage: { error: vi.fn(), warning: vi.fn(), success: vi.fn() },
}))

const admin = { id: 1, name: 'Ada', role: StaffRole.Admin, store_id: null }

describe('the request client', () => {
  beforeEach(() => {
    vi.mocked(ElMessage.error).mockClear()
    vi.mocked(ElMessage.warning).mockClear()
  })

  it('sends the session token as a Bearer token and the UI language', async () => {
    useSessionStore().start('tok-123', admin)
    setLocale(AppLocale.En)
    const requests = fakeServer(() => ({ status: 200, data: { data: [], meta: { total: 0, page: 1, per_page: 20 } } }))

    await staffApi.list({ page: 1 })

    expect(requests[0]!.headers.get('Authorization')).toBe('Bearer tok-123')
    expect(requests[0]!.headers.get('Accept-Language')).toBe('en')
    expect(requests[0]!.baseURL).toBe('/api/v1')
  })

  it('sends no Authorization header without a session', async () => {
    const requests = fakeServer(() => ({ status: 200, data: {} }))
    await apiClient.get('/health')
    expect(requests[0]!.headers.has('Authorization')).toBe(false)
    expect(requests[0]!.headers.get('Accept-Language')).toBe('zh-CN')
  })

  it('drops empty filters from list queries', async () => {
    useSessionStore().start('tok', admin)
    const requests = fakeServer(() => ({ status: 200, data: { data: [], meta: { total: 0, page: 1, per_page: 20 } } }))
    await staffApi.list({ q: 'ann', role: '', status: '', store_id: null, page: 2, per_page: 20 })
    expect(requests[0]!.params).toEqual({ q: 'ann', page: 2, per_page: 20 })
  })

  it('on a 401 for a request that carried a token, clears the session and says it expired', async () => {
    const session = useSessionStore()
    session.start('stale-token', admin)
    fakeServer(() => ({ status: 401, data: errorsBody({ message: 'Not authenticated', code: 'unauthorized' }) }))

    const failure = await apiClient.get('/auth/me').catch((e: unknown) => e)

    expect(failure).toBeInstanceOf(ApiError)
    expect((failure as ApiError).status).toBe(401)
    expect(session.isAuthenticated).toBe(false)
    expect(session.endReason).toBe('expired')
    expect(localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull()
    expect(ElMessage.warning).toHaveBeenCalledOnce()
    expect(ElMessage.error).not.toHaveBeenCalled()
  })

  it('leaves a 401 of the login form to the form', async () => {
    fakeServer(() => ({ status: 401, data: errorsBody({ message: 'Wrong email or password' }) }))
    const session = useSessionStore()

    await expect(session.login({ email: 'a@b.c', password: 'nope' })).rejects.toMatchObject({ status: 401 })

    expect(session.endReason).toBeNull()
    expect(ElMessage.error).not.toHaveBeenCalled()
    expect(ElMessage.warning).not.toHaveBeenCalled()
  })

  it('toasts the server message of other errors', async () => {
    useSessionStore().start('tok', admin)
    fakeServer(() => ({ status: 409, data: errorsBody({ message: 'This email is already used', code: 'email_taken' }) }))

    await expect(staffApi.update(3, { email: 'x@y.z' })).rejects.toBeInstanceOf(ApiError)

    expect(ElMessage.error).toHaveBeenCalledWith('This email is already used')
  })

  it('toasts "too many attempts" on a 429, in the UI language', async () => {
    setLocale(AppLocale.En)
    fakeServer(() => ({ status: 429, data: errorsBody({ message: 'Too many requests, try again later' }) }))

    await expect(apiClient.get('/stores')).rejects.toMatchObject({ status: 429 })

    expect(ElMessage.error).toHaveBeenCalledWith('Too many attempts, try again in a minute.')
  })

  it('does not toast when the caller shows errors itself', async () => {
    useSessionStore().start('tok', admin)
    fakeServer(() => ({ status: 422, data: errorsBody({ message: 'Too short', field: 'password' }) }))

    const failure = await staffApi.create(
      { name: 'N', email: 'n@x.y', password: 'short', role: StaffRole.Guide, store_id: 1 },
      { silent: true }
    ).catch((e: unknown) => e)

    expect((failure as ApiError).errors).toEqual([{ message: 'Too short', field: 'password' }])
    expect(ElMessage.error).not.toHaveBeenCalled()
  })
})
