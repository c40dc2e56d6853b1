/**
 * The page to open after login. Only paths inside the console are accepted, so a crafted
 * `?redirect=//evil.example` link cannot send someone off-site.
 */
export function safeRedirect(value: unknown): string {
  const target = Array.isArray(value) ? value[0] : value
  if (typeof target !== 'string') return '/'
  if (!target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) return '/'
  if (target.startsWith('/login')) return '/'
  return target
}
