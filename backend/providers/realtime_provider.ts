import type { ApplicationService } from '@adonisjs/core/types'
import { RealtimeGateway } from '#realtime/gateway'

/**
 * Attaches the socket.io gateway to the HTTP server of a web process. Tests attach it
 * themselves after starting their HTTP server.
 */
export default class RealtimeProvider {
  #gateway?: RealtimeGateway

  constructor(protected app: ApplicationService) {}

  register() {
    this.app.container.singleton(RealtimeGateway, async (resolver) => {
      const redis = await resolver.make('redis')
      const logger = await resolver.make('logger')
      this.#gateway = new RealtimeGateway(redis.connection('main').ioConnection, logger)
      return this.#gateway
    })
  }

  async ready() {
    if (this.app.getEnvironment() !== 'web') return
    const server = await this.app.container.make('server')
    const httpServer = server.getNodeServer()
    if (httpServer) {
      const gateway = await this.app.container.make(RealtimeGateway)
      gateway.attach(httpServer)
    }
  }

  async shutdown() {
    await this.#gateway?.close()
  }
}
