/*
 * WeCom handovers (客户继承): a staff member's customers and groups to another.
 */
import router from '@adonisjs/core/services/router'
import { staffRoutes } from '#start/routes/groups'

const WecomHandoversController = () => import('#controllers/wecom_handovers_controller')

staffRoutes(() => {
  router.get('wecom/handovers', [WecomHandoversController, 'index'])
  router.post('wecom/handovers', [WecomHandoversController, 'store'])
  router.get('wecom/handovers/:id', [WecomHandoversController, 'show']).where('id', router.matchers.number())
})
