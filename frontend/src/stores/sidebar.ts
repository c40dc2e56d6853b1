import { defineStore } from 'pinia'
import { wecomApi, type WecomContact } from '@/api/wecom'
import { userMessage } from '@/api/errors'
import { currentExternalUserId } from '@/wecom/jssdk'
import { initialUiFlags } from './list'
import { useMemberStore } from './member'

/**
 * The WeCom chat toolbar: which customer the chat is with (the JS-SDK, or `?external_userid=`),
 * their contact record and the member it is bound to (loaded into the member store).
 */
export const useSidebarStore = defineStore('sidebar', {
  state: () => ({
    externalUserId: null as string | null,
    contact: null as WecomContact | null,
    /** True once the contact was looked for (found or not). */
    identified: false,
    uiFlags: initialUiFlags(),
  }),

  actions: {
    async identify(fromQuery: unknown) {
      this.uiFlags.isFetching = true
      this.uiFlags.fetchError = null
      try {
        this.externalUserId = await currentExternalUserId(fromQuery)
        this.contact = null
        if (this.externalUserId) {
          const page = await wecomApi.contacts({ q: this.externalUserId, per_page: 10 }, { silent: true })
          // The search also matches names and remarks: prefer the exact id.
          this.contact = page.data.find((contact) => contact.external_userid === this.externalUserId) ?? null
          if (this.contact?.member) await useMemberStore().load(this.contact.member.id)
        }
        this.identified = true
      } catch (error) {
        this.uiFlags.fetchError = userMessage(error)
      } finally {
        this.uiFlags.isFetching = false
      }
    },
  },
})
