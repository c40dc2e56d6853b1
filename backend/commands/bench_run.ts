import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import mysql from 'mysql2/promise'
import redis from '@adonisjs/redis/services/main'
import env from '#start/env'
import { ensureDataset } from '#tests/bench/dataset'
import { machineFacts, runScenario, table, writeResults, type BenchContext, type ScenarioResult } from '#tests/bench/harness'
import { scenarios } from '#tests/bench/scenarios/index'

/**
 * `node ace bench:run`: the TypeScript half of `npm run bench` (scripts/bench.mjs prepares the
 * bench database and Redis DB, then runs this). Loads the dataset when needed, runs the
 * scenarios, prints the table and writes tests/bench/results/<timestamp>.json.
 */
export default class BenchRun extends BaseCommand {
  static commandName = 'bench:run'
  static description = 'Run the benchmark scenarios against the bench database (use npm run bench)'
  static options: CommandOptions = { startApp: true }

  @flags.boolean({ description: 'Small scale and short runs (under two minutes)' })
  declare quick: boolean

  @flags.number({ description: 'Members in the dataset (default 1,000,000; 2,000 with --quick)' })
  declare members: number

  @flags.number({ description: 'Seed of the data generator', default: 1 })
  declare seed: number

  @flags.array({ description: 'Run only scenarios whose name starts with this (repeatable)' })
  declare only: string[]

  @flags.number({ description: 'Web processes for the HTTP scenarios, on consecutive ports (default 1)' })
  declare webProcesses: number

  async run() {
    if (!/bench/.test(env.get('DB_DATABASE'))) throw new Error('bench:run only runs against a bench database (npm run bench sets it)')
    const options = { quick: Boolean(this.quick), members: this.members ?? (this.quick ? 2000 : 1_000_000), seed: this.seed ?? 1, only: this.only ?? [], webProcesses: Math.max(1, this.webProcesses ?? 1) }
    const pool = mysql.createPool({
      host: env.get('DB_HOST'),
      port: env.get('DB_PORT'),
      socketPath: env.get('DB_SOCKET'),
      user: env.get('DB_USER'),
      password: env.get('DB_PASSWORD'),
      database: env.get('DB_DATABASE'),
      connectionLimit: 16,
      timezone: 'Z',
    })
    const log = (line: string) => console.log(line)
    try {
      const dataset = await ensureDataset(pool, options.members, options.seed, log)
      const context: BenchContext = { options, dataset, pool, log }
      const chosen = scenarios.filter((s) => !options.only.length || options.only.some((o) => s.name === o || s.name.split(':')[0] === o || s.name.startsWith(o)))
      if (!chosen.length) throw new Error(`No scenario matches --only ${options.only.join(', ')}`)
      const results: ScenarioResult[] = []
      for (const scenario of chosen) results.push(await runScenario(scenario, context))

      console.log(`\n${table(results)}\n`)
      for (const r of results) if (r.check) console.log(`  ${r.name}: ${r.check}`)
      const machine = await machineFacts(pool, await redis.info('server'))
      const file = writeResults({ at: new Date().toISOString(), options, dataset: { members: dataset.members, seed: dataset.seed, asOf: dataset.asOf }, machine, results })
      console.log(`\n${machine.cores} cores, ${machine.memoryGb} GB, node ${machine.node}, MariaDB ${machine.mariadb}, Redis ${machine.redis}`)
      console.log(`Results: ${file}`)
    } catch (error) {
      this.exitCode = 1
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error))
    } finally {
      await pool.end()
    }
  }
}
