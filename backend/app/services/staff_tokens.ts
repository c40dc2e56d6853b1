import { AccessToken, DbAccessTokensProvider } from '@adonisjs/auth/access_tokens'
import type { Secret } from '@adonisjs/core/helpers'
import type { LucidModel } from '@adonisjs/lucid/types/model'
import { lastUseIsStale } from '#services/last_use'

/**
 * Staff access tokens as AdonisJS keeps them, but `verify` writes `last_used_at` only for a
 * token that verified (AdonisJS writes it before checking the secret, so any request naming a
 * token's id cost a write), and at most once a minute, as every other last use.
 */
export class StaffTokensProvider<Model extends LucidModel> extends DbAccessTokensProvider<Model> {
  async verify(tokenValue: Secret<string>) {
    const decoded = AccessToken.decode(this.prefix, tokenValue.release())
    if (!decoded) return null
    const db = await this.getDb()
    const row = await db.from(this.table).where({ id: decoded.identifier, type: this.type }).first()
    if (!row) return null
    const token = this.dbRowToAccessToken(row)
    if (!token.verify(decoded.secret) || token.isExpired()) return null
    if (lastUseIsStale(token.lastUsedAt)) {
      await db.from(this.table).where({ id: row.id, type: row.type }).update({ last_used_at: new Date() })
    }
    return token
  }
}
