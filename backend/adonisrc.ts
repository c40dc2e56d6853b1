import { defineConfig } from '@adonisjs/core/app'

export default defineConfig({
  commands: [
    () => import('@adonisjs/core/commands'),
    () => import('@adonisjs/lucid/commands'),
  ],

  providers: [
    () => import('@adonisjs/core/providers/app_provider'),
    () => import('@adonisjs/core/providers/hash_provider'),
    {
      file: () => import('@adonisjs/core/providers/repl_provider'),
      environment: ['repl', 'test'],
    },
    () => import('@adonisjs/core/providers/vinejs_provider'),
    () => import('@adonisjs/cors/cors_provider'),
    () => import('@adonisjs/lucid/database_provider'),
    () => import('@adonisjs/auth/auth_provider'),
    () => import('@adonisjs/redis/redis_provider'),
    () => import('@adonisjs/limiter/limiter_provider'),
    () => import('@adonisjs/bouncer/bouncer_provider'),
    () => import('@adonisjs/static/static_provider'),
    () => import('#providers/queue_provider'),
    () => import('#providers/app_provider'),
    () => import('#providers/realtime_provider'),
  ],

  // Not kernel and limiter too: routes imports them, and Adonis imports preloads concurrently,
  // which on Node 20 can run routes before a module it shares with another preload has finished
  // (seen as "Cannot access 'apiThrottle' before initialization" at start).
  preloads: [
    () => import('#start/routes'),
    { file: () => import('#start/jobs'), environment: ['console', 'web', 'test'] },
  ],

  tests: {
    suites: [
      { name: 'unit', files: ['tests/unit/**/*.spec(.ts|.js)'], timeout: 5000 },
      { name: 'functional', files: ['tests/functional/**/*.spec(.ts|.js)'], timeout: 30000 },
      { name: 'realtime', files: ['tests/realtime/**/*.spec(.ts|.js)'], timeout: 30000 },
      { name: 'browser', files: ['tests/browser/**/*.spec(.ts|.js)'], timeout: 60000 },
    ],
    forceExit: false,
  },

  metaFiles: [{ pattern: 'public/**', reloadServer: false }],
})
