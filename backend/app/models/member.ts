import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import Tier from '#models/tier'
import Store from '#models/store'
import Staff from '#models/staff'
import MemberIdentity from '#models/member_identity'
import { Gender, MemberStatus, RegisterChannel } from '#enums/loyalty'

export default class Member extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare memberNo: string

  @column()
  declare phone: string | null

  @column()
  declare name: string | null

  @column()
  declare gender: Gender

  @column.date()
  declare birthday: DateTime | null

  @column()
  declare registerChannel: RegisterChannel

  @column()
  declare registerStoreId: number | null

  @column()
  declare ownerStaffId: number | null

  @column()
  declare tierId: number

  @column.dateTime()
  declare tierSince: DateTime

  @column()
  declare pointsBalance: number

  @column({ columnName: 'spend_365d', serializeAs: 'spend_365d' })
  declare spend365d: string

  @column({ consume: (value) => Boolean(value) })
  declare marketingConsent: boolean

  @column.dateTime()
  declare consentAt: DateTime | null

  @column()
  declare consentChannel: string | null

  @column()
  declare consentStoreId: number | null

  @column()
  declare consentNoticeVersion: string | null

  @column()
  declare referralCode: string

  @column()
  declare referredById: number | null

  @column()
  declare status: MemberStatus

  @column()
  declare mergedIntoId: number | null

  @column()
  declare lifetimeSpend: string

  @column()
  declare orderCount: number

  @column.dateTime()
  declare firstPurchaseAt: DateTime | null

  /** The last purchase still not (fully) returned. */
  @column.dateTime()
  declare lastPurchaseAt: DateTime | null

  @column()
  declare favoriteCategory: string | null

  @column()
  declare favoriteSku: string | null

  @column()
  declare favoriteStoreId: number | null

  /** Local weekday, Mon=1. */
  @column()
  declare favoriteWeekday: number | null

  @column()
  declare favoriteHour: number | null

  @column()
  declare rfmR: number | null

  @column()
  declare rfmF: number | null

  @column()
  declare rfmM: number | null

  @column()
  declare rfmGroup: string | null

  @belongsTo(() => Tier)
  declare tier: BelongsTo<typeof Tier>

  @belongsTo(() => Store, { foreignKey: 'registerStoreId' })
  declare registerStore: BelongsTo<typeof Store>

  @belongsTo(() => Staff, { foreignKey: 'ownerStaffId' })
  declare owner: BelongsTo<typeof Staff>

  @hasMany(() => MemberIdentity)
  declare identities: HasMany<typeof MemberIdentity>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
