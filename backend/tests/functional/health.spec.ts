import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { Redis } from 'ioredis'
import { HealthService } from '#services/health_service'
import { QueueService } from '#services/queue_service'

test.group('Health', (group) => {
  group.each.teardown(() => app.container.restore(HealthService))

  test('reports MySQL, Redis and the queues as up', async ({ client, assert }) => {
    const response = await client.get('/api/v1/health')
    response.assertStatus(200)
    assert.equal(response.body().status, 'ok')
    for (const name of ['mysql', 'redis', 'queues']) assert.isTrue(response.body().checks[name].ok, name)
  })

  test('answers 503 naming Redis when Redis is unreachable', async ({ client, assert }) => {
    // A real client pointed at a port where no Redis listens, as after a Redis crash.
    const deadRedis = new Redis({ host: '127.0.0.1', port: 1, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
    deadRedis.on('error', () => {})
    const queues = await app.container.make(QueueService)
    app.container.swap(HealthService, () => new HealthService(deadRedis, queues))

    const response = await client.get('/api/v1/health')
    response.assertStatus(503)
    assert.equal(response.body().status, 'degraded')
    assert.isFalse(response.body().checks.redis.ok)
    assert.isTrue(response.body().checks.mysql.ok)
    response.assertBodyContains({ errors: [{ field: 'redis', code: 'dependency_down' }] })
    deadRedis.disconnect()
  })
})
