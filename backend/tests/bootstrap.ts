import { assert } from '@japa/assert'
import { apiClient } from '@japa/api-client'
import app from '@adonisjs/core/services/app'
import server from '@adonisjs/core/services/server'
import testUtils from '@adonisjs/core/services/test_utils'
import { pluginAdonisJS } from '@japa/plugin-adonisjs'
import type { Config } from '@japa/runner/types'
import { RealtimeGateway } from '#realtime/gateway'
import { createTestDatabase } from '#tests/helpers/database'

export const plugins: Config['plugins'] = [assert(), apiClient(), pluginAdonisJS(app)]

/**
 * The test database (rapport_test) is created when absent and migrated before the run.
 */
export const runnerHooks: Required<Pick<Config, 'setup' | 'teardown'>> = {
  setup: [() => createTestDatabase(), () => testUtils.db().migrate()],
  teardown: [],
}

/**
 * Suites that talk to the app over the network get a real HTTP server, and the socket
 * gateway attached to it as in a web process.
 */
export const configureSuite: Config['configureSuite'] = (suite) => {
  if (['browser', 'functional', 'realtime'].includes(suite.name)) {
    return suite.setup(async () => {
      const closeHttp = await testUtils.httpServer().start()
      const gateway = await app.container.make(RealtimeGateway)
      gateway.attach(server.getNodeServer()!)
      return async () => {
        await gateway.close()
        await closeHttp()
      }
    })
  }
}
