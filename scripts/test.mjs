/*
 * npm test: installs what is missing, builds what the tests load, prepares the test database
 * (the backend's test bootstrap creates and migrates rapport_test) and runs every suite:
 * unit (sop, integrations), frontend units (Vitest), backend unit/functional/realtime/browser
 * (Japa), then the benchmark suite at small scale as a smoke check (its own database, no
 * thresholds; it counts no tests but must succeed). Ends with one line "N passed, N failed";
 * the exit code is the verdict, and a run in which no test ran fails.
 */
import { buildConsole, buildPackages, checkServices, installDependencies, root, run } from './lib.mjs'
import path from 'node:path'

await installDependencies()
await checkServices()
await buildPackages()
await buildConsole()

const suites = [
  { name: 'unit (sop, integrations)', command: 'npm', args: ['run', 'test:unit', '-w', 'tests'] },
  { name: 'frontend (vitest)', command: 'npm', args: ['run', 'test', '-w', 'frontend'] },
  { name: 'backend (japa)', command: 'node', args: ['ace', 'test'], cwd: path.join(root, 'backend') },
  {
    name: 'benchmarks (npm run bench -- --quick)',
    command: 'node',
    args: ['scripts/bench.mjs', '--quick'],
    env: { BENCH_DB_DATABASE: 'rapport_bench_smoke', BENCH_REDIS_DB: '4', BENCH_PORT: '3393' },
    smoke: true,
  },
]

let passed = 0
let failed = 0
const broken = []
for (const suite of suites) {
  console.log(`\n▸ ${suite.name}`)
  const result = await run(suite.command, suite.args, { cwd: suite.cwd ?? root, capture: true, env: { FORCE_COLOR: '0', ...suite.env } })
  const counts = summary(result.output)
  passed += counts.passed
  failed += counts.failed
  if (result.code !== 0 || (!suite.smoke && counts.passed + counts.failed === 0)) broken.push(suite.name)
}

if (broken.length) console.error(`\n✖ Failed or ran no test: ${broken.join(', ')}`)
console.log(`\n${passed} passed, ${failed} failed`)
process.exit(broken.length || failed || passed === 0 ? 1 : 0)

/**
 * Japa and Vitest both close with a line like "Tests  6 passed, 1 failed (7)".
 */
function summary(output) {
  const plain = output.replace(/\x1b\[[0-9;]*m/g, '')
  const line = plain.split('\n').reverse().find((l) => /^\s*Tests\s+/.test(l)) ?? ''
  const number = (word) => Number(line.match(new RegExp(`(\\d+) ${word}`))?.[1] ?? 0)
  return { passed: number('passed'), failed: number('failed') }
}
