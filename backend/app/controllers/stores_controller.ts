import type { HttpContext } from '@adonisjs/core/http'
import Store from '#models/store'
import Region from '#models/region'
import CreateStore from '#actions/stores/create_store'
import UpdateStore from '#actions/stores/update_store'
import CreateRegion from '#actions/stores/create_region'
import StorePolicy from '#policies/store_policy'
import { DataScope } from '#policies/data_scope'
import { paginate } from '#queries/paginate'
import { actor } from '#services/audit'
import { presentStore } from '#controllers/presenters'
import { containing } from '#queries/like'
import {
  createRegionValidator,
  createStoreValidator,
  listStoresValidator,
  updateStoreValidator,
} from '#validators/store'

export default class StoresController {
  async index({ auth, bouncer, request }: HttpContext) {
    await bouncer.with(StorePolicy).authorize('viewList')
    const filters = await request.validateUsing(listStoresValidator, { data: request.qs() })
    const query = DataScope.of(auth.getUserOrFail())
      .stores(Store.query())
      .preload('region')
      .withCount('staff', (q) => q.as('staff_count'))
      .orderBy('code')
    if (filters.q) {
      const like = containing(filters.q)
      query.where((q) => q.where('code', 'like', like).orWhere('name', 'like', like).orWhere('city', 'like', like))
    }
    if (filters.region_id) query.where('region_id', filters.region_id)
    return paginate(query, filters, presentStore)
  }

  async store(ctx: HttpContext) {
    const { auth, bouncer, request, response } = ctx
    await bouncer.with(StorePolicy).authorize('manage')
    const input = await request.validateUsing(createStoreValidator)
    const store = await new CreateStore().handle(
      { code: input.code, name: input.name, city: input.city, regionId: input.region_id },
      actor.staff(auth.getUserOrFail(), ctx)
    )
    await store.load('region')
    return response.created(presentStore(store))
  }

  async update(ctx: HttpContext) {
    const { auth, bouncer, request, params } = ctx
    await bouncer.with(StorePolicy).authorize('manage')
    const input = await request.validateUsing(updateStoreValidator)
    const store = await new UpdateStore().handle(
      Number(params.id),
      { name: input.name, city: input.city, regionId: input.region_id, status: input.status },
      actor.staff(auth.getUserOrFail(), ctx)
    )
    await store.load('region')
    return presentStore(store)
  }

  async regions() {
    const regions = await Region.query().orderBy('code')
    return { data: regions.map((r) => ({ id: r.id, code: r.code, name: r.name })) }
  }

  async createRegion(ctx: HttpContext) {
    const { auth, bouncer, request, response } = ctx
    await bouncer.with(StorePolicy).authorize('manage')
    const input = await request.validateUsing(createRegionValidator)
    const region = await new CreateRegion().handle(input, actor.staff(auth.getUserOrFail(), ctx))
    return response.created({ id: region.id, code: region.code, name: region.name })
  }
}
