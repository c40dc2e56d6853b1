/*
 * WeCom syncs (full or incremental): start one, list them, follow one.
 */
import router from '@adonisjs/core/services/router'
import { staffRoutes } from '#start/routes/groups'

const WecomSyncsController = () => import('#controllers/wecom_syncs_controller')

const id = router.matchers.number()

staffRoutes(() => {
  router.get('wecom/syncs', [WecomSyncsController, 'index'])
  router.post('wecom/syncs', [WecomSyncsController, 'store'])
  router.get('wecom/syncs/:id', [WecomSyncsController, 'show']).where('id', id)
})
