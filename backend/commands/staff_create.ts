import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { errors as vineErrors } from '@vinejs/vine'
import CreateStaff from '#actions/staff/create_staff'
import { ApiException } from '#exceptions/api_exceptions'
import { createStaffValidator } from '#validators/staff'
import { actor } from '#services/audit'

/**
 * `node ace staff:create --email E --password P --role R --name N [--store CODE] [--staff-no NO]`
 * Prints `{"id": ...}` on its last line.
 */
export default class StaffCreate extends BaseCommand {
  static commandName = 'staff:create'
  static description = 'Create a staff account (admin, hq_operator, store_manager, guide)'
  static options: CommandOptions = { startApp: true }

  @flags.string({ required: true }) declare email: string
  @flags.string({ required: true }) declare password: string
  @flags.string({ required: true, description: 'admin | hq_operator | store_manager | guide' }) declare role: string
  @flags.string({ required: true }) declare name: string
  @flags.string({ description: 'Store code (required for store_manager and guide)' }) declare store?: string
  @flags.string({ flagName: 'staff-no' }) declare staffNo?: string

  async run() {
    try {
      const input = await createStaffValidator.validate({
        email: this.email,
        password: this.password,
        role: this.role,
        name: this.name,
        store_code: this.store,
        staff_no: this.staffNo,
      })
      const staff = await new CreateStaff().handle(
        {
          ...input,
          storeCode: input.store_code,
          staffNo: input.staff_no,
        },
        actor.system('ace staff:create')
      )
      this.logger.log(JSON.stringify({ id: staff.id }))
    } catch (error) {
      this.exitCode = 1
      if (error instanceof vineErrors.E_VALIDATION_ERROR) {
        for (const m of error.messages as { field: string; message: string }[]) {
          this.logger.error(`--${m.field.replace('store_code', 'store').replace('_', '-')}: ${m.message}`)
        }
      } else if (error instanceof ApiException) {
        this.logger.error(error.message)
      } else {
        throw error
      }
    }
  }
}
