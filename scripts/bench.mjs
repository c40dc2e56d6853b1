/*
 * npm run bench [-- --quick] [--members N] [--seed S] [--only name]: the benchmark suite
 * (CONTRACTS section 9). Installs and builds what the backend loads, points everything at the
 * bench database (rapport_bench) and Redis DB 3 (never the dev or test ones), migrates, then
 * runs the scenarios in the backend (`node ace bench:run`, backend/tests/bench/). The web
 * process the HTTP and socket scenarios need listens on port 3395. BENCH_DB_DATABASE,
 * BENCH_REDIS_DB and BENCH_PORT move all three (npm test's smoke run has its own).
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { backend, buildPackages, checkServices, installDependencies, must, readEnv } from './lib.mjs'

await installDependencies()

// backend/.env (when there is one) for where MySQL and Redis are; everything else is the bench's own.
const LOCAL_SOCKET = '/run/mysqld/mysqld.sock'
const base = readEnv(path.join(backend, '.env.example'))
const local = existsSync(path.join(backend, '.env')) ? readEnv(path.join(backend, '.env')) : {}
const bench = {
  ...base,
  ...local,
  ...pick(process.env, ['DB_HOST', 'DB_PORT', 'DB_SOCKET', 'DB_USER', 'DB_PASSWORD', 'REDIS_HOST', 'REDIS_PORT', 'REDIS_PASSWORD']),
  NODE_ENV: 'production',
  HOST: '127.0.0.1',
  PORT: process.env.BENCH_PORT || '3395',
  APP_URL: `http://127.0.0.1:${process.env.BENCH_PORT || '3395'}`,
  APP_KEY: 'bench-app-key-not-secret-0123456789abcdef',
  LOG_LEVEL: 'warn',
  DB_DATABASE: process.env.BENCH_DB_DATABASE || 'rapport_bench',
  REDIS_DB: process.env.BENCH_REDIS_DB || '3',
}
bench.QUEUE_PREFIX = bench.DB_DATABASE
// MySQL on this machine is reached over its Unix socket, as a deployment beside its database
// would be (both Rapport and the bare paths): TCP over loopback cost a fifth of an order's CPU here.
if (!bench.DB_SOCKET && ['127.0.0.1', 'localhost'].includes(bench.DB_HOST) && existsSync(LOCAL_SOCKET)) bench.DB_SOCKET = LOCAL_SOCKET
Object.assign(process.env, bench)

await checkServices({ dbHost: bench.DB_HOST, dbPort: bench.DB_PORT, redisHost: bench.REDIS_HOST, redisPort: bench.REDIS_PORT })
await buildPackages()
// The web process the scenarios start runs the production build, as `npm start` does.
await must('npm', ['run', 'build', '--silent', '-w', 'backend'])
const ace = (...args) => must('node', ['ace', ...args], { cwd: backend })
await ace('db:create')
await ace('migration:run', '--force')
await ace('bench:run', ...process.argv.slice(2))

function pick(source, keys) {
  return Object.fromEntries(keys.filter((k) => source[k] !== undefined).map((k) => [k, source[k]]))
}
