import type { HttpContext } from '@adonisjs/core/http'
import ReceiveWecomCallback from '#actions/wecom/receive_callback'

/**
 * GET /api/v1/integrations/wecom/callback: URL verification, answered with the decrypted
 * echostr as the whole body. POST: an event, answered 200 `success` (what WeCom's docs ask
 * for) once stored.
 */
export default class WecomCallbackController {
  async verify({ request, response }: HttpContext) {
    const echo = new ReceiveWecomCallback().verifyUrl(request.qs())
    response.header('Content-Type', 'text/plain; charset=utf-8')
    return response.send(echo)
  }

  async receive({ request, response }: HttpContext) {
    await new ReceiveWecomCallback().receive(request.qs(), request.raw() ?? '')
    response.header('Content-Type', 'text/plain; charset=utf-8')
    return response.send('success')
  }
}
