import { defineConfig } from '@adonisjs/static'

/**
 * The built console (frontend/ builds into backend/public) is served from "/".
 */
const staticServerConfig = defineConfig({
  enabled: true,
  etag: true,
  lastModified: true,
  dotFiles: 'ignore',
})

export default staticServerConfig
