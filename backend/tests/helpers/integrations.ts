import type { ApiClient } from '@japa/api-client'
import { signedHeaders } from '@rapport/pos'
import CreateIntegrationApp from '#actions/integrations/create_integration_app'
import { actor } from '#services/audit'
import type { IntegrationScope } from '#enums/integration'

export async function integrationApp(scopes: IntegrationScope[] = ['orders' as IntegrationScope]) {
  const { app, secret } = await new CreateIntegrationApp().handle({ name: 'POS', scopes }, actor.system('test'))
  return { app, keyId: app.keyId, secret }
}

/**
 * A webhook call signed as a POS would sign it; `headers` overrides any of the three.
 */
export function signedPut(
  client: ApiClient,
  path: string,
  credentials: { keyId: string; secret: string },
  body: unknown,
  options: { nowMs?: number; headers?: Record<string, string> } = {}
) {
  const raw = JSON.stringify(body)
  const headers = { ...signedHeaders(credentials.keyId, credentials.secret, raw, options.nowMs), ...options.headers }
  return client.put(path).headers(headers).json(raw as any)
}
