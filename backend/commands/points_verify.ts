import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import db from '@adonisjs/lucid/services/db'

/**
 * `node ace points:verify`: proves that every member's balance equals the sum of their ledger
 * entries, and that the last entry's balance_after equals it too. Exits 1 on any difference.
 */
export default class PointsVerify extends BaseCommand {
  static commandName = 'points:verify'
  static description = 'Check balance = sum of points entries for every member'
  static options: CommandOptions = { startApp: true }

  async run() {
    const [rows] = await db.rawQuery(`
      SELECT m.id, m.member_no, m.points_balance, COALESCE(s.total, 0) AS total, last.balance_after
      FROM members m
      LEFT JOIN (SELECT member_id, SUM(points) AS total, MAX(id) AS last_id FROM points_entries GROUP BY member_id) s
        ON s.member_id = m.id
      LEFT JOIN points_entries last ON last.id = s.last_id
      WHERE m.points_balance <> COALESCE(s.total, 0)
         OR (last.id IS NOT NULL AND last.balance_after <> m.points_balance)
      LIMIT 100`)
    const [[{ members }]] = await db.rawQuery('SELECT COUNT(*) AS members FROM members')
    if (rows.length) {
      for (const row of rows) {
        this.logger.error(
          `${row.member_no}: balance ${row.points_balance}, entries sum ${row.total}, last balance_after ${row.balance_after}`
        )
      }
      this.exitCode = 1
      return
    }
    this.logger.success(`${members} members: every balance equals the sum of its entries`)
  }
}
