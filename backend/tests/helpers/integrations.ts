import type { ApiClient } from '@japa/api-client'
import { signedHeaders } from '@rapport/pos'
import CreateIntegrationApp from '#actions/integrations/create_integration_app'
import { actor } from '#services/audit'
import type { IntegrationScope } from '#enums/integration'

export async function integrationApp(scopes: IntegrationScope[] = ['orders' as IntegrationScope]) {
  const { app, secret } = await new CreateIntegrationApp().handle({ name: 'POS', scopes }, actor.system('test'))
  return { app, keyId: app.keyId, secret }
}

type Credentials = { keyId: string; secret: string }
type Options = { nowMs?: number; headers?: Record<string, string> }

/**
 * A webhook call signed as a POS would sign it; `headers` overrides any of the three.
 */
export function signed(
  client: ApiClient,
  method: 'get' | 'put' | 'post',
  path: string,
  credentials: Credentials,
  body?: unknown,
  options: Options = {}
) {
  const raw = body === undefined ? '' : JSON.stringify(body)
  const headers = { ...signedHeaders(credentials.keyId, credentials.secret, raw, options.nowMs), ...options.headers }
  const request = client[method](path).headers(headers)
  return body === undefined ? request : request.json(raw as any)
}

export function signedPut(client: ApiClient, path: string, credentials: Credentials, body: unknown, options: Options = {}) {
  return signed(client, 'put', path, credentials, body, options)
}
