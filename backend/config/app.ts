import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { Secret } from '@adonisjs/core/helpers'
import { defineConfig } from '@adonisjs/core/http'

/**
 * The app key signs tokens and encrypts integration secrets. Keep it secret.
 */
export const appKey = new Secret(env.get('APP_KEY'))

/**
 * The enterprise's one time zone: weekdays, hours, birthdays and "daily" are local to it.
 */
export const timezone = env.get('APP_TIMEZONE', 'Asia/Shanghai')

export const appUrl = env.get('APP_URL', `http://localhost:${env.get('PORT')}`)

export const http = defineConfig({
  generateRequestId: true,
  allowMethodSpoofing: false,
  useAsyncLocalStorage: false,
  /**
   * Behind a load balancer, trust its X-Forwarded-For so rate limits and the audit log see
   * the client's address. Only loopback and private ranges are trusted.
   */
  trustProxy: (address) => /^(127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|::1$)/.test(address),
  cookie: {
    domain: '',
    path: '/',
    maxAge: '2h',
    httpOnly: true,
    secure: app.inProduction,
    sameSite: 'lax',
  },
})
