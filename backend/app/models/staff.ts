import { DateTime } from 'luxon'
import hash from '@adonisjs/core/services/hash'
import { compose } from '@adonisjs/core/helpers'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { withAuthFinder } from '@adonisjs/auth/mixins/lucid'
import Store from '#models/store'
import { HQ_ROLES, StaffRole, StaffStatus } from '#enums/staff'
import { StaffTokensProvider } from '#services/staff_tokens'

const AuthFinder = withAuthFinder(() => hash.use('scrypt'), {
  uids: ['email'],
  passwordColumnName: 'password',
})

export default class Staff extends compose(BaseModel, AuthFinder) {
  static table = 'staff'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare staffNo: string | null

  @column()
  declare name: string

  @column()
  declare email: string

  @column({ serializeAs: null })
  declare password: string

  @column()
  declare role: StaffRole

  @column()
  declare storeId: number | null

  @column()
  declare wecomUserId: string | null

  @column()
  declare status: StaffStatus

  @belongsTo(() => Store)
  declare store: BelongsTo<typeof Store>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  static accessTokens = new StaffTokensProvider({
    tokenableModel: Staff,
    expiresIn: '30 days',
    prefix: 'rps_',
    table: 'auth_access_tokens',
    type: 'staff_token',
    tokenSecretLength: 40,
  })

  get isHq() {
    return HQ_ROLES.includes(this.role)
  }
}
