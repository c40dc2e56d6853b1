import { Bouncer } from '@adonisjs/bouncer'
import type Staff from '#models/staff'
import { StaffRole } from '#enums/staff'

/**
 * Admin-only functions (integration apps, audit log, queues, settings).
 */
export const administer = Bouncer.ability((staff: Staff) => staff.role === StaffRole.Admin)
