import { defineStore } from 'pinia'
import type { SessionReadyPayload } from '@/realtime/events'

export enum RealtimeStatus {
  Connecting = 'connecting',
  Connected = 'connected',
  Disconnected = 'disconnected',
}

export const useRealtimeStore = defineStore('realtime', {
  state: () => ({
    status: RealtimeStatus.Disconnected,
    /** Rooms the server put this console in, from `session:ready`. */
    rooms: [] as string[],
    staffId: null as number | null,
    /** Why the last connection attempt or connection ended. */
    lastError: null as string | null,
  }),

  getters: {
    isLive: (state) => state.status === RealtimeStatus.Connected,
  },

  actions: {
    markConnecting() {
      this.status = RealtimeStatus.Connecting
    },

    markConnected() {
      this.status = RealtimeStatus.Connected
      this.lastError = null
    },

    markDisconnected(reason?: string) {
      this.status = RealtimeStatus.Disconnected
      this.rooms = []
      if (reason) this.lastError = reason
    },

    onSessionReady(payload: SessionReadyPayload) {
      this.staffId = payload.staff_id
      this.rooms = payload.rooms
    },

    reset() {
      this.$reset()
    },
  },
})
