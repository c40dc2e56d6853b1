import redis from '@adonisjs/redis/services/main'
import { RedisTokenStore, WecomApiError, WecomClient, WecomCrypto, WecomUnavailableError } from '@rapport/wecom'
import wecomConfig from '#config/wecom'
import { DependencyDownException, UnprocessableException } from '#exceptions/api_exceptions'

let client: WecomClient | undefined
let crypto: WecomCrypto | undefined

/**
 * The WeCom API client, one per process; its access token is shared by every process through
 * Redis (cache and lock), so a fleet of web and worker processes asks WeCom for one token.
 */
export function wecomClient(): WecomClient {
  if (!wecomConfig.corpId || !wecomConfig.secret) throw new DependencyDownException('wecom')
  client ??= new WecomClient({
    apiBase: wecomConfig.apiBase,
    corpId: wecomConfig.corpId,
    secret: wecomConfig.secret,
    store: new RedisTokenStore(redis.connection().ioConnection, 'wecom:'),
  })
  return client
}

/** The callback crypto for our corp (token and EncodingAESKey from the WeCom admin console). */
export function wecomCrypto(): WecomCrypto {
  if (!wecomConfig.corpId || !wecomConfig.callbackToken || !wecomConfig.encodingAesKey) {
    throw new DependencyDownException('wecom')
  }
  crypto ??= new WecomCrypto({
    token: wecomConfig.callbackToken,
    encodingAesKey: wecomConfig.encodingAesKey,
    receiveId: wecomConfig.corpId,
  })
  return crypto
}

/**
 * Runs a WeCom call for a staff request: WeCom unreachable → 503; WeCom refusing → 422 with
 * its errcode in the code (`wecom_<errcode>`).
 */
export async function callWecom<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    if (error instanceof WecomUnavailableError) throw new DependencyDownException('wecom')
    if (error instanceof WecomApiError) {
      throw new UnprocessableException(`WeCom refused: ${error.errmsg} (${error.errcode})`, undefined, `wecom_${error.errcode}`)
    }
    throw error
  }
}
