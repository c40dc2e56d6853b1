/*
 * Shared by the root commands (demo, test, start, bench): run children, install what is
 * missing, check that MySQL and Redis answer. Plain Node, no dependencies: it runs before
 * `npm install` has.
 */
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import net from 'node:net'
import { fileURLToPath } from 'node:url'
import path from 'node:path'

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const backend = path.join(root, 'backend')

/**
 * Runs a command, streaming its output; with `capture`, also returns what it printed.
 */
export function run(command, args, { cwd = root, env = {}, capture = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    })
    let output = ''
    if (capture) {
      for (const stream of [child.stdout, child.stderr]) {
        stream.on('data', (chunk) => {
          output += chunk
          process.stdout.write(chunk)
        })
      }
    }
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }))
  })
}

export async function must(command, args, options) {
  const result = await run(command, args, options)
  if (result.code !== 0) {
    console.error(`\n✖ ${command} ${args.join(' ')} failed (exit ${result.code})`)
    process.exit(result.code || 1)
  }
  return result
}

/**
 * `npm install` when node_modules is missing or older than package-lock.json.
 */
export async function installDependencies() {
  const marker = path.join(root, 'node_modules', '.package-lock.json')
  const lock = path.join(root, 'package-lock.json')
  const stale = !existsSync(marker) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs)
  if (stale) {
    console.log('▸ Installing dependencies (npm install)…')
    await must('npm', ['install', '--no-audit', '--no-fund'])
  }
}

/**
 * The shared packages (sop, integrations/*) are compiled to dist/ before the backend loads them.
 */
export async function buildPackages() {
  await must('npm', ['run', 'build', '--silent', '-w', 'sop', '-w', 'integrations/pos', '-w', 'integrations/wecom'])
}

function reachable(host, port, timeoutMs = 1500) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port })
    const done = (ok) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(timeoutMs, () => done(false))
    socket.once('connect', () => done(true))
    socket.once('error', () => done(false))
  })
}

/**
 * Stops with a message naming the dependency that does not answer, and how to start it.
 */
export async function checkServices({ dbHost = '127.0.0.1', dbPort = 3306, redisHost = '127.0.0.1', redisPort = 6379 } = {}) {
  const missing = []
  if (!(await reachable(dbHost, Number(dbPort)))) missing.push(`MySQL/MariaDB at ${dbHost}:${dbPort}`)
  if (!(await reachable(redisHost, Number(redisPort)))) missing.push(`Redis at ${redisHost}:${redisPort}`)
  if (missing.length) {
    console.error(`\n✖ Cannot reach ${missing.join(' and ')}.`)
    console.error('  Start them with Docker:   docker compose up -d mysql redis')
    console.error('  or locally, e.g.:         sudo service mariadb start; redis-server --daemonize yes')
    process.exit(1)
  }
}

/**
 * KEY=VALUE lines of an env file (comments and blanks skipped).
 */
export function readEnv(file) {
  const values = {}
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = line.match(/^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/)
    if (match) values[match[1]] = match[2].replace(/^['"]|['"]$/g, '')
  }
  return values
}

/**
 * Builds the console into backend/public, unless it is newer than every frontend source.
 */
export async function buildConsole({ force = false } = {}) {
  const built = path.join(backend, 'public', 'index.html')
  const sources = path.join(root, 'frontend')
  if (!force && existsSync(built) && newestMtime(sources) < statSync(built).mtimeMs) return
  console.log('▸ Building the console')
  await must('npm', ['run', 'build', '-w', 'frontend'])
}

function newestMtime(dir) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue
    const full = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs)
  }
  return newest
}

/**
 * Runs the web and/or worker roles as child processes in the foreground. `mode: 'source'`
 * runs the TypeScript sources (demo), `'build'` the production build. Ctrl-C (or SIGTERM)
 * stops every child gracefully; if one dies, the others are stopped too.
 */
export function startRoles(roles, { mode, onReady } = {}) {
  const cwd = mode === 'build' ? path.join(backend, 'build') : backend
  const loader = mode === 'build' ? [] : ['--import', 'ts-node-maintained/register/esm']
  const commands = {
    web: [...loader, mode === 'build' ? 'bin/server.js' : 'bin/server.ts'],
    worker: ['ace.js', 'queue:work'],
    wecom: [path.join(root, 'integrations', 'wecom', 'dist', 'simulator', 'cli.js')],
  }
  const children = roles.map((role) => {
    const child = spawn('node', commands[role], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: process.env })
    const tag = `[${role}]`.padEnd(9)
    for (const stream of [child.stdout, child.stderr]) {
      let buffer = ''
      stream.on('data', (chunk) => {
        buffer += chunk
        const lines = buffer.split('\n')
        buffer = lines.pop()
        for (const line of lines) {
          process.stdout.write(`${tag}${line}\n`)
          if (role === 'web' && /started HTTP server/.test(line)) onReady?.()
        }
      })
    }
    child.on('exit', (code, signal) => {
      console.log(`${tag}exited (${signal ?? code})`)
      if (!stopping) stop(code || 1)
    })
    return child
  })

  let stopping = false
  function stop(code = 0) {
    if (stopping) return
    stopping = true
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM')
    const timer = setTimeout(() => {
      for (const child of children) if (child.exitCode === null) child.kill('SIGKILL')
    }, 10_000)
    Promise.all(children.map((child) => (child.exitCode !== null ? null : new Promise((r) => child.once('exit', r))))).then(
      () => {
        clearTimeout(timer)
        process.exit(code)
      }
    )
  }
  process.on('SIGINT', () => stop(0))
  process.on('SIGTERM', () => stop(0))
}
