import { defineConfig } from '@adonisjs/cors'

/**
 * The console is served by the same origin; cross-origin callers are integrations, which
 * authenticate with signatures, not cookies.
 */
const corsConfig = defineConfig({
  enabled: true,
  origin: true,
  methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
  headers: true,
  exposeHeaders: [],
  credentials: false,
  maxAge: 90,
})

export default corsConfig
