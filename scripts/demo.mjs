/*
 * npm run demo: the product, running, with demo data. Idempotent: installs what is missing,
 * creates the database, migrates, seeds the demo brand once, builds the console when its
 * sources changed, then runs web + worker in the foreground until Ctrl-C.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { backend, buildConsole, buildPackages, checkServices, installDependencies, must, readEnv, run, startRoles } from './lib.mjs'

await installDependencies()

const envFile = path.join(backend, '.env')
if (!existsSync(envFile)) {
  copyFileSync(path.join(backend, '.env.example'), envFile)
  const filled = readFileSync(envFile, 'utf8').replace(/^APP_KEY=$/m, `APP_KEY=${randomBytes(24).toString('hex')}`)
  writeFileSync(envFile, filled)
  console.log('▸ Created backend/.env from .env.example (with a fresh APP_KEY)')
}
// Variables set in the environment win over backend/.env (as they do for the app itself).
const env = { ...readEnv(envFile), ...process.env }

/**
 * Without a WeCom corp configured, the demo runs the WeCom simulator and points the app at it
 * (the callback credentials are the demo's own, not secrets).
 */
const simulated = !env.WECOM_CORP_ID
if (simulated) {
  Object.assign(process.env, {
    WECOM_API_BASE: 'http://127.0.0.1:3399',
    WECOM_CORP_ID: 'wwrapportdemo0001',
    WECOM_SECRET: 'rapport-demo-secret',
    WECOM_AGENT_ID: '1000002',
    WECOM_CALLBACK_TOKEN: 'RapportDemoToken',
    WECOM_ENCODING_AES_KEY: 'RapportDemoEncodingAesKey0123456789abcdefgh',
  })
}
await checkServices({ dbHost: env.DB_HOST, dbPort: env.DB_PORT, redisHost: env.REDIS_HOST, redisPort: env.REDIS_PORT })

await buildPackages()
const ace = (...args) => must('node', ['ace', ...args], { cwd: backend })
await ace('db:create')
await ace('migration:run', '--force')
await ace('demo:seed')
await buildConsole()

const url = env.APP_URL || `http://localhost:${env.PORT || 3333}`
if (simulated) {
  mkdirSync(path.join(backend, 'tmp'), { recursive: true })
  const membersFile = path.join(backend, 'tmp', 'wecom-demo-members.json')
  const { output } = await must('node', ['ace', 'wecom:demo-fixture', '--out', membersFile], { cwd: backend, capture: true })
  Object.assign(process.env, {
    WECOM_SIM_PORT: '3399',
    WECOM_CALLBACK_URL: `http://127.0.0.1:${env.PORT || 3333}/api/v1/integrations/wecom/callback`,
    WECOM_SIM_STAFF: output.trim().split('\n').at(-1),
    WECOM_SIM_MEMBERS: membersFile,
    WECOM_SIM_SEED_CONTACTS: '400',
    WECOM_SIM_SCENARIO: '1',
  })
}

startRoles(simulated ? ['wecom', 'web', 'worker'] : ['web', 'worker'], {
  mode: 'source',
  onReady: () => {
    run('node', ['ace', 'demo:chat'], { cwd: backend, capture: true }).then(({ output }) => {
      const link = output.trim().split('\n').at(-1)
      if (link?.includes('/m/chat')) console.log(`\n  A member's chat page (one-time link, with guide.sh001.1): ${link}\n`)
    })
    if (simulated) {
      run('node', ['ace', 'wecom:demo-codes'], { cwd: backend }).then(() =>
        run('node', ['ace', 'wecom:sync', '--kind', 'full'], { cwd: backend })
      )
    }
    console.log(`
  Rapport is running: ${url}

  Demo logins (password Rapport#2026):
    admin           admin@rapport.demo
    HQ operator     hq@rapport.demo
    store manager   manager.sh001@rapport.demo
    guide           guide.sh001.1@rapport.demo

  WeCom: ${simulated ? 'the simulator at http://127.0.0.1:3399 plays a day at the stores (new contacts, groups, chats)' : env.WECOM_API_BASE}

  Ctrl-C stops everything.
`)
  },
})
