import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import app from '@adonisjs/core/services/app'
import env from '#start/env'

/**
 * The web role from the production build (backend/build, made by scripts/bench.mjs), as
 * `npm start` runs it, on `port` (the bench's PORT, set by scripts/bench.mjs, and the next
 * ones): for the scenarios that go over HTTP or sockets. Not from source: the TypeScript
 * loader's hooks cost every lazy import, and routes import their middleware and controllers
 * lazily on each request.
 * BENCH_CPU_PROF=<dir> profiles it (`node --cpu-prof`; the profile is written when it stops).
 */
export function startWeb(log: (line: string) => void, port: number = env.get('PORT')): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : []
    const child = spawn('node', [...profile, 'bin/server.js'], {
      cwd: path.join(app.appRoot.pathname, 'build'),
      // "started HTTP server" is an info line: the readiness signal, as in startRoles.
      env: { ...process.env, PORT: String(port), LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    const onData = (chunk: Buffer) => {
      output += chunk
      if (/started HTTP server/.test(output)) resolve(child)
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', (chunk) => {
      output += chunk
      log(`[web] ${String(chunk).trimEnd()}`)
    })
    child.once('exit', (code) => reject(new Error(`web exited (${code}) before listening:\n${output.slice(-2000)}`)))
    child.once('error', (error) => reject(new Error(`web did not start (is there a build? npm run bench makes one): ${error.message}`)))
  })
}

export async function stopWeb(web: ChildProcess) {
  if (web.exitCode !== null) return
  // The listener that failed a start before "listening" would misreport this stop.
  web.removeAllListeners('exit')
  const exited = new Promise((resolve) => web.once('exit', resolve))
  web.kill('SIGTERM')
  await exited
}
