/*
 * Japa entry point for the cross-package suites. Specs import their package's source directly
 * (`../src/*.js`), so nothing needs building first; ts-node (swc, tests/tsconfig.json) compiles
 * them wherever they live. Run a suite by name: `node --import ts-node-maintained/register/esm
 * bin/test.ts unit`.
 */
import { fileURLToPath } from 'node:url'
import { assert } from '@japa/assert'
import { configure, processCLIArgs, run } from '@japa/runner'
import type { PluginFn } from '@japa/runner/types'

/** Globs are relative to tests/, whatever the working directory. */
const TESTS_ROOT = fileURLToPath(new URL('../', import.meta.url))

/**
 * Japa exits 0 when nothing ran (a glob that matches no file, a filter that matches no test),
 * which would let a broken suite pass silently. Remember whether a run finished and how many
 * tests it counted, and fail afterwards when that count is zero.
 */
let finishedRunTotal: number | undefined
const countTests: PluginFn = ({ runner, emitter }) => {
  emitter.on('runner:end', () => {
    finishedRunTotal = runner.getSummary().aggregates.total
  })
}

processCLIArgs(process.argv.slice(2))
configure({
  cwd: TESTS_ROOT,
  suites: [
    {
      name: 'unit',
      files: [
        '../sop/tests/**/*.spec.ts',
        '../integrations/*/tests/**/*.spec.ts',
        'unit/**/*.spec.ts',
      ],
    },
  ],
  plugins: [assert(), countTests],
})

await run()

if (finishedRunTotal === 0) {
  console.error('No tests ran: the suite globs or filters matched nothing. Failing on purpose.')
  process.exitCode = 1
}
