import { defineConfig } from '@adonisjs/core/bodyparser'

/**
 * JSON only: every API speaks JSON. One megabyte at most (CONTRACTS section 7); the limit is
 * checked before any signature, so an oversized webhook answers 413 first.
 */
const bodyParserConfig = defineConfig({
  allowedMethods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  json: {
    encoding: 'utf-8',
    limit: '1mb',
    strict: true,
    types: [
      'application/json',
      'application/json-patch+json',
      'application/vnd.api+json',
      'application/csp-report',
    ],
  },
  form: {
    convertEmptyStringsToNull: true,
    types: ['application/x-www-form-urlencoded'],
    limit: '1mb',
  },
  raw: {
    /**
     * WeCom posts XML callbacks; they are verified on the raw text.
     */
    types: ['text/xml', 'application/xml', 'text/plain'],
    limit: '1mb',
  },
  multipart: {
    autoProcess: false,
    processManually: [],
    convertEmptyStringsToNull: true,
    limit: '1mb',
    types: ['multipart/form-data'],
  },
})

export default bodyParserConfig
