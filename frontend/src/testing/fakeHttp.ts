import { AxiosError, AxiosHeaders, type AxiosAdapter, type AxiosInstance, type InternalAxiosRequestConfig } from 'axios'
import { apiClient } from '@/api/client'

export interface FakeResponse {
  status: number
  data?: unknown
}

/**
 * Answers the request client's calls in tests: `handler` sees each request (after the
 * interceptors) and says how the server answers, at once or when its promise settles (to
 * answer out of order). Returns the requests seen. `client` is the console's request client unless
 * another is named (the member chat page has its own).
 */
export function fakeServer(handler: (config: InternalAxiosRequestConfig) => FakeResponse | Promise<FakeResponse>, client: AxiosInstance = apiClient) {
  const requests: InternalAxiosRequestConfig[] = []
  const adapter: AxiosAdapter = async (config) => {
    requests.push(config)
    const { status, data } = await handler(config)
    const response = { status, statusText: String(status), data, headers: new AxiosHeaders(), config }
    if (status >= 200 && status < 300) return response
    throw new AxiosError(`Request failed with status code ${status}`, 'ERR_BAD_RESPONSE', config, null, response)
  }
  client.defaults.adapter = adapter
  return requests
}

export function errorsBody(...errors: { message: string; field?: string; code?: string }[]) {
  return { errors }
}
