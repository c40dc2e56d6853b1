#!/usr/bin/env node
/*
 * The simulator as a process, for the demo and for poking at by hand:
 *   WECOM_CORP_ID=… WECOM_SECRET=… node integrations/wecom/dist/simulator/cli.js
 * Settings come from the environment (see USAGE). Stops cleanly on SIGINT and SIGTERM.
 */
import { readFile } from 'node:fs/promises'
import { type CallbackConfig, type Simulator, createSimulator, runScenario } from './index.js'
import type { ScenarioMember } from './scenario.js'

const USAGE = `WeCom simulator. Environment:
  WECOM_CORP_ID, WECOM_SECRET          required: the corp id and secret gettoken accepts
  WECOM_AGENT_ID                       default 1000002
  WECOM_SIM_PORT / WECOM_SIM_HOST      default 3399 / 127.0.0.1
  WECOM_SIM_PUBLIC_URL                 how others reach it (QR code links); default http://host:port
  WECOM_CALLBACK_URL                   where callbacks go, with WECOM_CALLBACK_TOKEN and WECOM_ENCODING_AES_KEY
  WECOM_SIM_STAFF                      comma-separated staff userids (userid or userid:Name)
  WECOM_SIM_SEED_CONTACTS              seed this many contacts over the staff at start (no callbacks)
  WECOM_SIM_SCENARIO=1                 play a day at the stores (needs WECOM_SIM_STAFF)
  WECOM_SIM_MEMBERS                    path to a JSON array of {unionid?, phone?, name} to draw customers from
  WECOM_SIM_TICK_MS / WECOM_SIM_SEED   scenario pace (default 3000) and seed (default 1)`

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`)
  process.exit(1)
}

function integer(name: string, fallback: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 0) fail(`${name} must be a whole number, not ${raw}`)
  return value
}

async function readMembers(path: string | undefined): Promise<ScenarioMember[]> {
  if (!path) return []
  const parsed: unknown = JSON.parse(await readFile(path, 'utf8'))
  if (!Array.isArray(parsed)) fail(`${path} must hold a JSON array of {unionid?, phone?, name}`)
  return parsed.filter(
    (item): item is ScenarioMember => Boolean(item) && typeof item === 'object' && typeof item.name === 'string'
  )
}

async function main(): Promise<void> {
  const env = process.env
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(USAGE)
    return
  }
  const corpId = env.WECOM_CORP_ID
  const secret = env.WECOM_SECRET
  if (!corpId || !secret) fail('WECOM_CORP_ID and WECOM_SECRET are required')

  let callback: CallbackConfig | null = null
  if (env.WECOM_CALLBACK_URL) {
    if (!env.WECOM_CALLBACK_TOKEN || !env.WECOM_ENCODING_AES_KEY) {
      fail('WECOM_CALLBACK_URL needs WECOM_CALLBACK_TOKEN and WECOM_ENCODING_AES_KEY')
    }
    callback = { url: env.WECOM_CALLBACK_URL, token: env.WECOM_CALLBACK_TOKEN, encodingAesKey: env.WECOM_ENCODING_AES_KEY }
  }

  const sim: Simulator = await createSimulator({
    port: integer('WECOM_SIM_PORT', 3399),
    host: env.WECOM_SIM_HOST || '127.0.0.1',
    ...(env.WECOM_SIM_PUBLIC_URL ? { publicUrl: env.WECOM_SIM_PUBLIC_URL } : {}),
    corpId,
    secret,
    ...(env.WECOM_AGENT_ID ? { agentId: env.WECOM_AGENT_ID } : {}),
    callback,
  })

  const staff = (env.WECOM_SIM_STAFF ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [userid, name] = entry.split(':')
      return sim.addStaff({ userid, name: name || userid }).userid
    })

  const seedCount = integer('WECOM_SIM_SEED_CONTACTS', 0)
  if (seedCount > 0) {
    if (staff.length === 0) fail('WECOM_SIM_SEED_CONTACTS needs WECOM_SIM_STAFF')
    sim.seedContacts(seedCount, { userids: staff })
  }

  console.log(`WeCom simulator for corp ${corpId} at ${sim.url} (agent ${sim.agentId})`)
  console.log(callback ? `Callbacks go to ${callback.url}` : 'No callback URL: acting methods deliver nothing')
  if (staff.length > 0) console.log(`Staff: ${staff.join(', ')}${seedCount ? `; ${seedCount} contacts seeded` : ''}`)

  let stopScenario: (() => Promise<void>) | null = null
  if (env.WECOM_SIM_SCENARIO === '1') {
    if (staff.length === 0) fail('WECOM_SIM_SCENARIO=1 needs WECOM_SIM_STAFF')
    stopScenario = runScenario(sim, {
      staff,
      tickMs: integer('WECOM_SIM_TICK_MS', 3000),
      seed: integer('WECOM_SIM_SEED', 1),
      members: await readMembers(env.WECOM_SIM_MEMBERS),
      onAction: (description) => console.log(`[scenario] ${description}`),
      onError: (error) => console.error(`[scenario] ${error instanceof Error ? error.message : String(error)}`),
    })
    console.log('Scenario running')
  }

  let closing = false
  const shutdown = (signal: string): void => {
    if (closing) return
    closing = true
    console.log(`${signal}: stopping the WeCom simulator`)
    const stop = async () => {
      await stopScenario?.()
      await sim.close()
    }
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error)
        process.exit(1)
      }
    )
  }
  process.on('SIGINT', () => shutdown('SIGINT'))
  process.on('SIGTERM', () => shutdown('SIGTERM'))
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
