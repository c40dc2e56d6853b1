/*
 * npm start (web + worker), npm run start:web, npm run start:worker: the production roles,
 * from the build made by `npm run build`. Configuration comes from the environment
 * (backend/.env is read when present).
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { backend, readEnv, startRoles } from './lib.mjs'

if (!existsSync(path.join(backend, 'build', 'bin', 'server.js'))) {
  console.error('✖ No production build: run "npm run build" first.')
  process.exit(1)
}
const envFile = path.join(backend, '.env')
if (existsSync(envFile)) {
  for (const [key, value] of Object.entries(readEnv(envFile))) process.env[key] ??= value
}
process.env.NODE_ENV ??= 'production'
const role = process.argv[2]
startRoles(role ? [role] : ['web', 'worker'], { mode: 'build' })
