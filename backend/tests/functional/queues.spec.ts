import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { QueueEvents } from 'bullmq'
import Staff from '#models/staff'
import { QueueService } from '#services/queue_service'
import PruneExpiredTokensJob from '#jobs/prune_expired_tokens_job'
import { QueueName } from '#enums/queue'
import { resetState } from '#tests/helpers/database'
import { staffWithToken } from '#tests/helpers/auth'
import queueConfig from '#config/queue'

test.group('Queues and workers', (group) => {
  group.each.setup(() => resetState())

  test('a worker runs a dispatched job: expired tokens are pruned, live ones kept', async ({ assert, cleanup }) => {
    const { staff } = await staffWithToken('guide')
    const expired = await Staff.accessTokens.create(staff, ['*'], { expiresIn: '1 second' })
    await db
      .from('auth_access_tokens')
      .where('id', expired.identifier as number)
      .update({ expires_at: DateTime.utc().minus({ days: 1 }).toSQL({ includeOffset: false }) })

    const queues = await app.container.make(QueueService)
    const events = new QueueEvents(QueueName.Maintenance, { connection: queueConfig.connection, prefix: queueConfig.prefix })
    const [worker] = queues.work([QueueName.Maintenance])
    cleanup(async () => {
      await worker.close()
      await events.close()
    })
    await events.waitUntilReady()

    const job = await queues.dispatch(PruneExpiredTokensJob, {})
    await job.waitUntilFinished(events, 10_000)

    const left = await db.from('auth_access_tokens').where('tokenable_id', staff.id).select('id')
    assert.lengthOf(left, 1)
    assert.notEqual(left[0].id, expired.identifier)
  })

  test('an admin sees queue counts and failed jobs with their reason, and retries one', async ({ client, assert }) => {
    const { token } = await staffWithToken('admin')
    const queues = await app.container.make(QueueService)
    const queue = queues.queue(QueueName.Maintenance)
    // A job nobody registered fails at once (unrecoverable) and is kept for inspection.
    await queue.add('NoSuchJob', { id: 1 }, { attempts: 1 })
    const [worker] = queues.work([QueueName.Maintenance])
    await new Promise<void>((resolve) => worker.once('failed', () => resolve()))
    await worker.close()

    const counts = await client.get('/api/v1/admin/queues').bearerToken(token)
    counts.assertStatus(200)
    const maintenance = counts.body().data.find((q: { name: string }) => q.name === 'maintenance')
    assert.equal(maintenance.counts.failed, 1)

    const failed = await client.get('/api/v1/admin/queues/maintenance/jobs').qs({ status: 'failed' }).bearerToken(token)
    failed.assertStatus(200)
    assert.equal(failed.body().meta.total, 1)
    assert.match(failed.body().data[0].failed_reason, /No job registered as "NoSuchJob"/)

    const retry = await client
      .post(`/api/v1/admin/queues/maintenance/jobs/${failed.body().data[0].id}/retry`)
      .bearerToken(token)
    retry.assertStatus(200)
    assert.equal((await queues.counts(QueueName.Maintenance)).failed, 0)

    ;(await client.get('/api/v1/admin/queues/nope/jobs').bearerToken(token)).assertStatus(404)
  })
})
