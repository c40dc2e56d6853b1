import app from '@adonisjs/core/services/app'
import type { Worker } from 'bullmq'
import { createSimulator, type Simulator } from '@rapport/wecom/simulator'
import env from '#start/env'
import wecomConfig from '#config/wecom'
import { QueueName } from '#enums/queue'
import { QueueService } from '#services/queue_service'
import type Store from '#models/store'
import { staffWithToken } from '#tests/helpers/auth'

/**
 * A WeCom simulator at WECOM_API_BASE (the app's configured WeCom host) that calls back the
 * test server's callback endpoint, as WeCom would. Close it after the test.
 */
export async function startSimulator(options: { welcomeWindowSeconds?: number } = {}): Promise<Simulator> {
  const base = new URL(wecomConfig.apiBase)
  return createSimulator({
    host: base.hostname,
    port: Number(base.port),
    corpId: wecomConfig.corpId,
    secret: wecomConfig.secret,
    agentId: wecomConfig.agentId,
    callback: {
      url: `http://${env.get('HOST')}:${env.get('PORT')}/api/v1/integrations/wecom/callback`,
      token: wecomConfig.callbackToken,
      encodingAesKey: wecomConfig.encodingAesKey,
    },
    ...options,
  })
}

/** A worker on the WeCom queue, as `node ace queue:work --queue wecom` runs it. */
export async function wecomWorker(): Promise<{ queues: QueueService; worker: Worker }> {
  const queues = await app.container.make(QueueService)
  const [worker] = queues.work([QueueName.Wecom])
  return { queues, worker }
}

/** Until the WeCom queue has nothing waiting, delayed or running. */
export async function wecomDrained(queues: QueueService, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const counts = await queues.counts(QueueName.Wecom)
    if (counts.waiting + counts.delayed + counts.active + counts.prioritized === 0) return
    if (Date.now() > deadline) throw new Error(`The WeCom queue did not drain within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** A staff member of the role with a WeCom account (`userid`) that the simulator knows too. */
export async function wecomStaff(
  simulator: Simulator,
  role: 'guide' | 'manager',
  userid: string,
  options: { store?: Store } = {}
) {
  const staff = await staffWithToken(role, options)
  staff.staff.wecomUserId = userid
  await staff.staff.save()
  simulator.addStaff({ userid, name: staff.staff.name })
  return staff
}
