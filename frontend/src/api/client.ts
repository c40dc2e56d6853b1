import axios, { type AxiosError } from 'axios'
import { ElMessage } from 'element-plus'
import { useSessionStore } from '@/stores/session'
import { currentLocale } from '@/i18n'
import { toApiError, userMessage } from './errors'
import type { IdempotentRequestOptions } from './types'

declare module 'axios' {
  interface AxiosRequestConfig {
    /** The caller shows errors itself (inline, under form fields): do not toast them. */
    silent?: boolean
  }
}

export const API_BASE_URL = '/api/v1'

/** The one HTTP client of the console; every API module goes through it. */
export const apiClient = axios.create({
  baseURL: API_BASE_URL,
  timeout: 20_000,
  headers: { Accept: 'application/json' },
})

apiClient.interceptors.request.use((config) => {
  const { token } = useSessionStore()
  if (token) config.headers.set('Authorization', `Bearer ${token}`)
  config.headers.set('Accept-Language', currentLocale())
  return config
})

apiClient.interceptors.response.use(
  (response) => response,
  (error: AxiosError) => {
    const apiError = toApiError(error)
    const sentToken = Boolean(error.config?.headers?.Authorization)

    // A 401 on a request that carried a token means the token is no longer valid. A 401
    // without one (the login form) is the caller's to explain.
    if (apiError.status === 401 && sentToken) {
      const session = useSessionStore()
      if (session.token) {
        session.clear('expired')
        ElMessage.warning(userMessage(apiError))
      }
    } else if (!error.config?.silent) {
      ElMessage.error(userMessage(apiError))
    }
    return Promise.reject(apiError)
  }
)

/** Drops empty filter values so they are not sent as `?q=`. */
export function compactParams<T extends object>(params: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(params).filter(([, value]) => value !== undefined && value !== null && value !== '')
  ) as Partial<T>
}

/** The axios config of an idempotent write: the caller's options plus the key header. */
export function idempotent({ idempotencyKey, ...options }: IdempotentRequestOptions) {
  return { ...options, headers: { 'Idempotency-Key': idempotencyKey } }
}
