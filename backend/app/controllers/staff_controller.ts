import type { HttpContext } from '@adonisjs/core/http'
import Staff from '#models/staff'
import CreateStaff from '#actions/staff/create_staff'
import UpdateStaff from '#actions/staff/update_staff'
import StaffPolicy from '#policies/staff_policy'
import { DataScope } from '#policies/data_scope'
import { paginate } from '#queries/paginate'
import { actor } from '#services/audit'
import { presentStaff } from '#controllers/presenters'
import { createStaffValidator, listStaffValidator, updateStaffValidator } from '#validators/staff'
import { containing } from '#queries/like'

export default class StaffController {
  async index({ auth, bouncer, request }: HttpContext) {
    await bouncer.with(StaffPolicy).authorize('viewList')
    const filters = await request.validateUsing(listStaffValidator, { data: request.qs() })
    const query = DataScope.of(auth.getUserOrFail())
      .staff(Staff.query())
      .preload('store')
      .orderBy('id', 'desc')
    if (filters.q) {
      const like = containing(filters.q)
      query.where((q) => q.where('name', 'like', like).orWhere('email', 'like', like).orWhere('staff_no', 'like', like))
    }
    if (filters.role) query.where('role', filters.role)
    if (filters.status) query.where('status', filters.status)
    if (filters.store_id) query.where('store_id', filters.store_id)
    return paginate(query, filters, presentStaff)
  }

  async show({ auth, bouncer, params }: HttpContext) {
    await bouncer.with(StaffPolicy).authorize('viewList')
    const staff = await DataScope.of(auth.getUserOrFail())
      .staff(Staff.query())
      .where('id', params.id)
      .preload('store')
      .firstOrFail()
    return presentStaff(staff)
  }

  async store(ctx: HttpContext) {
    const { auth, bouncer, request, response } = ctx
    await bouncer.with(StaffPolicy).authorize('create')
    const input = await request.validateUsing(createStaffValidator)
    const staff = await new CreateStaff().handle(
      {
        name: input.name,
        email: input.email,
        password: input.password,
        role: input.role,
        storeId: input.store_id,
        storeCode: input.store_code,
        staffNo: input.staff_no,
        wecomUserId: input.wecom_user_id,
      },
      actor.staff(auth.getUserOrFail(), ctx)
    )
    await staff.load('store')
    return response.created(presentStaff(staff))
  }

  async update(ctx: HttpContext) {
    const { auth, bouncer, request, params } = ctx
    await bouncer.with(StaffPolicy).authorize('update')
    const input = await request.validateUsing(updateStaffValidator)
    const staff = await new UpdateStaff().handle(
      Number(params.id),
      {
        name: input.name,
        email: input.email,
        password: input.password,
        role: input.role,
        storeId: input.store_id,
        staffNo: input.staff_no,
        wecomUserId: input.wecom_user_id,
        status: input.status,
      },
      actor.staff(auth.getUserOrFail(), ctx)
    )
    await staff.load('store')
    return presentStaff(staff)
  }
}
