import os from 'node:os'
import { mkdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import type { Pool } from 'mysql2/promise'
import type { Dataset } from '#tests/bench/dataset'

/**
 * The benchmark harness (CONTRACTS section 9). A scenario does one piece of work two ways, the
 * Rapport way (`run`) and with the bare dependency (`bare`); the harness drives both with the
 * same concurrency for the same time, and reports throughput and latency percentiles of each.
 * Adding a scenario is one file in scenarios/ and one line in scenarios/index.ts.
 */
export type BenchOptions = { quick: boolean; members: number; seed: number; only: string[] }

export type BenchContext = {
  options: BenchOptions
  dataset: Dataset
  /** mysql2 pool on the bench database: the bare paths' client, 16 connections. */
  pool: Pool
  log: (line: string) => void
}

export type Scenario<State = any> = {
  name: string
  /** What one operation is, for the table's legend. */
  describe: string
  /** Operations in flight at once, in both paths. */
  concurrency: number
  setup(context: BenchContext): Promise<State>
  /** One operation the Rapport way; `i` is unique within the run, for unique keys. */
  run(state: State, i: number): Promise<void>
  /** The same operation with the bare dependency. */
  bare(state: State, i: number): Promise<void>
  /** Throws when the two paths disagree (e.g. a segment's members). Run once, untimed. */
  verify?(state: State): Promise<string | void>
  teardown?(state: State): Promise<void>
}

export type Measurement = { ops: number; seconds: number; opsPerSec: number; p50: number; p95: number; p99: number }
export type ScenarioResult = { name: string; describe: string; concurrency: number; rapport: Measurement; bare: Measurement; ratio: number; check?: string }

/** Runs `op` from `concurrency` loops until the time is up (and at least `minOps` ran). */
export async function measure(op: (i: number) => Promise<void>, o: { concurrency: number; durationMs: number; minOps: number; base?: number }): Promise<Measurement> {
  const latencies: number[] = []
  let next = 0
  const start = performance.now()
  const deadline = start + o.durationMs
  const loop = async () => {
    while (performance.now() < deadline || next < o.minOps) {
      const i = next++
      const began = performance.now()
      await op((o.base ?? 0) + i)
      latencies.push(performance.now() - began)
    }
  }
  await Promise.all(Array.from({ length: o.concurrency }, loop))
  const seconds = (performance.now() - start) / 1000
  latencies.sort((a, b) => a - b)
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)] ?? 0
  return { ops: latencies.length, seconds, opsPerSec: latencies.length / seconds, p50: at(0.5), p95: at(0.95), p99: at(0.99) }
}

export async function runScenario(scenario: Scenario, context: BenchContext): Promise<ScenarioResult> {
  const { quick } = context.options
  const timing = { concurrency: scenario.concurrency, durationMs: quick ? 3000 : 20_000, minOps: quick ? 3 : 10 }
  const warmup = { concurrency: scenario.concurrency, durationMs: quick ? 500 : 3000, minOps: scenario.concurrency }
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
    return { name: scenario.name, describe: scenario.describe, concurrency: scenario.concurrency, rapport, bare, ratio: rapport.opsPerSec / bare.opsPerSec, check }
  } finally {
    await scenario.teardown?.(state)
  }
}

export function table(results: ScenarioResult[]) {
  const n = (v: number, digits = 0) => v.toFixed(digits)
  const ms = (m: Measurement) => `${n(m.p50, 1)}/${n(m.p95, 1)}/${n(m.p99, 1)}`
  const rows = [
    ['scenario', 'conc', 'rapport ops/s', 'bare ops/s', 'ratio', 'rapport p50/p95/p99 ms', 'bare p50/p95/p99 ms'],
    ...results.map((r) => [r.name, String(r.concurrency), n(r.rapport.opsPerSec, 1), n(r.bare.opsPerSec, 1), n(r.ratio, 2), ms(r.rapport), ms(r.bare)]),
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
