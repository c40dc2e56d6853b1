import { onBeforeUnmount, ref } from 'vue'

/** Phones and narrow windows, where the side menu becomes a drawer. */
export const MOBILE_QUERY = '(max-width: 768px)'

export function useIsMobile(query = MOBILE_QUERY) {
  const media = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(query) : null
  const isMobile = ref(media?.matches ?? false)
  const update = (event: MediaQueryListEvent) => (isMobile.value = event.matches)
  media?.addEventListener('change', update)
  onBeforeUnmount(() => media?.removeEventListener('change', update))
  return isMobile
}
