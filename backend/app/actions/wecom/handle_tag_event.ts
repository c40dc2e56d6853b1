import type { WecomEvent } from '@rapport/wecom'
import { syncCorpTags } from '#services/wecom_tags'

type TagEvent = Extract<WecomEvent, { kind: 'tag' }>

/**
 * change_external_tag: an admin changed corp tags in WeCom. The callback names only the tag or
 * group, so we ask WeCom how things stand and converge: a tag is pulled by its id (a tag WeCom
 * no longer lists is removed here); a group event (created, renamed, deleted, re-ordered) and
 * a shuffle pull every tag, which is one call and the only way to see what a group lost.
 * Re-running converges on the same state, so a retried callback is harmless.
 */
export default class HandleTagEvent {
  async handle(event: TagEvent) {
    if (event.tagType === 'tag' && event.changeType !== 'shuffle' && event.id) {
      return syncCorpTags({ tagIds: [event.id] })
    }
    return syncCorpTags()
  }
}
