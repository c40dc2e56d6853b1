/*
 * Environment variables, validated at boot: a missing or malformed one stops the process
 * with a message naming it.
 */
import { Env } from '@adonisjs/core/env'

export default await Env.create(new URL('../', import.meta.url), {
  NODE_ENV: Env.schema.enum(['development', 'production', 'test'] as const),
  PORT: Env.schema.number(),
  HOST: Env.schema.string({ format: 'host' }),
  APP_KEY: Env.schema.string(),
  APP_URL: Env.schema.string.optional(),
  APP_TIMEZONE: Env.schema.string.optional(),
  LOG_LEVEL: Env.schema.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const),

  DB_HOST: Env.schema.string({ format: 'host' }),
  DB_PORT: Env.schema.number(),
  DB_SOCKET: Env.schema.string.optional(),
  DB_USER: Env.schema.string(),
  DB_PASSWORD: Env.schema.string.optional(),
  DB_DATABASE: Env.schema.string(),

  REDIS_HOST: Env.schema.string({ format: 'host' }),
  REDIS_PORT: Env.schema.number(),
  REDIS_PASSWORD: Env.schema.string.optional(),
  REDIS_DB: Env.schema.number.optional(),
  QUEUE_PREFIX: Env.schema.string.optional(),

  WECOM_API_BASE: Env.schema.string.optional({ format: 'url', tld: false }),
  WECOM_CORP_ID: Env.schema.string.optional(),
  WECOM_SECRET: Env.schema.string.optional(),
  WECOM_AGENT_ID: Env.schema.string.optional(),
  WECOM_CALLBACK_TOKEN: Env.schema.string.optional(),
  WECOM_ENCODING_AES_KEY: Env.schema.string.optional(),
})
