/*
 * Behaviour events, RFM and the member portrait.
 */
import router from '@adonisjs/core/services/router'
import { integrationRoutes, staffRoutes } from '#start/routes/groups'
import { IntegrationScope } from '#enums/integration'

const MemberEventsController = () => import('#controllers/member_events_controller')
const PortraitsController = () => import('#controllers/portraits_controller')

staffRoutes(() => {
  router.get('members/:id/timeline', [PortraitsController, 'timeline']).where('id', router.matchers.number())
  router.get('events/settings', [MemberEventsController, 'settings'])
  router.put('events/settings', [MemberEventsController, 'updateSettings'])
})

integrationRoutes(IntegrationScope.Events, () => {
  router.post('events', [MemberEventsController, 'ingest'])
})
