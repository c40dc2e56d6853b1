import { spawn, type ChildProcess } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
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
const running = new Set<ChildProcess>()

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
      if (/started HTTP server/.test(output)) {
        // Ready: what it prints from now on is drained, not kept.
        child.stdout!.off('data', onData).resume()
        running.add(child)
        resolve(child)
      }
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
  running.delete(web)
  if (web.exitCode !== null) return
  // The listener that failed a start before "listening" would misreport this stop.
  web.removeAllListeners('exit')
  const exited = new Promise((resolve) => web.once('exit', resolve))
  web.kill('SIGTERM')
  await exited
}

/**
 * CPU time (user + system, ms) the web processes running now and MariaDB have used so far,
 * from Linux's /proc (zero elsewhere): what an operation costs each, whatever else the machine
 * is doing at the time.
 */
export function cpuUsed() {
  const web = [...running].reduce((sum, child) => sum + (child.pid ? cpuOf(child.pid) : 0), 0)
  return { web, db: mariadb ? cpuOf(mariadb) : 0 }
}

const TICK_MS = 10 // USER_HZ is 100 on Linux

function cpuOf(pid: number) {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS
  } catch {
    return 0
  }
}

const mariadb = (() => {
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue
      const name = readFileSync(`/proc/${entry}/comm`, 'utf8').trim()
      if (name === 'mariadbd' || name === 'mysqld') return Number(entry)
    }
  } catch {}
  return null
})()
