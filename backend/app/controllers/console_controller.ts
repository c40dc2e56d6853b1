import type { HttpContext } from '@adonisjs/core/http'
import app from '@adonisjs/core/services/app'
import { existsSync } from 'node:fs'
import { NotFoundException } from '#exceptions/api_exceptions'

/**
 * The console is a single-page app: any GET outside /api answers its index.html, and the
 * client-side router takes it from there. Real files were already served by the static
 * middleware.
 */
export default class ConsoleController {
  async show({ request, response }: HttpContext) {
    if (request.url().startsWith('/api/')) throw new NotFoundException()
    const index = app.publicPath('index.html')
    if (!existsSync(index)) {
      return response
        .status(503)
        .type('text/plain')
        .send('The console is not built yet: run "npm run build -w frontend".')
    }
    response.header('Cache-Control', 'no-cache')
    return response.download(index)
  }
}
