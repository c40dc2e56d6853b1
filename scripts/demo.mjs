/*
 * npm run demo: the product, running, with demo data. Idempotent: installs what is missing,
 * creates the database, migrates, seeds the demo brand once, builds the console when its
 * sources changed, then runs web + worker in the foreground until Ctrl-C.
 */
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { backend, buildConsole, buildPackages, checkServices, installDependencies, must, readEnv, startRoles } from './lib.mjs'

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
await checkServices({ dbHost: env.DB_HOST, dbPort: env.DB_PORT, redisHost: env.REDIS_HOST, redisPort: env.REDIS_PORT })

await buildPackages()
const ace = (...args) => must('node', ['ace', ...args], { cwd: backend })
await ace('db:create')
await ace('migration:run', '--force')
await ace('demo:seed')
await buildConsole()

const url = env.APP_URL || `http://localhost:${env.PORT || 3333}`
startRoles(['web', 'worker'], {
  mode: 'source',
  onReady: () => {
    console.log(`
  Rapport is running: ${url}

  Demo logins (password Rapport#2026):
    admin           admin@rapport.demo
    HQ operator     hq@rapport.demo
    store manager   manager.sh001@rapport.demo
    guide           guide.sh001.1@rapport.demo

  Ctrl-C stops everything.
`)
  },
})
