/*
 * WeCom customer groups: list and detail (members and history), scoped by group owner.
 */
import router from '@adonisjs/core/services/router'
import { staffRoutes } from '#start/routes/groups'

const WecomGroupsController = () => import('#controllers/wecom_groups_controller')

const id = router.matchers.number()

staffRoutes(() => {
  router.get('wecom/groups', [WecomGroupsController, 'index'])
  router.get('wecom/groups/:id', [WecomGroupsController, 'show']).where('id', id)
})
