import env from '#start/env'

/**
 * WeCom (企业微信). `apiBase` is WeCom's host in production and the simulator's URL in the demo
 * and the tests. Without a corp id the WeCom features answer 503 ("WeCom is not configured").
 */
const wecomConfig = {
  apiBase: env.get('WECOM_API_BASE') ?? 'https://qyapi.weixin.qq.com',
  corpId: env.get('WECOM_CORP_ID') ?? '',
  secret: env.get('WECOM_SECRET') ?? '',
  agentId: env.get('WECOM_AGENT_ID') ?? '',
  callbackToken: env.get('WECOM_CALLBACK_TOKEN') ?? '',
  encodingAesKey: env.get('WECOM_ENCODING_AES_KEY') ?? '',
  /** WeCom accepts a welcome code for 20 s after the add event. */
  welcomeWindowSeconds: 20,
}

export default wecomConfig
