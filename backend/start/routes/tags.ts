/*
 * Tags, auto-tag rules and saved segments.
 */
import router from '@adonisjs/core/services/router'
import { staffRoutes } from '#start/routes/groups'

const TagsController = () => import('#controllers/tags_controller')
const AutoTagRulesController = () => import('#controllers/auto_tag_rules_controller')
const SavedSegmentsController = () => import('#controllers/saved_segments_controller')

const id = router.matchers.number()

staffRoutes(() => {
  router.get('tag-groups', [TagsController, 'groups'])
  router.post('tag-groups', [TagsController, 'createGroup'])

  // Tags are addressed by code: the code is what definitions and integrations use.
  router.get('tags', [TagsController, 'index'])
  router.post('tags', [TagsController, 'store'])
  router.get('tags/:code', [TagsController, 'show'])
  router.patch('tags/:code', [TagsController, 'update'])
  router.delete('tags/:code', [TagsController, 'destroy'])
  router.post('tags/:code/members', [TagsController, 'tagMembers'])
  router.post('tags/:code/segment', [TagsController, 'tagSegment'])

  router.get('members/:id/tags', [TagsController, 'memberTags']).where('id', id)
  router.post('members/:id/tags', [TagsController, 'tagMember']).where('id', id)
  router.delete('members/:id/tags/:code', [TagsController, 'untagMember']).where('id', id)

  router.get('auto-tag-rules', [AutoTagRulesController, 'index'])
  router.post('auto-tag-rules', [AutoTagRulesController, 'store'])
  router.get('auto-tag-rules/:id', [AutoTagRulesController, 'show']).where('id', id)
  router.patch('auto-tag-rules/:id', [AutoTagRulesController, 'update']).where('id', id)
  router.delete('auto-tag-rules/:id', [AutoTagRulesController, 'destroy']).where('id', id)
  router.get('auto-tag-rules/:id/hits', [AutoTagRulesController, 'hits']).where('id', id)

  router.get('segments', [SavedSegmentsController, 'index'])
  router.post('segments', [SavedSegmentsController, 'store'])
  router.get('segments/:id', [SavedSegmentsController, 'show']).where('id', id)
  router.patch('segments/:id', [SavedSegmentsController, 'update']).where('id', id)
  router.delete('segments/:id', [SavedSegmentsController, 'destroy']).where('id', id)
  router.get('segments/:id/members', [SavedSegmentsController, 'members']).where('id', id)
  router.post('segments/:id/refresh', [SavedSegmentsController, 'refresh']).where('id', id)
})
