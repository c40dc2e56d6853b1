import os from 'node:os'
import { mkdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import type { Pool } from 'mysql2/promise'
import type { Dataset } from '#tests/bench/dataset'
import { cpuUsed } from '#tests/bench/web'

/**
 * The benchmark harness (CONTRACTS section 9). A scenario does one piece of work two ways, the
 * Rapport way (`run`) and with the bare dependency (`bare`); the harness drives both with the
 * same load for the same time, and reports throughput and latency percentiles of each. The load
 * is a closed loop (`concurrency` operations in flight, each starting when the last ends) or an
 * open one (`rate` operations started per second, whether or not the earlier ones are done).
 * Adding a scenario is one file in scenarios/ and one line in scenarios/index.ts.
 */
/** `webProcesses`: web processes the HTTP scenarios spread their requests over (the role scales out). */
export type BenchOptions = { quick: boolean; members: number; seed: number; only: string[]; webProcesses: number }

export type BenchContext = {
  options: BenchOptions
  dataset: Dataset
  /** mysql2 pool on the bench database: the bare paths' client, 16 connections. */
  pool: Pool
  log: (line: string) => void
}

/**
 * Closed loop: operations in flight at once. Open loop: operations started per second, each
 * timed from when it was due, so a slow server is not hidden by starting fewer operations.
 */
export type Load = { concurrency: number; rate?: undefined } | { rate: number; concurrency?: undefined }

export type Scenario<State = any> = Load & {
  name: string
  /** What one operation is, for the table's legend. */
  describe: string
  setup(context: BenchContext): Promise<State>
  /** One operation the Rapport way; `i` is unique within the run, for unique keys. */
  run(state: State, i: number): Promise<void>
  /** The same operation with the bare dependency. */
  bare(state: State, i: number): Promise<void>
  /** Throws when the two paths disagree (e.g. a segment's members). Run once, untimed. */
  verify?(state: State): Promise<string | void>
  teardown?(state: State): Promise<void>
}

/** `cpu`: milliseconds of CPU per operation in the web processes and in MariaDB. */
export type Measurement = { ops: number; seconds: number; opsPerSec: number; p50: number; p95: number; p99: number; cpu: { web: number; db: number } }
export type ScenarioResult = Load & { name: string; describe: string; rapport: Measurement; bare: Measurement; ratio: number; check?: string }

type Timing = { durationMs: number; minOps: number; base?: number }

/**
 * Runs `op` under the load until the time is up (and at least `minOps` ran): from `concurrency`
 * loops, or started every 1000/`rate` ms and awaited together at the end.
 */
export async function measure(op: (i: number) => Promise<void>, o: Load & Timing): Promise<Measurement> {
  const latencies: number[] = []
  // A timer can fire up to a millisecond before the fraction it was set for: an operation that
  // starts before it is due is timed from its start.
  const timed = async (i: number, due: number) => {
    const from = Math.min(due, performance.now())
    await op((o.base ?? 0) + i)
    latencies.push(performance.now() - from)
  }
  const start = performance.now()
  const cpuBefore = cpuUsed()
  if (o.rate !== undefined) {
    const interval = 1000 / o.rate
    const count = Math.max(o.minOps, Math.round(o.durationMs / interval))
    const running: Promise<void>[] = []
    for (let i = 0; i < count; i++) {
      const due = start + i * interval
      const wait = due - performance.now()
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
      running.push(timed(i, due))
    }
    await Promise.all(running)
  } else {
    let next = 0
    const deadline = start + o.durationMs
    const loop = async () => {
      while (performance.now() < deadline || next < o.minOps) await timed(next++, performance.now())
    }
    await Promise.all(Array.from({ length: o.concurrency }, loop))
  }
  const seconds = (performance.now() - start) / 1000
  const cpuAfter = cpuUsed()
  const perOp = (used: number) => used / Math.max(1, latencies.length)
  const cpu = { web: perOp(cpuAfter.web - cpuBefore.web), db: perOp(cpuAfter.db - cpuBefore.db) }
  latencies.sort((a, b) => a - b)
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)] ?? 0
  return { ops: latencies.length, seconds, opsPerSec: latencies.length / seconds, p50: at(0.5), p95: at(0.95), p99: at(0.99), cpu }
}

export async function runScenario(scenario: Scenario, context: BenchContext): Promise<ScenarioResult> {
  const { quick } = context.options
  const load: Load = scenario.rate !== undefined ? { rate: scenario.rate } : { concurrency: scenario.concurrency }
  const timing = { ...load, durationMs: quick ? 3000 : 20_000, minOps: quick ? 3 : 10 }
  const warmup = { ...load, durationMs: quick ? 500 : 3000, minOps: scenario.concurrency ?? 1 }
  context.log(`▸ ${scenario.name}: setup`)
  const state = await scenario.setup(context)
  try {
    const check = (await scenario.verify?.(state)) ?? undefined
    // Alternate the paths' warm-up so neither measures a cold cache or a cold JIT alone.
    await measure((i) => scenario.run(state, i), { ...warmup, base: 1_000_000_000 })
    await measure((i) => scenario.bare(state, i), { ...warmup, base: 1_000_000_000 })
    context.log(`▸ ${scenario.name}: rapport`)
    const rapport = await measure((i) => scenario.run(state, i), timing)
    context.log(`▸ ${scenario.name}: bare`)
    const bare = await measure((i) => scenario.bare(state, i), timing)
    return { name: scenario.name, describe: scenario.describe, ...load, rapport, bare, ratio: rapport.opsPerSec / bare.opsPerSec, check }
  } finally {
    await scenario.teardown?.(state)
  }
}

export function table(results: ScenarioResult[]) {
  const n = (v: number, digits = 0) => v.toFixed(digits)
  const ms = (m: Measurement) => `${n(m.p50, 1)}/${n(m.p95, 1)}/${n(m.p99, 1)}`
  const rows = [
    ['scenario', 'conc', 'rapport ops/s', 'bare ops/s', 'ratio', 'rapport p50/p95/p99 ms', 'bare p50/p95/p99 ms', 'CPU ms/op web+db / bare db'],
    ...results.map((r) => [
      r.name,
      r.rate ? `${r.rate}/s` : String(r.concurrency),
      n(r.rapport.opsPerSec, 1),
      n(r.bare.opsPerSec, 1),
      n(r.ratio, 2),
      ms(r.rapport),
      ms(r.bare),
      `${n(r.rapport.cpu.web, 2)}+${n(r.rapport.cpu.db, 2)} / ${n(r.bare.cpu.db, 2)}`,
    ]),
  ]
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)))
  const line = (row: string[]) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')
  return [line(rows[0]), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n')
}

export async function machineFacts(pool: Pool, redisInfo: string) {
  const [rows] = await pool.query('SELECT VERSION() AS version')
  return {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    platform: `${os.platform()} ${os.release()}`,
    node: process.version,
    mariadb: (rows as { version: string }[])[0].version,
    redis: redisInfo.match(/redis_version:(\S+)/)?.[1] ?? 'unknown',
  }
}

/** tests/bench/results/ at the repository root (CONTRACTS section 9). */
export function writeResults(report: unknown) {
  const dir = fileURLToPath(new URL('../../../tests/bench/results/', import.meta.url))
  mkdirSync(dir, { recursive: true })
  const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
  writeFileSync(file, JSON.stringify(report, null, 2) + '\n')
  return file
}
